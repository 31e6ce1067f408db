#include "visits.hpp"

#include <utility>

namespace shopkeeper {

bool start_session_if_due(Profile& p, int64_t now, const VisitSettings& settings, bool force_new_session) {
  // A clock that went backwards (device time changed) continues the session rather than
  // producing negative gaps. A session no page has seen yet (an event started it) is one to land in.
  bool due = p.session.number == 0 || now - p.lastSeen > settings.sessionTimeoutMs || (force_new_session && p.session.pageViews > 0);
  if (!due) return false;
  Browsing& b = p.browsing;
  if (!b.sessionProducts.empty()) b.previousVisitProducts = std::move(b.sessionProducts);
  b.sessionProducts.clear();
  // A checkout started and never completed is abandoned once the visitor comes back.
  if (p.cart.checkout.startedAt != 0) p.cart.abandoned = std::move(p.cart.checkout);
  p.cart.checkout = Checkout{};
  count_up(p.session.number);
  p.session.startedAt = now;
  p.session.pageViews = 0;
  p.session.landingPage.clear();
  p.session.popups = 0;
  p.session.lastPopupView = 0;
  p.session.viewPopups = 0;
  return true;
}

bool record_page_view(Profile& p, const std::string& path, int64_t now, const std::string& new_id,
                      const VisitSettings& settings, bool force_new_session) {
  if (p.session.number == 0) {
    p.id = new_id;
    p.firstSeen = now;
  }
  start_session_if_due(p, now, settings, force_new_session);
  bool first = p.session.pageViews == 0;
  if (first) p.session.landingPage = path;
  count_up(p.session.pageViews);
  if (now > p.lastSeen) p.lastSeen = now;
  return first;
}

}  // namespace shopkeeper
