// The core's JSON reader and writer (parse_json, dump_json) against nlohmann's own parse and
// dump: every input is accepted or refused alike, read as the same value, and written alike
// (doubles may take other shortest digits that read back as the same value).

#include <string>

#include "fuzz_support.hpp"
#include "json_read.hpp"

using namespace shopkeeper;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  json mine = parse_json(text);
  // Both read a NUL byte as the end of the text: nesting after it does not count.
  bool deep = nests_too_deep(std::string_view(text).substr(0, text.find('\0')));
  json theirs = deep ? json(json::value_t::discarded) : json::parse(text, nullptr, /*allow_exceptions=*/false);
  fuzz::check(mine.is_discarded() == theirs.is_discarded(), "the same texts are JSON to both");
  if (mine.is_discarded()) return 0;
  std::string expected = theirs.dump(-1, ' ', false, json::error_handler_t::replace);
  fuzz::check(mine.dump(-1, ' ', false, json::error_handler_t::replace) == expected, "both read the same value");
  std::string written = dump_json(mine);
  if (written != expected) fuzz::check(json::parse(written, nullptr, false) == theirs, "a differing text holds the same value");
  fuzz::check(parse_json(written) == mine, "what is written reads back as the same value");
  return 0;
}
