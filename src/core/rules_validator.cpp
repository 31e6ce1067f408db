#include "rules_validator.hpp"

#include <algorithm>
#include <utility>

#include "text.hpp"

namespace shopkeeper {

std::string child_path(const std::string& path, std::string_view key) {
  std::string out;
  out.reserve(path.size() + 1 + key.size());
  out += path;
  out += '/';
  out += key;
  return out;
}

void Validator::fail(const char* code, std::string message, const std::string& path) {
  errors_.push_back({code, std::move(message), path});
}

void Validator::known_keys(const json& obj, std::initializer_list<const char*> allowed, const std::string& path) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* k) { return it.key() == k; });
    if (!known) fail("unknown_field", "unknown field \"" + it.key() + "\"", child_path(path, pointer_segment(it.key())));
  }
}

const json* Validator::object(const json& obj, const char* key, const std::string& path) {
  const json* v = member(obj, key);
  if (v && !v->is_object()) {
    fail("invalid_type", std::string(key) + " must be an object", child_path(path, key));
    return nullptr;
  }
  return v;
}

double Validator::number(const json& obj, const char* key, double lo, double hi, double fallback, const std::string& path) {
  const json* v = member(obj, key);
  if (!v) return fallback;
  double d = v->is_number() ? v->get<double>() : lo - 1;
  if (!(d >= lo && d <= hi)) {
    fail("invalid_number", std::string(key) + " must be a number from " + dump_json(json(lo)) + " to " + dump_json(json(hi)), child_path(path, key));
    return fallback;
  }
  return d;
}

bool Validator::boolean(const json& obj, const char* key, bool fallback, const std::string& path) {
  const json* v = member(obj, key);
  if (!v) return fallback;
  if (!v->is_boolean()) {
    fail("invalid_boolean", std::string(key) + " must be true or false", child_path(path, key));
    return fallback;
  }
  return v->get<bool>();
}

std::string Validator::text(const json& obj, const char* key, bool required, const std::string& path, std::size_t max) {
  const json* v = member(obj, key);
  if (!v) {
    if (required) fail("missing_field", std::string(key) + " is required", child_path(path, key));
    return {};
  }
  if (!v->is_string() || v->get_ref<const std::string&>().empty() || v->get_ref<const std::string&>().size() > max) {
    fail("invalid_text", std::string(key) + " must be a non-empty string of at most " + std::to_string(max) + " bytes", child_path(path, key));
    return {};
  }
  return v->get<std::string>();
}

std::string Validator::link(const json& obj, const char* key, bool required, const std::string& path) {
  std::string s = text(obj, key, required, path);
  if (!s.empty() && !is_link(s)) {
    fail("invalid_link", "links must be a path starting with / or an http(s) URL", child_path(path, key));
    return {};
  }
  return s;
}


int64_t Validator::integer(const json& obj, const char* key, int64_t lo, int64_t hi, int64_t fallback, const std::string& path) {
  const json* v = member(obj, key);
  if (!v) return fallback;
  auto n = as_whole(v);
  if (!n || *n < lo || *n > hi) {
    fail("invalid_number", std::string(key) + " must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi),
         child_path(path, key));
    return fallback;
  }
  return *n;
}

std::string Validator::choice(const json& obj, const char* key, std::initializer_list<const char*> choices, const char* fallback,
                              const std::string& path) {
  const json* v = member(obj, key);
  if (!v) return fallback;
  for (const char* c : choices) {
    if (*v == c) return c;
  }
  std::string list;
  for (const char* c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
  fail("invalid_choice", std::string(key) + " must be one of " + list, child_path(path, key));
  return fallback;
}

}  // namespace shopkeeper
