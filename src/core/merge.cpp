#include "merge.hpp"

#include <algorithm>
#include <tuple>

#include "interests.hpp"
#include "sort.hpp"

namespace shopkeeper {

namespace {

/// Ids of both lists, `a`'s order first, the newest `max` kept.
std::vector<std::string> union_ids(const std::vector<std::string>& a, const std::vector<std::string>& b, std::size_t max) {
  std::vector<std::string> out = a;
  for (const auto& id : b) {
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  keep_newest(out, max);
  return out;
}

/// Orders two lists canonically so that union_ids gives the same result either way round.
std::vector<std::string> union_ids_sym(const std::vector<std::string>& a, const std::vector<std::string>& b, std::size_t max) {
  return a <= b ? union_ids(a, b, max) : union_ids(b, a, max);
}

CampaignState merge_campaign(const CampaignState& a, const CampaignState& b) {
  CampaignState c;
  c.impressions = std::max(a.impressions, b.impressions);
  c.lastShown = std::max(a.lastShown, b.lastShown);
  c.lastShownSession = std::max(a.lastShownSession, b.lastShownSession);
  int64_t sa = a.lastShownSession == c.lastShownSession ? a.sessionImpressions : 0;
  int64_t sb = b.lastShownSession == c.lastShownSession ? b.sessionImpressions : 0;
  c.sessionImpressions = std::max(sa, sb);
  c.dismissed = std::max(a.dismissed, b.dismissed);
  c.converted = std::max(a.converted, b.converted);
  c.lastShownDay = std::max(a.lastShownDay, b.lastShownDay);
  int64_t da = a.lastShownDay == c.lastShownDay ? a.dayImpressions : 0;
  int64_t db = b.lastShownDay == c.lastShownDay ? b.dayImpressions : 0;
  c.dayImpressions = std::max(da, db);
  c.group = std::max(a.group, b.group);  // both sides hash the same id, so they agree once assigned
  c.exposedSession = std::max(a.exposedSession, b.exposedSession);
  return c;
}

std::map<std::string, Decayed> merge_interests(const std::map<std::string, Decayed>& a, const std::map<std::string, Decayed>& b,
                                               std::size_t max) {
  // Per name, the entry touched last (both carry every contribution up to their time).
  std::map<std::string, Decayed> out = a;
  for (const auto& [name, d] : b) {
    auto it = out.find(name);
    if (it == out.end() || std::tie(d.at, d.score) > std::tie(it->second.at, it->second.score)) out[name] = d;
  }
  while (out.size() > max) {
    auto weakest = std::min_element(out.begin(), out.end(), [&](const auto& x, const auto& y) {
      return std::tie(x.second.at, x.second.score, x.first) < std::tie(y.second.at, y.second.score, y.first);
    });
    out.erase(weakest);
  }
  return out;
}

/// The entry of `list` with `id`, or nullptr. The lists hold at most 50 entries a side: a scan
/// is as fast as a map here, and far less wasm.
template <typename T>
T* with_id(std::vector<T>& list, const std::string& id) {
  auto it = std::find_if(list.begin(), list.end(), [&](const T& x) { return x.id == id; });
  return it == list.end() ? nullptr : &*it;
}

std::vector<ProductView> merge_viewed(const std::vector<ProductView>& a, const std::vector<ProductView>& b) {
  std::vector<ProductView> out;
  for (const auto* side : {&a, &b}) {
    for (const auto& v : *side) {
      ProductView* m = with_id(out, v.id);
      if (!m) {
        out.push_back(v);
        continue;
      }
      if (v.last > m->last || (v.last == m->last && v.category > m->category)) m->category = v.category;
      m->count = std::max(m->count, v.count);
      m->last = std::max(m->last, v.last);
    }
  }
  sort_items(out, [](const ProductView& x, const ProductView& y) { return std::tie(x.last, x.id) < std::tie(y.last, y.id); });
  keep_newest(out, ProfileLimits::kViewed);
  return out;
}

/// Both lists are kept least recent first: merged in that order (no sort), the newest
/// report of each product kept.
std::vector<ProductDetails> merge_details(const std::vector<ProductDetails>& a, const std::vector<ProductDetails>& b) {
  std::vector<ProductDetails> merged;
  for (std::size_t i = 0, j = 0; i < a.size() || j < b.size();) {
    // The whole record breaks a tie of time and id, so that the newest copy kept is the same
    // whichever profile is `a`.
    bool take_a = j == b.size() || (i < a.size() && std::tie(a[i].at, a[i].id, a[i].name, a[i].brand, a[i].category, a[i].price, a[i].url) <=
                                                        std::tie(b[j].at, b[j].id, b[j].name, b[j].brand, b[j].category, b[j].price, b[j].url));
    merged.push_back(take_a ? a[i++] : b[j++]);
  }
  std::vector<ProductDetails> out;
  for (auto it = merged.rbegin(); it != merged.rend() && out.size() < ProfileLimits::kDetails; ++it) {
    bool newer_kept = std::any_of(out.begin(), out.end(), [&](const ProductDetails& d) { return d.id == it->id; });
    if (!newer_kept) out.push_back(*it);
  }
  return std::vector<ProductDetails>(out.rbegin(), out.rend());
}

std::vector<RemovedItem> merge_removed(const std::vector<RemovedItem>& a, const std::vector<RemovedItem>& b) {
  std::vector<RemovedItem> out;
  for (const auto* side : {&a, &b}) {
    for (const auto& r : *side) {
      auto same = std::find_if(out.begin(), out.end(), [&](const RemovedItem& x) { return x.id == r.id && x.at == r.at; });
      if (same == out.end()) {
        out.push_back(r);
      } else if (std::tie(r.category, r.price, r.duringCheckout) > std::tie(same->category, same->price, same->duringCheckout)) {
        *same = r;  // one removal recorded differently: the larger record wins, whichever side it is on
      }
    }
  }
  sort_items(out, [](const RemovedItem& x, const RemovedItem& y) { return std::tie(x.at, x.id) < std::tie(y.at, y.id); });
  keep_newest(out, ProfileLimits::kRemoved);
  return out;
}

std::vector<CartItem> merge_cart_items(const std::vector<CartItem>& a, const std::vector<CartItem>& b,
                                       const std::vector<RemovedItem>& removed) {
  std::vector<CartItem> lines;
  for (const auto* side : {&a, &b}) {
    for (const auto& item : *side) {
      CartItem* m = with_id(lines, item.id);
      if (!m) lines.push_back(item);
      // The whole line breaks a tie, so the line kept does not depend on the order of the sides.
      else if (std::tie(item.addedAt, item.quantity, item.category, item.price) > std::tie(m->addedAt, m->quantity, m->category, m->price)) *m = item;
    }
  }
  // In id order, so that which lines the cap keeps does not depend on the order of the sides.
  sort_items(lines, [](const CartItem& x, const CartItem& y) { return x.id < y.id; });
  std::vector<CartItem> out;
  for (auto& item : lines) {
    // A line stays unless one tab removed the product after this line was added.
    bool removed_later = std::any_of(removed.begin(), removed.end(), [&](const RemovedItem& r) { return r.id == item.id && r.at > item.addedAt; });
    if (!removed_later && out.size() < ProfileLimits::kCartItems) out.push_back(std::move(item));
  }
  sort_items(out, [](const CartItem& x, const CartItem& y) { return std::tie(x.addedAt, x.id) < std::tie(y.addedAt, y.id); });
  return out;
}

const Checkout& later(const Checkout& a, const Checkout& b) {
  return std::tie(b.startedAt, b.value, b.session, b.items) > std::tie(a.startedAt, a.value, a.session, a.items) ? b : a;
}

}  // namespace

Profile merge_profiles(const Profile& a, const Profile& b) {
  // A profile that never had a session adds nothing; two of them still merge field by field,
  // so that the result does not depend on which is `a`.
  if (a.session.number == 0 && b.session.number != 0) return b;
  if (b.session.number == 0 && a.session.number != 0) return a;
  Profile m;
  const Profile& older = std::tie(a.firstSeen, a.id) <= std::tie(b.firstSeen, b.id) ? a : b;
  m.id = older.id;
  m.firstSeen = older.firstSeen;
  m.lastSeen = std::max(a.lastSeen, b.lastSeen);
  m.emailCaptured = a.emailCaptured || b.emailCaptured;

  if (a.session.number != b.session.number) {
    m.session = a.session.number > b.session.number ? a.session : b.session;
  } else {
    const Profile& earlier = std::tie(a.session.startedAt, a.session.landingPage) <= std::tie(b.session.startedAt, b.session.landingPage) ? a : b;
    m.session = earlier.session;
    m.session.pageViews = std::max(a.session.pageViews, b.session.pageViews);
    m.session.popups = std::max(a.session.popups, b.session.popups);
    m.session.lastPopupView = std::max(a.session.lastPopupView, b.session.lastPopupView);
    int64_t va = a.session.lastPopupView == m.session.lastPopupView ? a.session.viewPopups : 0;
    int64_t vb = b.session.lastPopupView == m.session.lastPopupView ? b.session.viewPopups : 0;
    m.session.viewPopups = std::max(va, vb);
  }
  // Every field of the touch is in the key, so that two touches of the same time never tie.
  auto key = [](const Touch& t) {
    const Acquisition& q = t.acquisition;
    auto click = q.click_id ? std::make_pair(q.click_id->param, q.click_id->value) : std::pair<std::string, std::string>();
    return std::make_tuple(t.at, q.medium, q.source, q.campaign, q.term, q.content, q.ref_code, q.click_id.has_value(), click);
  };
  if (a.firstTouch.at == 0 || b.firstTouch.at == 0) {
    m.firstTouch = a.firstTouch.at == 0 ? b.firstTouch : a.firstTouch;
  } else {
    m.firstTouch = key(a.firstTouch) <= key(b.firstTouch) ? a.firstTouch : b.firstTouch;
  }
  m.currentTouch = key(a.currentTouch) >= key(b.currentTouch) ? a.currentTouch : b.currentTouch;

  m.campaigns = a.campaigns;
  for (const auto& [id, state] : b.campaigns) {
    auto it = m.campaigns.find(id);
    m.campaigns[id] = it == m.campaigns.end() ? state : merge_campaign(it->second, state);
  }

  Browsing& mb = m.browsing;
  mb.categories = merge_interests(a.browsing.categories, b.browsing.categories, ProfileLimits::kCategories);
  mb.brands = merge_interests(a.browsing.brands, b.browsing.brands, ProfileLimits::kBrands);
  mb.tags = merge_interests(a.browsing.tags, b.browsing.tags, ProfileLimits::kTags);
  mb.viewed = merge_viewed(a.browsing.viewed, b.browsing.viewed);
  const Browsing& current = a.session.number >= b.session.number ? a.browsing : b.browsing;
  bool same_session = a.session.number == b.session.number;
  mb.sessionProducts = same_session ? union_ids_sym(a.browsing.sessionProducts, b.browsing.sessionProducts, ProfileLimits::kSessionProducts)
                                    : current.sessionProducts;
  mb.previousVisitProducts = same_session ? union_ids_sym(a.browsing.previousVisitProducts, b.browsing.previousVisitProducts,
                                                          ProfileLimits::kSessionProducts)
                                          : current.previousVisitProducts;
  mb.details = merge_details(a.browsing.details, b.browsing.details);
  mb.searches = union_ids_sym(a.browsing.searches, b.browsing.searches, ProfileLimits::kSearches);

  m.cart.removed = merge_removed(a.cart.removed, b.cart.removed);
  m.cart.items = merge_cart_items(a.cart.items, b.cart.items, m.cart.removed);
  m.cart.checkout = later(a.cart.checkout, b.cart.checkout);
  m.cart.abandoned = later(a.cart.abandoned, b.cart.abandoned);
  if (m.cart.checkout.startedAt != 0 && m.cart.checkout.session != m.session.number) {
    // From a tab that had not seen the new session: its start abandoned this checkout (start_session_if_due).
    m.cart.abandoned = later(m.cart.abandoned, m.cart.checkout);
    m.cart.checkout = Checkout{};
  }

  m.orders.count = std::max(a.orders.count, b.orders.count);
  m.orders.totalSpent = std::max(a.orders.totalSpent, b.orders.totalSpent);
  m.orders.lastAt = std::max(a.orders.lastAt, b.orders.lastAt);
  m.orders.bought = union_ids_sym(a.orders.bought, b.orders.bought, ProfileLimits::kBought);
  if (m.orders.lastAt > 0) {
    // An order placed in one tab empties the cart of lines added before it.
    m.cart.items.erase(std::remove_if(m.cart.items.begin(), m.cart.items.end(),
                                      [&](const CartItem& i) { return i.addedAt <= m.orders.lastAt; }),
                       m.cart.items.end());
    if (m.cart.checkout.startedAt <= m.orders.lastAt) m.cart.checkout = Checkout{};
    if (m.cart.abandoned.startedAt <= m.orders.lastAt) m.cart.abandoned = Checkout{};
  }
  return m;
}

}  // namespace shopkeeper
