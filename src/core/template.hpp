#pragma once
// Text templates over the context: "{{location.city}}" or "{{location.city|there}}".
// The result is plain text (the JS inserts it with textContent), bounded in length.

#include <string>
#include <string_view>

#include "json_read.hpp"

namespace shopkeeper {

class Validator;

/// The most bytes a rendered text and one inserted value may have.
struct TemplateLimits {
  static constexpr std::size_t kOutputBytes = 4096;
  static constexpr std::size_t kValueBytes = 256;
};

/// Reports malformed placeholders of `text` and paths that can name nothing in the context, at `path`.
void check_template(Validator& v, std::string_view text, const std::string& path);

/// Renders `text`: each placeholder becomes the value at its dot path in `context` (strings,
/// numbers and booleans as text); a missing, empty or structured value becomes the fallback, or "".
std::string render_template(std::string_view text, const json& context);

/// Renders the text fields of an action (title, body, text, labels, ...; never links) in place.
void render_action_text(json& action, const json& context);

}  // namespace shopkeeper
