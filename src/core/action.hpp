#pragma once
// Campaign actions: what a campaign shows (or, for boostTiles, hands to the ranking).
// The engine validates them at load and returns them with their text rendered; the
// JS renders them with textContent only.

#include <cstdint>
#include <string>
#include <string_view>

#include "json_read.hpp"

namespace shopkeeper {

class Validator;

enum class ActionKind : uint8_t { Modal, SlideIn, Banner, Slot, EmailCapture, CouponReveal, BundleOffer, BoostTiles };

/// A validated action.
struct Action {
  ActionKind kind = ActionKind::Modal;
  json spec;  ///< the document's action, as written

  /// Popups (modal, slideIn, emailCapture, couponReveal, bundleOffer) count against the popup caps.
  bool popup() const { return is_popup_creative(spec.value("type", "")); }

  /// True for the action types that are popups.
  static bool is_popup_creative(std::string_view type);
};

/// Limits of one action.
struct ActionLimits {
  static constexpr std::size_t kComplementCategories = 100;
  static constexpr std::size_t kComplementsPerCategory = 20;
  static constexpr std::size_t kBoostEntries = 200;
};

/// Reads and validates an action of any type, with its templates. The action keeps `spec`,
/// which is moved from.
Action parse_action(Validator& v, json* spec, const std::string& path);

}  // namespace shopkeeper
