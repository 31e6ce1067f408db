#pragma once
// A problem found in input, reported inside the returned JSON instead of thrown.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace shopkeeper {

/// One problem with an input document: a stable machine code, a human message,
/// and the JSON path (e.g. "/campaigns/2/action/type") of the offending part.
struct Error {
  std::string code;
  std::string message;
  std::string path;
};

/// Escapes one object key for use as a JSON Pointer segment (RFC 6901).
inline std::string pointer_segment(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

/// Renders an error as {"code", "message", "path"}.
inline nlohmann::json to_json(const Error& e) {
  return {{"code", e.code}, {"message", e.message}, {"path", e.path}};
}

/// Renders a list of errors as a JSON array.
inline nlohmann::json to_json(const std::vector<Error>& errors) {
  auto out = nlohmann::json::array();
  for (const auto& e : errors) out.push_back(to_json(e));
  return out;
}

}  // namespace shopkeeper
