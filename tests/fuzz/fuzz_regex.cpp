// The linear-time regex matcher: input is `flags pattern \0 text`, where the first byte's
// low bit is the i flag. Compiling must fail cleanly or succeed; matching must terminate.

#include <string>

#include "fuzz_support.hpp"
#include "regex.hpp"

using namespace shopkeeper;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  bool ignore_case = data[0] & 1;
  auto in = fuzz::parts(data + 1, size - 1, 2);
  std::string error;
  Regex regex = Regex::compile(in[0], ignore_case, error);
  fuzz::check(regex.valid() == error.empty(), "a regex is valid exactly when there is no error");
  if (!regex.valid()) return 0;
  bool anywhere = regex.search(in[1]);
  // A match in a text is still a match with more text around it, unless anchors or \b/\B are involved.
  if (anywhere && in[0].find_first_of("^$\\") == std::string::npos) {
    fuzz::check(regex.search("\n" + in[1] + "\n"), "a match is found inside a longer text");
  }
  return 0;
}
