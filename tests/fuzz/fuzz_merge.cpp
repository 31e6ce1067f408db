// Joining two stored profiles (`ours \0 theirs`), as two tabs write them: never fails,
// always yields a readable profile, and the order of the two does not matter.

#include <string>

#include "engine.hpp"
#include "fuzz_support.hpp"
#include "merge.hpp"
#include "profile.hpp"

using namespace shopkeeper;

namespace {

std::string merged(const Engine& engine, const std::string& ours, const std::string& theirs) {
  nlohmann::json request = {{"ours", ours}, {"theirs", theirs}};
  auto res = fuzz::response(engine.merge(request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  fuzz::check(res["ok"].get<bool>() && res["profile"].is_string(), "a merge of two strings succeeds");
  return res["profile"].get<std::string>();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  auto in = fuzz::parts(data, size, 2);
  Engine engine;
  std::string ab = merged(engine, in[0], in[1]);
  ProfileLoad a = parse_profile(in[0]);
  ProfileLoad b = parse_profile(in[1]);
  auto usable = [](const ProfileLoad& l) { return l.status == ProfileStatus::Loaded || l.status == ProfileStatus::Migrated; };
  if (usable(a) || usable(b)) fuzz::check(parse_profile(ab).status == ProfileStatus::Loaded, "the merge of a profile reads back");
  if (usable(a) && usable(b)) {
    std::string ba = serialize_profile(merge_profiles(b.profile, a.profile));
    fuzz::check(ab == ba, "merging is commutative");
  }
  return 0;
}
