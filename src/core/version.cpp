#include "version.hpp"

#include "js_value.hpp"

namespace shopkeeper {

namespace {

// Where the text after the last line terminator starts: `\+.*$` cannot match
// across one, since `.` does not match line terminators.
std::size_t after_last_line_terminator(std::string_view s) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\r') start = i + 1;
    bool separator = s[i] == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' && (s[i + 2] == '\xA8' || s[i + 2] == '\xA9');
    if (separator) start = i + 3;
  }
  return start;
}

// Streams paddedVersionString(value) into `put(std::string_view)`, which returns
// false to stop early.
template <class Put>
void emit_padded(const json* value, Put&& put) {
  char number[32];
  std::string_view s = "0";
  if (value && value->is_number()) {
    s = std::string_view(number, js::format_number(js::number_of(*value), number));
  } else if (value && value->is_string() && !value->get_ref<const json::string_t&>().empty()) {
    s = value->get_ref<const json::string_t&>();
  }
  if (!s.empty() && s[0] == 'v') s.remove_prefix(1);
  std::size_t plus = s.find('+', after_last_line_terminator(s));
  if (plus != std::string_view::npos) s = s.substr(0, plus);

  static constexpr std::string_view kSpaces = "     ";
  int parts = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != '-' && s[i] != '.') continue;
    std::string_view part = s.substr(start, i - start);
    start = i + 1;
    if (parts++ > 0 && !put("-")) return;
    bool numeric = !part.empty();
    for (char c : part) numeric = numeric && c >= '0' && c <= '9';
    if (numeric && part.size() < 5 && !put(kSpaces.substr(part.size()))) return;
    if (!put(part)) return;
  }
  if (parts == 3) put("-~");
}

}  // namespace

void padded_version(const json* value, std::string& out) {
  out.clear();
  emit_padded(value, [&](std::string_view piece) {
    out.append(piece);
    return true;
  });
}

int compare_padded_version(const json* value, std::string_view padded) {
  int order = 0;
  emit_padded(value, [&](std::string_view piece) {
    std::size_t n = std::min(piece.size(), padded.size());
    int c = piece.substr(0, n).compare(padded.substr(0, n));
    if (c != 0 || piece.size() > padded.size()) {
      order = c != 0 ? c : 1;
      return false;
    }
    padded.remove_prefix(n);
    return true;
  });
  if (order == 0 && !padded.empty()) order = -1;
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}

}  // namespace shopkeeper
