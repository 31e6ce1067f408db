#include "visits.hpp"

#include <utility>

namespace shopkeeper {

bool record_page_view(Profile& p, const std::string& path, int64_t now, const std::string& new_id,
                      const VisitSettings& settings, bool force_new_session) {
  bool is_new_visitor = p.session.number == 0;
  if (is_new_visitor) {
    p.id = new_id;
    p.firstSeen = now;
  }
  // A clock that went backwards (device time changed) continues the session
  // rather than producing negative gaps.
  bool new_session = is_new_visitor || force_new_session || now - p.lastSeen > settings.sessionTimeoutMs;
  if (new_session) {
    Browsing& b = p.browsing;
    if (!b.sessionProducts.empty()) b.previousVisitProducts = std::move(b.sessionProducts);
    b.sessionProducts.clear();
    // A checkout started and never completed is abandoned once the visitor comes back.
    if (p.cart.checkout.startedAt != 0) p.cart.abandoned = std::move(p.cart.checkout);
    p.cart.checkout = Checkout{};
    count_up(p.session.number);
    p.session.startedAt = now;
    p.session.pageViews = 0;
    p.session.landingPage = path;
    p.session.popups = 0;
    p.session.lastPopupView = 0;
    p.session.viewPopups = 0;
  }
  count_up(p.session.pageViews);
  if (now > p.lastSeen) p.lastSeen = now;
  return new_session;
}

}  // namespace shopkeeper
