#pragma once
// The visitor profile kept on the device: what the engine remembers between page views.
// Bounded by design: decayed counters and the last N items, never an endless log.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "acquisition.hpp"
#include "json_read.hpp"

namespace shopkeeper {

/// What the visitor has seen of one campaign.
struct CampaignState {
  int64_t impressions = 0;         ///< times shown, lifetime
  int64_t lastShown = 0;           ///< ms since epoch, 0 = never
  int64_t lastShownSession = 0;    ///< session number of the last impression
  int64_t sessionImpressions = 0;  ///< impressions within lastShownSession
  int64_t dismissed = 0;           ///< ms of the last dismissal, 0 = never
  int64_t converted = 0;           ///< ms of the conversion, 0 = never
  int64_t lastShownDay = 0;        ///< shop-local day (YYYYMMDD) of the last impression
  int64_t dayImpressions = 0;      ///< impressions within lastShownDay
  int64_t group = 0;               ///< holdout group: 0 = not assigned, 1 = treatment, 2 = control
  int64_t exposedSession = 0;      ///< session number of the last holdout exposure
};

/// Holdout groups as CampaignState::group stores them.
enum HoldoutGroup : int64_t { kNoGroup = 0, kTreatment = 1, kControl = 2 };

/// The current session (a visit): it ends after a period of inactivity.
struct Session {
  int64_t number = 0;     ///< 1 for the first visit
  int64_t startedAt = 0;  ///< ms since epoch
  int64_t pageViews = 0;
  std::string landingPage;  ///< path of the first page of the session
  int64_t popups = 0;         ///< popup impressions in this session
  int64_t lastPopupView = 0;  ///< the page view (1-based pageViews) of the last popup impression
  int64_t viewPopups = 0;     ///< popup impressions on lastPopupView
};

/// A score that halves every half-life: `score` is its value at time `at`.
struct Decayed {
  double score = 0;
  int64_t at = 0;
};

/// A product the visitor looked at.
struct ProductView {
  std::string id;
  std::string category;
  int64_t count = 0;  ///< views, lifetime
  int64_t last = 0;   ///< ms of the latest view
};

/// What a product page or cart event said about a product, so offers can name and price it.
struct ProductDetails {
  std::string id;
  std::string name;
  std::string brand;
  std::string category;
  double price = 0;
  std::string url;  ///< a path or http(s) URL, or ""
  int64_t at = 0;   ///< ms of the latest report
};

/// What the visitor browsed and searched.
struct Browsing {
  std::map<std::string, Decayed> categories;  ///< interest by category
  std::map<std::string, Decayed> brands;      ///< interest by brand
  std::map<std::string, Decayed> tags;        ///< interest by tag
  std::vector<ProductView> viewed;            ///< least recent first
  std::vector<std::string> sessionProducts;   ///< viewed in the current session, in order
  std::vector<std::string> previousVisitProducts;  ///< viewed in the previous session
  std::vector<std::string> searches;          ///< search terms, least recent first
  std::vector<ProductDetails> details;        ///< products seen or added, least recent first
};

/// A line of the cart.
struct CartItem {
  std::string id;
  std::string category;
  int64_t quantity = 0;
  double price = 0;  ///< unit price
  int64_t addedAt = 0;  ///< ms of the latest add
};

/// A product taken out of the cart.
struct RemovedItem {
  std::string id;
  std::string category;
  double price = 0;
  int64_t at = 0;
  bool duringCheckout = false;  ///< removed after a checkout started in the same session
};

/// A checkout in progress or left unfinished. startedAt == 0 means none.
struct Checkout {
  int64_t startedAt = 0;
  int64_t session = 0;  ///< session number it started in
  double value = 0;
  std::vector<std::string> items;
};

/// The cart and the checkout.
struct Cart {
  std::vector<CartItem> items;
  std::vector<RemovedItem> removed;  ///< least recent first
  Checkout checkout;                 ///< the one in progress
  Checkout abandoned;                ///< the last one left without an order, seen on return
};

/// What the visitor bought.
struct Orders {
  int64_t count = 0;
  double totalSpent = 0;
  int64_t lastAt = 0;
  std::vector<std::string> bought;  ///< product ids, least recent first
};

/// How the visitor arrived, and when. at == 0 means never recorded.
struct Touch {
  Acquisition acquisition;
  int64_t at = 0;
};

/// Renders a touch as to_json(acquisition) plus "at"; null when never recorded.
json to_json(const Touch& touch);

/// Keeps the last `max` entries of a list kept least recent first.
template <typename T>
void keep_newest(std::vector<T>& list, std::size_t max) {
  if (list.size() > max) list.erase(list.begin(), list.end() - static_cast<std::ptrdiff_t>(max));
}

/// Adds `by` (non-negative) to a counter of the profile, stopping at kMaxSafeInteger so the
/// stored value always reads back: only a doctored profile gets a counter that far.
inline void count_up(int64_t& counter, int64_t by = 1) {
  counter = counter > kMaxSafeInteger - by ? kMaxSafeInteger : counter + by;
}

/// Everything stored about one visitor.
struct Profile {
  /// Version written by this build. Older versions are migrated; newer ones are foreign.
  static constexpr int kSchemaVersion = 3;

  std::string id;
  int64_t firstSeen = 0;  ///< ms since epoch of the first page view
  int64_t lastSeen = 0;   ///< ms since epoch of the latest activity
  Session session;
  bool emailCaptured = false;  ///< a flag only: the address never enters the profile
  Touch firstTouch;            ///< the arrival of the first session
  Touch currentTouch;          ///< the arrival of the current session
  std::map<std::string, CampaignState> campaigns;
  Browsing browsing;
  Cart cart;
  Orders orders;
};

/// The bounds that keep a profile small after years of heavy use.
struct ProfileLimits {
  static constexpr std::size_t kCampaigns = 64;
  static constexpr std::size_t kCategories = 30;
  static constexpr std::size_t kBrands = 30;
  static constexpr std::size_t kTags = 40;
  static constexpr std::size_t kViewed = 50;
  static constexpr std::size_t kSessionProducts = 20;
  static constexpr std::size_t kSearches = 10;
  static constexpr std::size_t kCartItems = 50;
  static constexpr std::size_t kRemoved = 20;
  static constexpr std::size_t kBought = 50;
  static constexpr std::size_t kDetails = 30;
  static constexpr std::size_t kUrlBytes = 200;
  static constexpr std::size_t kIdBytes = 64;
  static constexpr std::size_t kNameBytes = 64;
  static constexpr std::size_t kSearchBytes = 100;
  static constexpr std::size_t kStoredBytes = 16 * 1024;
  /// A stored value larger than this was not written by Shopkeeper: it is not parsed.
  static constexpr std::size_t kReadBytes = 64 * 1024;
  /// The size a profile is compacted to when storage is full.
  static constexpr std::size_t kCompactBytes = 4 * 1024;
};

/// How a stored value was read.
enum class ProfileStatus {
  Fresh,     ///< nothing was stored: a new visitor
  Loaded,    ///< read as is
  Migrated,  ///< read from an older schema version and brought forward
  Corrupt,   ///< unreadable (not JSON, truncated, wrong shapes): replaced by a fresh profile
  Foreign,   ///< JSON, but not a profile of a version this build knows: replaced
};

/// The result of reading a stored profile.
struct ProfileLoad {
  Profile profile;
  ProfileStatus status = ProfileStatus::Fresh;
  std::string problem;  ///< why the value was replaced (Corrupt/Foreign only)
};

/// Reads a stored profile; never throws. Empty text means nothing was stored.
ProfileLoad parse_profile(std::string_view stored);

/// Serializes a profile to its stored form, at most `max_bytes`: past that, history is shed
/// until it fits, oldest first (lists halved, the interests touched least recently dropped;
/// only once that no longer shrinks it, campaign states and cart lines, least recent first). The id, visits, order counters
/// and arrivals are always kept, so a budget below their size is exceeded rather than met.
std::string serialize_profile(const Profile& profile, std::size_t max_bytes = ProfileLimits::kStoredBytes);

/// The status as a lowercase word for the JSON API.
const char* to_string(ProfileStatus status);

}  // namespace shopkeeper
