// Acquisition: the JSON boundary takes the input as a request; the classifier then takes
// `url \0 referrer \0 refParam` directly, and its result must survive the stored form.

#include <string>

#include "acquisition.hpp"
#include "fuzz_support.hpp"

using namespace shopkeeper;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  fuzz::response(classify_acquisition_json(std::string(reinterpret_cast<const char*>(data), size)));

  auto in = fuzz::parts(data, size, 3);
  AcquisitionRequest request;
  request.url = in[0];
  request.referrer = in[1];
  if (!in[2].empty()) request.ref_param = in[2];
  request.internal_domains = {"shop.example"};
  Acquisition a = classify_acquisition(request);
  fuzz::check(!a.medium.empty(), "an arrival always has a medium");
  if (a.ref_code) fuzz::check(a.ref_code->size() <= 64, "a referral code is bounded");
  auto stored = acquisition_from_json(to_json(a));
  fuzz::check(stored && same_touch(*stored, a), "an arrival survives its stored form");
  return 0;
}
