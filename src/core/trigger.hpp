#pragma once
// Campaign triggers: the moment a campaign's action may appear. Some are decided
// with the page view (the JS arms them: a delay, a scroll depth, exit intent,
// inactivity), others fire on an event the shop tracks.

#include <cstdint>
#include <string>

#include "json_read.hpp"

namespace shopkeeper {

class Validator;

enum class TriggerType : uint8_t {
  PageView, ScrollDepth, ExitIntent, Inactivity, CheckoutAbandoned, RouteChange,  // decided with a page view
  ProductAdded, ProductRemoved, Custom,                                          // decided by track()
};

/// A campaign's trigger. `spec` is its JSON with defaults filled in, as decisions carry it.
struct Trigger {
  TriggerType type = TriggerType::PageView;
  std::string event;  ///< the tracked event name it fires on; empty for page-view triggers
  json spec = {{"type", "pageView"}, {"delaySeconds", 0}};
};

/// Reads and validates `spec` (absent = a page view without delay).
Trigger parse_trigger(Validator& v, const json* spec, const std::string& path);

/// True when the trigger is decided with a page view (its JS arms it on that page).
inline bool on_page_view(const Trigger& t) { return t.event.empty(); }

/// True when the trigger applies the moment the page is decided, before anything else happens
/// (what boostTiles needs: the ranking is applied at once).
bool immediate(const Trigger& t);

}  // namespace shopkeeper
