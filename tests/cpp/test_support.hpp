#pragma once
// Helpers shared by the Catch2 tests: reading files of the source tree.

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace shopkeeper::test {

/// Reads a file given relative to the source tree (the wasm tests read it through NODERAWFS).
inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(SHOPKEEPER_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Parses JSON in tests, where exceptions are welcome.
inline nlohmann::json json_of(const std::string& text) { return nlohmann::json::parse(text); }

}  // namespace shopkeeper::test
