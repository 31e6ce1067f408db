#include "trigger.hpp"

#include "rules_validator.hpp"

namespace shopkeeper {

Trigger parse_trigger(Validator& v, const json* spec, const std::string& path) {
  Trigger t;
  if (!spec) return t;
  if (!spec->is_object()) {
    v.fail("invalid_trigger", "trigger must be an object", path);
    return t;
  }
  std::string type = as_string(member(*spec, "type")).value_or("");
  json out = {{"type", type}};
  if (type == "pageView") {
    v.known_keys(*spec, {"type", "delaySeconds"}, path);
    out["delaySeconds"] = v.integer(*spec, "delaySeconds", 0, 3600, 0, path);
  } else if (type == "scrollDepth") {
    t.type = TriggerType::ScrollDepth;
    v.known_keys(*spec, {"type", "percent"}, path);
    if (!member(*spec, "percent")) v.fail("missing_field", "percent is required", child_path(path, "percent"));
    out["percent"] = v.integer(*spec, "percent", 1, 100, 50, path);
  } else if (type == "inactivity") {
    t.type = TriggerType::Inactivity;
    v.known_keys(*spec, {"type", "seconds"}, path);
    if (!member(*spec, "seconds")) v.fail("missing_field", "seconds is required", child_path(path, "seconds"));
    out["seconds"] = v.integer(*spec, "seconds", 1, 3600, 30, path);
  } else if (type == "custom") {
    t.type = TriggerType::Custom;
    v.known_keys(*spec, {"type", "event"}, path);
    t.event = v.text(*spec, "event", true, path, 200);
    out["event"] = t.event;
  } else {
    static const struct { const char* name; TriggerType type; const char* event; } kPlain[] = {
        {"exitIntent", TriggerType::ExitIntent, ""},
        {"checkoutAbandoned", TriggerType::CheckoutAbandoned, ""},
        {"routeChange", TriggerType::RouteChange, ""},
        {"productAdded", TriggerType::ProductAdded, "Product Added"},
        {"productRemoved", TriggerType::ProductRemoved, "Product Removed"},
    };
    const auto* found = std::find_if(std::begin(kPlain), std::end(kPlain), [&](const auto& k) { return type == k.name; });
    if (found == std::end(kPlain)) {
      v.fail("invalid_trigger",
             "trigger.type must be one of pageView, scrollDepth, exitIntent, inactivity, productAdded, productRemoved, "
             "checkoutAbandoned, routeChange, custom",
             child_path(path, "type"));
      return t;
    }
    v.known_keys(*spec, {"type"}, path);
    t.type = found->type;
    t.event = found->event;
  }
  t.spec = std::move(out);
  return t;
}

bool immediate(const Trigger& t) {
  switch (t.type) {
    case TriggerType::PageView: return t.spec.value("delaySeconds", 0) == 0;
    case TriggerType::CheckoutAbandoned:
    case TriggerType::RouteChange: return true;
    default: return false;
  }
}

}  // namespace shopkeeper
