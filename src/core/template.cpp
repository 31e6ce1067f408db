#include "template.hpp"

#include <cmath>
#include <utility>

#include "context_roots.hpp"
#include "decimal.hpp"
#include "rules_validator.hpp"
#include "text.hpp"

namespace shopkeeper {

namespace {

/// One placeholder: the text between "{{" and "}}".
struct Placeholder {
  std::string_view path;
  std::string_view fallback;
};

Placeholder split(std::string_view inner) {
  Placeholder p;
  auto bar = inner.find('|');
  p.path = trim_ascii(inner.substr(0, bar));
  if (bar != std::string_view::npos) p.fallback = trim_ascii(inner.substr(bar + 1));
  return p;
}

bool valid_path(std::string_view path) {
  if (path.empty() || path.front() == '.' || path.back() == '.') return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              (c == '.' && path[i - 1] != '.');
    if (!ok) return false;
  }
  return true;
}

const json* lookup(const json& context, std::string_view path) {
  const json* at = &context;
  while (at) {
    auto dot = path.find('.');
    std::string step(path.substr(0, dot));
    if (at->is_object()) {
      at = member(*at, step.c_str());
    } else if (at->is_array() && !step.empty() && step.find_first_not_of("0123456789") == std::string::npos && step.size() < 6) {
      std::size_t i = 0;
      for (char c : step) i = i * 10 + static_cast<std::size_t>(c - '0');
      at = i < at->size() ? &(*at)[i] : nullptr;
    } else {
      at = nullptr;
    }
    if (dot == std::string_view::npos) break;
    path.remove_prefix(dot + 1);
  }
  return at;
}

// printf's "%.10g" of a finite nonzero `d`: ten significant digits, trailing zeros dropped,
// fixed notation from 1e-4 up to 1e10, else d.ddde±XX.
std::string general_format(double d) {
  std::string out = d < 0 ? "-" : "";
  decimal::Digits r = decimal::rounded(d < 0 ? -d : d, 10);
  std::string_view digits(r.d, static_cast<std::size_t>(r.count));
  if (r.point >= -3 && r.point <= 10) {
    if (r.point <= 0) {
      out.append("0.").append(static_cast<std::size_t>(-r.point), '0').append(digits);
    } else if (r.count <= r.point) {
      out.append(digits).append(static_cast<std::size_t>(r.point - r.count), '0');
    } else {
      out.append(digits.substr(0, static_cast<std::size_t>(r.point))).append(".").append(digits.substr(static_cast<std::size_t>(r.point)));
    }
    return out;
  }
  out += digits[0];
  if (r.count > 1) out.append(".").append(digits.substr(1));
  int e = r.point - 1;
  out += e < 0 ? "e-" : "e+";
  if (e < 0) e = -e;
  if (e >= 100) out += static_cast<char>('0' + e / 100);
  out += static_cast<char>('0' + e / 10 % 10);
  out += static_cast<char>('0' + e % 10);
  return out;
}

std::string as_text(const json* v) {
  if (!v) return {};
  if (v->is_string()) return v->get<std::string>();
  if (v->is_boolean()) return v->get<bool>() ? "true" : "false";
  if (v->is_number_integer()) return dump_json(*v);
  if (v->is_number()) {
    double d = v->get<double>();
    if (!std::isfinite(d)) return {};
    if (d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<int64_t>(d));
    return general_format(d);
  }
  return {};
}

}  // namespace

void check_template(Validator& v, std::string_view text, const std::string& path) {
  for (std::size_t open = text.find("{{"); open != std::string_view::npos; open = text.find("{{", open + 2)) {
    auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) return v.fail("invalid_template", "a {{ has no closing }}", path);
    Placeholder p = split(text.substr(open + 2, close - open - 2));
    if (!valid_path(p.path)) {
      return v.fail("invalid_template", "{{" + std::string(p.path) + "}} is not a dot path such as {{product.name}}", path);
    }
    if (std::string problem = unknown_context_path(p.path, v.campaigns); !problem.empty()) return v.fail("unknown_context_key", std::move(problem), path);
    open = close;
  }
}

std::string render_template(std::string_view text, const json& context) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size() && out.size() < TemplateLimits::kOutputBytes) {
    auto open = text.find("{{", pos);
    auto close = open == std::string_view::npos ? open : text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    Placeholder p = split(text.substr(open + 2, close - open - 2));
    std::string value = valid_path(p.path) ? as_text(lookup(context, p.path)) : std::string();
    truncate_utf8(value, TemplateLimits::kValueBytes);
    out += value.empty() ? std::string(p.fallback) : value;
    pos = close + 2;
  }
  truncate_utf8(out, TemplateLimits::kOutputBytes);
  return out;
}

void render_action_text(json& action, const json& context) {
  static const char* const kFields[] = {"title", "body", "text", "closeLabel", "placeholder", "submitLabel", "successTitle", "successBody"};
  auto render = [&](json& obj, const char* key) {
    auto it = obj.find(key);
    if (it != obj.end() && it->is_string()) *it = render_template(it->get_ref<const std::string&>(), context);
  };
  for (const char* key : kFields) render(action, key);
  if (action.contains("cta") && action["cta"].is_object()) render(action["cta"], "label");
}

}  // namespace shopkeeper
