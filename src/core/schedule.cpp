#include "schedule.hpp"

#include "rules_validator.hpp"

namespace shopkeeper {

namespace {

std::string stamp(Validator& v, const json& spec, const char* key, const char* default_time, const std::string& path) {
  const json* value = member(spec, key);
  if (!value) return {};
  std::string out;
  if (!value->is_string() || !parse_local_stamp(value->get_ref<const std::string&>(), default_time, out)) {
    v.fail("invalid_schedule", std::string(key) + " must be a shop-local date \"YYYY-MM-DD\" or time \"YYYY-MM-DDTHH:MM\"",
           child_path(path, key));
  }
  return out;
}

}  // namespace

Schedule parse_schedule(Validator& v, const json* spec, const std::string& path) {
  Schedule s;
  if (!spec) return s;
  if (!spec->is_object()) {
    v.fail("invalid_schedule", "schedule must be an object", path);
    return s;
  }
  v.known_keys(*spec, {"start", "end", "weekdays", "hours"}, path);
  s.start = stamp(v, *spec, "start", "00:00", path);
  s.end = stamp(v, *spec, "end", "23:59", path);
  if (!s.start.empty() && !s.end.empty() && s.end < s.start) {
    v.fail("impossible_schedule", "the schedule ends (" + s.end + ") before it starts (" + s.start + ")", child_path(path, "end"));
  }
  if (const json* days = member(*spec, "weekdays")) {
    s.weekdays = 0;
    if (!days->is_array() || days->empty()) {
      v.fail("impossible_schedule", "weekdays must be a non-empty array of mon, tue, wed, thu, fri, sat, sun", child_path(path, "weekdays"));
      s.weekdays = 0x7f;
    }
    for (std::size_t i = 0; days->is_array() && i < days->size(); ++i) {
      const json& day = (*days)[i];
      int bit = -1;
      for (int d = 0; d < 7; ++d) {
        if (day == kWeekdayNames[d]) bit = d;
      }
      if (bit < 0) {
        v.fail("invalid_schedule", "weekdays are mon, tue, wed, thu, fri, sat, sun", child_path(child_path(path, "weekdays"), std::to_string(i)));
      } else if (s.weekdays & (1 << bit)) {
        v.fail("invalid_schedule", "weekday listed twice", child_path(child_path(path, "weekdays"), std::to_string(i)));
      } else {
        s.weekdays |= static_cast<uint8_t>(1 << bit);
      }
    }
  }
  if (const json* hours = v.object(*spec, "hours", path)) {
    std::string hours_path = child_path(path, "hours");
    v.known_keys(*hours, {"from", "to"}, hours_path);
    s.from = static_cast<int>(v.integer(*hours, "from", 0, 23, 0, hours_path));
    s.to = static_cast<int>(v.integer(*hours, "to", 1, 24, 24, hours_path));
    if (s.from >= s.to) {
      v.fail("impossible_schedule", "hours.from must be before hours.to (the hours are one shop-local day)", hours_path);
    }
  }
  return s;
}

std::string schedule_block(const Schedule& s, const ShopTime& t) {
  std::string now = t.stamp();
  if (!s.start.empty() && now < s.start) return "starts " + s.start + " (shop time now " + now + ")";
  if (!s.end.empty() && now.compare(s.end) > 0) return "ended " + s.end + " (shop time now " + now + ")";
  if (!(s.weekdays & (1 << t.weekday))) return std::string("not on ") + kWeekdayNames[t.weekday];
  if (t.hour < s.from || t.hour >= s.to) {
    return "shows from " + std::to_string(s.from) + ":00 to " + std::to_string(s.to) + ":00 (shop time now " + now.substr(11) + ")";
  }
  return {};
}

}  // namespace shopkeeper
