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
    if (s.compare(i, 3, "\xE2\x80\xA8") == 0 || s.compare(i, 3, "\xE2\x80\xA9") == 0) start = i + 3;
  }
  return start;
}

void pad_part(std::string_view part, std::string& out) {
  bool numeric = !part.empty();
  for (char c : part) numeric = numeric && c >= '0' && c <= '9';
  if (numeric && part.size() < 5) out.append(5 - part.size(), ' ');
  out.append(part);
}

}  // namespace

void padded_version(const json* value, std::string& out) {
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

  out.clear();
  int parts = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != '-' && s[i] != '.') continue;
    if (parts++ > 0) out.push_back('-');
    pad_part(s.substr(start, i - start), out);
    start = i + 1;
  }
  if (parts == 3) out.append("-~");
}

}  // namespace shopkeeper
