#include "acquisition_domains.hpp"

#include <iterator>
#include <utility>

#include "acquisition.hpp"
#include "text.hpp"

namespace shopkeeper {

namespace {

using namespace medium;  // the medium names

// Written for this project from public knowledge of each service's domains.
// A domain listed here also covers its subdomains unless a more specific one is listed.
constexpr KnownSite kSites[] = {
    // Search engines. Most send only their origin as the referrer nowadays, so the
    // term is a bonus when present; Google strips it.
    {kSearch, "Google", "google.*", "q"},
    {kSearch, "Bing", "bing.com", "q"},
    {kSearch, "DuckDuckGo", "duckduckgo.com", "q"},
    {kSearch, "Yahoo", "search.yahoo.com search.yahoo.co.jp", "p"},
    {kSearch, "Yandex", "yandex.* ya.ru", "text"},
    {kSearch, "Baidu", "baidu.com", "wd word"},
    {kSearch, "Ecosia", "ecosia.org", "q"},
    {kSearch, "Brave Search", "search.brave.com", "q"},
    {kSearch, "Startpage", "startpage.com", "query q"},
    {kSearch, "Qwant", "qwant.com", "q"},
    {kSearch, "Naver", "naver.com", "query"},
    {kSearch, "Seznam", "seznam.cz", "q"},
    {kSearch, "Sogou", "sogou.com", "query"},
    {kSearch, "360 Search", "so.com", "q"},
    {kSearch, "Shenma", "sm.cn", "q"},
    {kSearch, "Daum", "daum.net", "q"},
    {kSearch, "Nate", "search.nate.com", "q"},
    {kSearch, "Ask", "ask.com", "q"},
    {kSearch, "AOL", "search.aol.com", "q"},
    {kSearch, "Mojeek", "mojeek.com", "q"},
    {kSearch, "Kagi", "kagi.com", "q"},
    {kSearch, "Swisscows", "swisscows.com", "query"},
    {kSearch, "Dogpile", "dogpile.com", "q"},
    {kSearch, "Lycos", "search.lycos.com", "query q"},
    {kSearch, "Mail.ru", "go.mail.ru", "q"},
    {kSearch, "Rambler", "nova.rambler.ru", "query"},
    {kSearch, "Petal Search", "petalsearch.com", "query q"},
    {kSearch, "Coc Coc", "coccoc.com", "query"},
    {kSearch, "Yep", "yep.com", "q"},
    {kSearch, "Presearch", "presearch.com presearch.org", "q"},
    {kSearch, "MetaGer", "metager.org metager.de", "eingabe"},
    {kSearch, "Mullvad Leta", "leta.mullvad.net", "q"},
    {kSearch, "Lilo", "search.lilo.org", "q"},
    {kSearch, "goo", "search.goo.ne.jp", "MT"},
    {kSearch, "search.ch", "search.ch", "q"},
    {kSearch, "WEB.DE Search", "suche.web.de", "q"},
    {kSearch, "GMX Search", "suche.gmx.net suche.gmx.de suche.gmx.at suche.gmx.ch", "q"},
    {kSearch, "T-Online Search", "suche.t-online.de", "q"},

    // Google properties that are not its search engine.
    {kReferral, "Google Docs", "docs.google.com", ""},
    {kReferral, "Google Sites", "sites.google.com", ""},
    {kReferral, "Google Play", "play.google.com", ""},
    {kReferral, "Google News", "news.google.com", ""},
    {kReferral, "Google Groups", "groups.google.com", ""},

    // Social networks, messengers and community sites, with their link shorteners.
    {kSocial, "Facebook", "facebook.com fb.com fb.me fb.watch", ""},
    {kSocial, "Messenger", "messenger.com m.me", ""},
    {kSocial, "Instagram", "instagram.com instagr.am", ""},
    {kSocial, "Threads", "threads.net threads.com", ""},
    {kSocial, "Pinterest", "pinterest.* pin.it", ""},
    {kSocial, "Reddit", "reddit.com redd.it", ""},
    {kSocial, "X", "x.com twitter.com t.co", ""},
    {kSocial, "LinkedIn", "linkedin.com lnkd.in", ""},
    {kSocial, "TikTok", "tiktok.com", ""},
    {kSocial, "YouTube", "youtube.com youtu.be youtube-nocookie.com", ""},
    {kSocial, "Snapchat", "snapchat.com", ""},
    {kSocial, "Bluesky", "bsky.app bsky.social", ""},
    {kSocial, "Mastodon",
     "mastodon.social mastodon.online mastodon.world mstdn.social mstdn.jp mas.to fosstodon.org hachyderm.io "
     "infosec.exchange",
     ""},
    {kSocial, "WhatsApp", "whatsapp.com wa.me", ""},
    {kSocial, "Telegram", "telegram.org telegram.me t.me", ""},
    {kSocial, "VK", "vk.com vk.ru vkontakte.ru", ""},
    {kSocial, "Odnoklassniki", "ok.ru odnoklassniki.ru", ""},
    {kSocial, "Tumblr", "tumblr.com", ""},
    {kSocial, "Quora", "quora.com", ""},
    {kSocial, "Discord", "discord.com discord.gg discordapp.com", ""},
    {kSocial, "Slack", "slack.com", ""},
    {kSocial, "Weibo", "weibo.com weibo.cn", ""},
    {kSocial, "WeChat", "weixin.qq.com wechat.com", ""},
    {kSocial, "LINE", "line.me", ""},
    {kSocial, "Kakao", "kakao.com", ""},
    {kSocial, "Xiaohongshu", "xiaohongshu.com xhslink.com", ""},
    {kSocial, "Douyin", "douyin.com", ""},
    {kSocial, "Bilibili", "bilibili.com b23.tv", ""},
    {kSocial, "Zhihu", "zhihu.com", ""},
    {kSocial, "Twitch", "twitch.tv", ""},
    {kSocial, "Medium", "medium.com", ""},
    {kSocial, "Substack", "substack.com", ""},
    {kSocial, "Hacker News", "news.ycombinator.com", ""},
    {kSocial, "Product Hunt", "producthunt.com", ""},
    {kSocial, "Vimeo", "vimeo.com", ""},
    {kSocial, "Flickr", "flickr.com", ""},
    {kSocial, "Nextdoor", "nextdoor.com", ""},
    {kSocial, "Truth Social", "truthsocial.com", ""},
    {kSocial, "XING", "xing.com", ""},
    {kSocial, "Viber", "viber.com", ""},
    {kSocial, "Linktree", "linktr.ee", ""},
    {kSocial, "Naver Blog", "blog.naver.com", ""},
    {kSocial, "Naver Cafe", "cafe.naver.com", ""},
    {kSocial, "Dzen", "dzen.ru", ""},
    {kSocial, "Lemon8", "lemon8-app.com", ""},
    {kSocial, "Behance", "behance.net", ""},
    {kSocial, "Dribbble", "dribbble.com", ""},
    {kSocial, "DeviantArt", "deviantart.com", ""},
    {kSocial, "Meetup", "meetup.com", ""},
    {kSocial, "Lemmy", "lemmy.world lemmy.ml", ""},

    // Webmail: a link clicked in a message read in the browser.
    {kEmail, "Gmail", "mail.google.com", ""},
    {kEmail, "Outlook",
     "outlook.live.com outlook.office.com outlook.office365.com outlook.cloud.microsoft mail.live.com", ""},
    {kEmail, "Yahoo Mail", "mail.yahoo.com mail.yahoo.co.jp", ""},
    {kEmail, "Proton Mail", "mail.proton.me mail.protonmail.com", ""},
    {kEmail, "AOL Mail", "mail.aol.com", ""},
    {kEmail, "iCloud Mail", "icloud.com", ""},
    {kEmail, "Zoho Mail", "mail.zoho.com mail.zoho.eu mail.zoho.in", ""},
    {kEmail, "Yandex Mail", "mail.yandex.ru mail.yandex.com mail.yandex.by mail.yandex.kz", ""},
    {kEmail, "Mail.ru Mail", "e.mail.ru", ""},
    {kEmail, "GMX", "gmx.net gmx.de gmx.at gmx.ch gmx.com", ""},
    {kEmail, "WEB.DE", "web.de", ""},
    {kEmail, "T-Online Mail", "email.t-online.de", ""},
    {kEmail, "Tuta", "app.tuta.com mail.tutanota.com", ""},
    {kEmail, "Fastmail", "fastmail.com", ""},
    {kEmail, "HEY", "app.hey.com", ""},
    {kEmail, "QQ Mail", "mail.qq.com", ""},
    {kEmail, "NetEase Mail", "mail.163.com mail.126.com", ""},
    {kEmail, "Naver Mail", "mail.naver.com", ""},
    {kEmail, "Daum Mail", "mail.daum.net", ""},
    {kEmail, "Seznam Mail", "email.seznam.cz", ""},
    {kEmail, "Libero Mail", "mail.libero.it", ""},
    {kEmail, "WP Poczta", "poczta.wp.pl", ""},
    {kEmail, "Onet Poczta", "poczta.onet.pl", ""},
    {kEmail, "Interia Poczta", "poczta.interia.pl", ""},
    {kEmail, "mail.com", "mail.com", ""},
    {kEmail, "Posteo", "posteo.de", ""},
    {kEmail, "mailbox.org", "mailbox.org", ""},

    // Payment pages of a checkout: the visitor comes back from them to the shop (its return or
    // cancel URL) in the middle of a visit, which must not start a new session, and so must not
    // turn the checkout it continues into an abandoned one. Only their checkout hosts where the
    // provider also sends shoppers to shops (Klarna's and Afterpay's shopping pages).
    {kInternal, "PayPal", "paypal.com", ""},
    {kInternal, "Stripe", "checkout.stripe.com hooks.stripe.com", ""},
    {kInternal, "Klarna", "pay.klarna.com", ""},
    {kInternal, "Adyen", "adyen.com", ""},
    {kInternal, "Mollie", "mollie.com", ""},
    {kInternal, "Amazon Pay", "pay.amazon.com payments.amazon.com", ""},
    {kInternal, "Google Pay", "pay.google.com", ""},
    {kInternal, "Afterpay", "portal.afterpay.com portal.clearpay.co.uk", ""},
    {kInternal, "Checkout.com", "checkout.com", ""},
    {kInternal, "Braintree", "braintreegateway.com", ""},
    {kInternal, "Worldpay", "worldpay.com", ""},
    {kInternal, "Razorpay", "razorpay.com", ""},
    {kInternal, "Alipay", "alipay.com", ""},

    // AI assistants and answer engines.
    {kAi, "ChatGPT", "chatgpt.com chat.openai.com", ""},
    {kAi, "Perplexity", "perplexity.ai perplexity.com", ""},
    {kAi, "Gemini", "gemini.google.com bard.google.com", ""},
    {kAi, "NotebookLM", "notebooklm.google.com", ""},
    {kAi, "Copilot", "copilot.microsoft.com copilot.cloud.microsoft", ""},
    {kAi, "Claude", "claude.ai", ""},
    {kAi, "You.com", "you.com", ""},
    {kAi, "Phind", "phind.com", ""},
    {kAi, "Mistral", "chat.mistral.ai", ""},
    {kAi, "DeepSeek", "deepseek.com", ""},
    {kAi, "Poe", "poe.com", ""},
    {kAi, "Meta AI", "meta.ai", ""},
    {kAi, "Grok", "grok.com", ""},
    {kAi, "Kimi", "kimi.com kimi.moonshot.cn", ""},
    {kAi, "Qwen", "chat.qwen.ai", ""},
    {kAi, "Doubao", "doubao.com", ""},
    {kAi, "Pi", "pi.ai", ""},
    {kAi, "Duck.ai", "duck.ai", ""},
    {kAi, "Character.AI", "character.ai", ""},
    {kAi, "Felo", "felo.ai", ""},
};

// Chrome on Android reports a link opened from an app as "android-app://<package>/".
constexpr KnownSite kApps[] = {
    {kSearch, "Google", "com.google.android.googlequicksearchbox", ""},
    {kSearch, "DuckDuckGo", "com.duckduckgo.mobile.android", ""},
    {kEmail, "Gmail", "com.google.android.gm", ""},
    {kEmail, "Outlook", "com.microsoft.office.outlook", ""},
    {kEmail, "Yahoo Mail", "com.yahoo.mobile.client.android.mail", ""},
    {kEmail, "Proton Mail", "ch.protonmail.android", ""},
    {kSocial, "Facebook", "com.facebook.katana com.facebook.lite", ""},
    {kSocial, "Messenger", "com.facebook.orca", ""},
    {kSocial, "Instagram", "com.instagram.android", ""},
    {kSocial, "X", "com.twitter.android", ""},
    {kSocial, "LinkedIn", "com.linkedin.android", ""},
    {kSocial, "Pinterest", "com.pinterest", ""},
    {kSocial, "Reddit", "com.reddit.frontpage", ""},
    {kSocial, "TikTok", "com.zhiliaoapp.musically com.ss.android.ugc.trill", ""},
    {kSocial, "YouTube", "com.google.android.youtube", ""},
    {kSocial, "Snapchat", "com.snapchat.android", ""},
    {kSocial, "WhatsApp", "com.whatsapp", ""},
    {kSocial, "Telegram", "org.telegram.messenger", ""},
    {kSocial, "Slack", "com.slack", ""},
    {kSocial, "Discord", "com.discord", ""},
    {kSocial, "LINE", "jp.naver.line.android", ""},
    {kSocial, "VK", "com.vkontakte.android", ""},
    {kAi, "ChatGPT", "com.openai.chatgpt", ""},
    {kAi, "Perplexity", "ai.perplexity.app.android", ""},
    {kAi, "Gemini", "com.google.android.apps.bard", ""},
    {kAi, "Claude", "com.anthropic.claude", ""},
};

// Short names campaigns use in utm_source for a site whose canonical name differs.
constexpr std::pair<const char*, const char*> kAliases[] = {
    {"fb", "Facebook"},    {"ig", "Instagram"}, {"insta", "Instagram"}, {"twitter", "X"},
    {"tw", "X"},           {"yt", "YouTube"},   {"ddg", "DuckDuckGo"}, {"openai", "ChatGPT"},
    {"vkontakte", "VK"},
};

// The first of `sites` that lists `host` among its hosts: as a plain domain, or (when
// `any_country`) as "host.*". A scan of a few hundred short strings per lookup, a few per
// page view: cheaper in wasm than building hash maps of them.
const KnownSite* listed(const KnownSite* sites, std::size_t count, std::string_view host, bool any_country) {
  for (const KnownSite* site = sites; site != sites + count; ++site) {
    for (std::string_view hosts = site->hosts; !hosts.empty();) {
      auto space = hosts.find(' ');
      std::string_view entry = hosts.substr(0, space);
      hosts.remove_prefix(space == std::string_view::npos ? hosts.size() : space + 1);
      bool wildcard = entry.size() > 2 && entry.substr(entry.size() - 2) == ".*";
      if (wildcard == any_country && !entry.empty() && entry.substr(0, entry.size() - (wildcard ? 2 : 0)) == host) return site;
    }
  }
  return nullptr;
}

bool is_country_code(std::string_view label) {
  return label.size() == 2 && label[0] >= 'a' && label[0] <= 'z' && label[1] >= 'a' && label[1] <= 'z';
}

/// True for the part after "google." in the domains of a country: "com", "de", "co.uk", "com.br".
bool is_country_tail(std::string_view tail) {
  auto dot = tail.find('.');
  if (dot == std::string_view::npos) return tail == "com" || is_country_code(tail);
  std::string_view first = tail.substr(0, dot);
  std::string_view rest = tail.substr(dot + 1);
  return (first == "co" || first == "com") && is_country_code(rest);
}

}  // namespace

const KnownSite* find_site_by_host(std::string_view host) {
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  // From the whole host to ever shorter suffixes, so the most specific entry wins.
  while (!host.empty()) {
    if (const KnownSite* site = listed(kSites, std::size(kSites), host, false)) return site;
    auto dot = host.find('.');
    if (dot == std::string_view::npos) break;
    if (is_country_tail(host.substr(dot + 1))) {
      if (const KnownSite* site = listed(kSites, std::size(kSites), host.substr(0, dot), true)) return site;
    }
    host.remove_prefix(dot + 1);
  }
  return nullptr;
}

const KnownSite* find_site_by_app(std::string_view package) { return listed(kApps, std::size(kApps), package, false); }

const KnownSite* find_site_by_name(std::string_view name) {
  std::string lowered = ascii_lowercase(trim_ascii(name));
  if (lowered.find('.') != std::string::npos) {
    if (const KnownSite* site = find_site_by_host(lowered)) return site;
  }
  for (const auto& [alias, canonical] : kAliases) {
    if (lowered == alias) return find_site_by_name(canonical);
  }
  for (const auto& site : kSites) {
    if (iequals(lowered, site.source)) return &site;
  }
  return nullptr;
}

}  // namespace shopkeeper
