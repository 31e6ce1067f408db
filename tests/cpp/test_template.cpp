#include <catch2/catch.hpp>

#include "template.hpp"

using nlohmann::json;
using shopkeeper::render_action_text;
using shopkeeper::render_template;
using shopkeeper::TemplateLimits;

namespace {

const json kContext = json::parse(R"({
  "location": {"city": "Cork", "region": ""},
  "product": {"name": "Tundra Snow Boot", "price": 179, "sale": 19.99, "tags": ["winter", "waterproof"]},
  "visitor": {"isNew": true, "visitCount": 3},
  "cart": {"abandoned": null}
})");

}  // namespace

TEST_CASE("templates insert context values as plain text", "[template]") {
  CHECK(render_template("Hello {{location.city}}!", kContext) == "Hello Cork!");
  CHECK(render_template("{{ product.name }} at {{product.price}} or {{product.sale}}", kContext) == "Tundra Snow Boot at 179 or 19.99");
  CHECK(render_template("{{visitor.isNew}} {{visitor.visitCount}} {{product.tags.1}}", kContext) == "true 3 waterproof");
  CHECK(render_template("<b>{{location.city}}</b>", kContext) == "<b>Cork</b>");  // text, never parsed as HTML
}

TEST_CASE("missing, empty and structured values take the fallback", "[template]") {
  CHECK(render_template("Hi {{location.country|there}}", kContext) == "Hi there");
  CHECK(render_template("In {{location.region|your area}}", kContext) == "In your area");
  CHECK(render_template("{{product.tags|products}}", kContext) == "products");
  CHECK(render_template("{{cart.abandoned.items.0}}!", kContext) == "!");
  CHECK(render_template("{{product.tags.9|x}}", kContext) == "x");
}

TEST_CASE("malformed placeholders stay as written; output is bounded", "[template]") {
  CHECK(render_template("a {{ b", kContext) == "a {{ b");
  CHECK(render_template("{{not a path}}", kContext).empty());
  std::string long_text(5000, 'x');
  CHECK(render_template(long_text, kContext).size() == TemplateLimits::kOutputBytes);
  json big = {{"page", {{"query", std::string(1000, 'q')}}}};
  CHECK(render_template("{{page.query}}", big).size() == TemplateLimits::kValueBytes);
}

TEST_CASE("an action's text fields are rendered, its links are not", "[template]") {
  json action = {{"type", "modal"}, {"title", "{{location.city}}"}, {"body", "{{product.name}}"},
                 {"cta", {{"label", "See {{product.name}}"}, {"href", "/search?q={{product.name}}"}}}};
  render_action_text(action, kContext);
  CHECK(action["title"] == "Cork");
  CHECK(action["cta"]["label"] == "See Tundra Snow Boot");
  CHECK(action["cta"]["href"] == "/search?q={{product.name}}");
}
