#include "request_context.hpp"

#include "campaign_checks.hpp"

namespace shopkeeper {

namespace {

json product_root(const json& product) {
  if (!product.is_object()) return nullptr;
  json out = json::object();
  auto copy = [&](const char* from, const char* to, bool number) {
    const json* v = member(product, from);
    if (v && (number ? v->is_number() : v->is_string())) out[to] = *v;
  };
  copy("product_id", "id", false);
  copy("product_id", "id", true);  // numeric product ids are common, as page.productId takes them
  copy("name", "name", false);
  copy("price", "price", true);
  copy("category", "category", false);
  copy("brand", "brand", false);
  return out;
}

json campaigns_root(const Rules& rules, const Profile& p) {
  json out = json::object();
  for (const Campaign& c : rules.campaigns) {
    const CampaignState& s = state_of(p, c.id);
    json group = s.group == kControl ? json("control") : s.group == kTreatment ? json("treatment") : json();
    out[c.id] = {{"impressions", s.impressions}, {"lastShown", s.lastShown}, {"dismissed", s.dismissed},
                 {"converted", s.converted}, {"group", std::move(group)}};
  }
  return out;
}

}  // namespace

RequestSignals read_signals(const json& body, int64_t now) {
  RequestSignals s;
  auto given = read_shop_time(member(body, "shopTime"));
  s.timeGiven = given.has_value();
  s.time = given.value_or(utc_time(now));
  const json* device = member(body, "device");
  auto width = device ? as_int(member(*device, "width")) : std::nullopt;
  s.device = {{"mobile", device ? as_bool(member(*device, "mobile")).value_or(false) : false},
              {"width", width && *width > 0 && *width < 100000 ? json(*width) : json()}};
  auto consent = as_string(member(body, "consent"));
  s.consent = consent && (*consent == "pending" || *consent == "granted" || *consent == "denied") ? json(*consent) : json();
  return s;
}

void add_campaign_roots(json& context, const RequestSignals& signals, const PageView& page, const Profile& profile,
                        const Rules& rules, const Feed& feed, int64_t now) {
  context["product"] = product_root(page.product);
  context["device"] = signals.device;
  context["consent"] = signals.consent;
  context["campaigns"] = campaigns_root(rules, profile);
  context["now"] = to_json(signals.time, now);
  context["context"] = feed_context(feed, context["location"], now);
}

}  // namespace shopkeeper
