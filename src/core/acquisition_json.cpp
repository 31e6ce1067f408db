// The JSON boundary of the acquisition classifier: request validation and the response.

#include "acquisition.hpp"
#include "error.hpp"
#include "text.hpp"

namespace shopkeeper {

namespace {

constexpr std::size_t kMaxInternalDomains = 100;
constexpr std::size_t kMaxDomainBytes = 253;
constexpr std::size_t kMaxParamNameBytes = 64;

std::string failure(const std::string& message, const std::string& path) {
  return dump_json({{"ok", false}, {"error", to_json(Error{"invalid_request", message, path})}});
}

/// Copies an optional string member into `out`; false when it is present with another type.
bool read_text(const json& body, const char* key, std::string& out) {
  const json* v = member(body, key);
  if (!v || v->is_null()) return true;
  if (!v->is_string()) return false;
  out = v->get<std::string>();
  return true;
}

bool valid_param_name(const std::string& name) {
  if (name.empty() || name.size() > kMaxParamNameBytes) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

/// "Shop.Example", ".shop.example" and "*.shop.example" all mean shop.example and its
/// subdomains; nullopt for what cannot be a host name.
std::optional<std::string> normalize_domain(std::string_view raw) {
  std::string_view d = trim_ascii(raw);
  if (d.size() >= 2 && d[0] == '*' && d[1] == '.') d.remove_prefix(2);
  while (!d.empty() && d.front() == '.') d.remove_prefix(1);
  while (!d.empty() && d.back() == '.') d.remove_suffix(1);
  if (d.empty() || d.size() > kMaxDomainBytes) return std::nullopt;
  for (char c : d) {
    // Browsers send hosts in ASCII: an internationalized name as punycode (xn--...), never as written.
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x80 ||
        std::string_view("/\\:?#@*").find(c) != std::string_view::npos) {
      return std::nullopt;
    }
  }
  return ascii_lowercase(d);
}

}  // namespace

std::optional<Error> read_acquisition_settings(const json& body, AcquisitionRequest& out, const std::string& path) {
  auto invalid = [](std::string message, std::string at) { return Error{"invalid_request", std::move(message), std::move(at)}; };
  if (!read_text(body, "refParam", out.ref_param) || !valid_param_name(out.ref_param)) {
    return invalid("refParam must be 1 to 64 letters, digits, '_', '-' or '.'", path + "/refParam");
  }
  const json* domains = member(body, "internalDomains");
  if (!domains || domains->is_null()) return std::nullopt;
  if (!domains->is_array() || domains->size() > kMaxInternalDomains) {
    return invalid("internalDomains must be an array of at most 100 domain names", path + "/internalDomains");
  }
  for (std::size_t i = 0; i < domains->size(); ++i) {
    const json& entry = (*domains)[i];
    auto domain = entry.is_string() ? normalize_domain(entry.get<std::string>()) : std::nullopt;
    if (!domain) return invalid("not a domain name in ASCII (write an internationalized one as punycode, xn--...)", path + "/internalDomains/" + std::to_string(i));
    out.internal_domains.push_back(std::move(*domain));
  }
  return std::nullopt;
}

std::string classify_acquisition_json(std::string_view request_json) {
  json body = parse_json(request_json);
  if (body.is_discarded() || !body.is_object()) return failure("the request must be a JSON object", "");
  AcquisitionRequest request;
  if (!read_text(body, "url", request.url)) return failure("url must be a string", "/url");
  if (!read_text(body, "referrer", request.referrer)) return failure("referrer must be a string", "/referrer");
  if (auto error = read_acquisition_settings(body, request, "")) return failure(error->message, error->path);
  json response = to_json(classify_acquisition(request));
  response["ok"] = true;
  return dump_json(response);
}

}  // namespace shopkeeper
