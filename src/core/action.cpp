#include "action.hpp"

#include <algorithm>
#include <iterator>

#include "rules_validator.hpp"
#include "template.hpp"
#include "text.hpp"

namespace shopkeeper {

namespace {

/// Action fields as the parsers of each type read them.
class ActionReader {
 public:
  ActionReader(Validator& v, const json& spec, const std::string& path) : v_(v), spec_(spec), path_(path) {}

  /// A text field that may use templates.
  void text(const char* key, bool required) { text_in(spec_, key, required, path_); }

  void cta() {
    const json* cta = v_.object(spec_, "cta", path_);
    if (!cta) return;
    std::string path = child_path(path_, "cta");
    v_.known_keys(*cta, {"label", "href"}, path);
    text_in(*cta, "label", true, path);
    v_.link(*cta, "href", false, path);
  }

  void popup_texts() {
    text("title", true);
    text("body", false);
    text("closeLabel", false);
    cta();
  }

  void coupon_kind() {
    std::string kind = v_.text(spec_, "couponKind", false, path_);
    if (!kind.empty() && !is_identifier(kind)) v_.fail("invalid_id", "couponKind must be 1-64 letters, digits, - or _", child_path(path_, "couponKind"));
  }

  void presentation() { v_.choice(spec_, "presentation", {"modal", "slideIn"}, "modal", path_); }

  void bundle() {
    text("title", true);
    text("body", false);
    text("closeLabel", false);
    cta();
    if (!member(spec_, "discountPercent")) v_.fail("missing_field", "discountPercent is required", child_path(path_, "discountPercent"));
    v_.number(spec_, "discountPercent", 1, 90, 10, path_);
    if (const json* from = member(spec_, "from")) {
      static const char* const kSources[] = {"removed", "abandoned", "mostViewed", "lastVisit", "cart"};
      if (!from->is_array() || from->empty()) v_.fail("invalid_bundle", "from must be a non-empty array", child_path(path_, "from"));
      for (std::size_t i = 0; from->is_array() && i < from->size(); ++i) {
        const json& s = (*from)[i];
        bool known = std::any_of(std::begin(kSources), std::end(kSources), [&](const char* k) { return s == k; });
        bool repeated = std::count(from->begin(), from->begin() + static_cast<std::ptrdiff_t>(i), s) > 0;
        if (!known || repeated) {
          v_.fail("invalid_bundle", "from lists each of removed, abandoned, mostViewed, lastVisit, cart at most once",
                  path_ + "/from/" + std::to_string(i));
        }
      }
    }
    const json* complements = member(spec_, "complements");
    std::string path = child_path(path_, "complements");
    if (!complements || !complements->is_object() || complements->empty() || complements->size() > ActionLimits::kComplementCategories) {
      return v_.fail("invalid_bundle", "complements must map 1 to 100 categories to the products that go with them", path);
    }
    for (auto it = complements->begin(); it != complements->end(); ++it) {
      std::string list_path = child_path(path, pointer_segment(it.key()));
      if (!it->is_array() || it->empty() || it->size() > ActionLimits::kComplementsPerCategory) {
        v_.fail("invalid_bundle", "a category's complements must be an array of 1 to 20 products", list_path);
        continue;
      }
      for (std::size_t i = 0; i < it->size(); ++i) {
        const json& product = (*it)[i];
        std::string p = child_path(list_path, std::to_string(i));
        if (!product.is_object()) {
          v_.fail("invalid_bundle", "a complement must be {id, name, price, url}", p);
          continue;
        }
        v_.known_keys(product, {"id", "name", "price", "url", "category"}, p);
        v_.text(product, "id", true, p, 64);
        v_.text(product, "name", true, p, 200);
        if (!member(product, "price")) v_.fail("missing_field", "price is required", child_path(p, "price"));
        v_.number(product, "price", 0, 1e9, 0, p);
        v_.link(product, "url", false, p);
        v_.text(product, "category", false, p, 64);
      }
    }
  }

  void boost() {
    const json* boost = v_.object(spec_, "boost", path_);
    std::string path = child_path(path_, "boost");
    if (!boost) return v_.fail("missing_field", "boost is required", path);
    v_.known_keys(*boost, {"categories", "brands", "tags", "products"}, path);
    for (const char* kind : {"categories", "brands", "tags", "products"}) {
      const json* weights = v_.object(*boost, kind, path);
      if (!weights) continue;
      std::string weights_path = child_path(path, kind);
      if (weights->size() > ActionLimits::kBoostEntries) v_.fail("invalid_boost", "at most 200 weights", weights_path);
      for (auto it = weights->begin(); it != weights->end(); ++it) {
        if (it.key().empty() || it.key().size() > 64) v_.fail("invalid_boost", "names are 1 to 64 bytes", child_path(weights_path, pointer_segment(it.key())));
        v_.number(*weights, it.key().c_str(), -100, 100, 0, weights_path);
      }
    }
  }

 private:
  void text_in(const json& obj, const char* key, bool required, const std::string& path) {
    std::string s = v_.text(obj, key, required, path);
    if (!s.empty()) check_template(v_, s, child_path(path, key));
  }

  Validator& v_;
  const json& spec_;
  const std::string& path_;
};

}  // namespace

bool Action::is_popup_creative(std::string_view type) {
  return type == "modal" || type == "slideIn" || type == "emailCapture" || type == "couponReveal" || type == "bundleOffer";
}

Action parse_action(Validator& v, json* spec, const std::string& path) {
  Action a;
  if (!spec || !spec->is_object()) {
    v.fail("missing_field", "action must be an object", path);
    return a;
  }
  ActionReader r(v, *spec, path);
  std::string type = as_string(member(*spec, "type")).value_or("");
  if (type == "modal") {
    v.known_keys(*spec, {"type", "title", "body", "cta", "closeLabel"}, path);
    r.popup_texts();
  } else if (type == "slideIn") {
    a.kind = ActionKind::SlideIn;
    v.known_keys(*spec, {"type", "title", "body", "cta", "closeLabel", "position"}, path);
    r.popup_texts();
    v.choice(*spec, "position", {"bottom-right", "bottom-left"}, "bottom-right", path);
  } else if (type == "banner") {
    a.kind = ActionKind::Banner;
    v.known_keys(*spec, {"type", "text", "cta", "closeLabel"}, path);
    r.text("text", true);
    r.text("closeLabel", false);
    r.cta();
  } else if (type == "slot") {
    a.kind = ActionKind::Slot;
    v.known_keys(*spec, {"type", "slot", "title", "body", "cta"}, path);
    std::string slot = v.text(*spec, "slot", true, path, 64);
    if (!slot.empty() && !is_identifier(slot)) v.fail("invalid_id", "slot must be 1-64 letters, digits, - or _", child_path(path, "slot"));
    r.text("title", false);
    r.text("body", false);
    r.cta();
    if (!member(*spec, "title") && !member(*spec, "body")) v.fail("missing_field", "a slot needs a title or a body", path);
  } else if (type == "emailCapture") {
    a.kind = ActionKind::EmailCapture;
    v.known_keys(*spec, {"type", "title", "body", "placeholder", "submitLabel", "successTitle", "successBody", "closeLabel",
                         "couponKind", "presentation"}, path);
    r.text("title", true);
    for (const char* key : {"body", "placeholder", "submitLabel", "successTitle", "successBody", "closeLabel"}) r.text(key, false);
    r.coupon_kind();
    r.presentation();
  } else if (type == "couponReveal") {
    a.kind = ActionKind::CouponReveal;
    v.known_keys(*spec, {"type", "title", "body", "couponKind", "closeLabel", "presentation"}, path);
    r.text("title", true);
    r.text("body", false);
    r.text("closeLabel", false);
    r.coupon_kind();
    r.presentation();
  } else if (type == "bundleOffer") {
    a.kind = ActionKind::BundleOffer;
    v.known_keys(*spec, {"type", "title", "body", "cta", "closeLabel", "discountPercent", "from", "complements"}, path);
    r.bundle();
  } else if (type == "boostTiles") {
    a.kind = ActionKind::BoostTiles;
    v.known_keys(*spec, {"type", "boost"}, path);
    r.boost();
  } else {
    v.fail("invalid_action", "action.type must be one of modal, slideIn, banner, slot, emailCapture, couponReveal, bundleOffer, boostTiles",
           child_path(path, "type"));
  }
  a.spec = std::move(*spec);
  return a;
}

}  // namespace shopkeeper
