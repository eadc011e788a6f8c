// The classifier's rules (docs/protocol.md#4-visitor-attribution) as a table: referrer,
// landing URL, and the fields expected. "-" as search_engine means "no search fields at all".
import { describe, expect, it } from "vitest";
import { classify, referrerKey } from "../src/attribution/classify";
import { registrable } from "../src/attribution/domain";

const L = "https://www.site.example/";
const HOST = "www.site.example";
type Want = [source: string, medium: string, engine?: string, type?: string];
type Case = [referrer: string, landing: string, want: Want | null];

const organic = (e: string): Want => [e, "organic", e, "organic"];
const paid = (e: string): Want => [e, "cpc", e, "paid"];
const social = (n: string): Want => [n, "social", "-"];
const email = (d: string): Want => [d, "email", "-"];
const referral = (d: string): Want => [d, "referral", "-"];
const direct: Want = ["direct", "direct", "-"];
/** A paid click on a social network or directory: `cpc`, never a search arrival. */
const paidSocial = (n: string): Want => [n, "cpc", "-"];
/** A named source that is neither search, social nor email: AI assistants. */
const named = (n: string): Want => [n, "referral", "-"];

const CASES: Case[] = [
  // Google organic on many country domains, origin-only referrers (Chrome's default policy)
  ["https://www.google.com/", L, organic("google")],
  ["https://www.google.com", L, organic("google")],
  ["https://google.com/", L, organic("google")],
  ["https://www.google.co.uk/", L, organic("google")],
  ["https://www.google.com.au/", L, organic("google")],
  ["https://www.google.ca/", L, organic("google")],
  ["https://www.google.de/", L, organic("google")],
  ["https://www.google.fr/", L, organic("google")],
  ["https://www.google.co.jp/", L, organic("google")],
  ["https://www.google.com.br/", L, organic("google")],
  ["https://www.google.co.in/", L, organic("google")],
  ["https://www.google.com.mx/", L, organic("google")],
  ["https://www.google.co.nz/", L, organic("google")],
  ["https://www.google.co.za/", L, organic("google")],
  ["https://www.google.ie/", L, organic("google")],
  ["https://www.google.es/", L, organic("google")],
  ["https://www.google.it/", L, organic("google")],
  ["https://www.google.nl/", L, organic("google")],
  ["https://www.google.com.tr/", L, organic("google")],
  ["https://www.google.com.sg/", L, organic("google")],
  ["https://www.google.com/search?q=plumber+near+me", L, organic("google")],
  ["https://www.google.com/url?sa=t&url=https%3A%2F%2Fsite.example", L, organic("google")],
  ["https://WWW.GOOGLE.COM/", L, organic("google")],
  ["android-app://com.google.android.googlequicksearchbox/", L, organic("google")],
  // Google paid
  ["https://www.google.com/", L + "?gclid=abc", paid("google")],
  ["", L + "?gclid=abc", paid("google")],
  ["", L + "?gbraid=x1", paid("google")],
  ["", L + "?wbraid=x2", paid("google")],
  ["", L + "?gad_source=1", paid("google")],
  ["https://www.google.co.uk/", L + "?gad_source=1&gclid=z", paid("google")],
  ["https://www.googleadservices.com/", L, paid("google")],
  ["https://www.googleadservices.com/pagead/aclk?sa=L", L, paid("google")],
  ["https://ad.doubleclick.net/", L, paid("google")],
  ["https://googleads.g.doubleclick.net/", L, paid("google")],
  ["https://tpc.googlesyndication.com/", L, paid("google")],
  ["https://www.adsensecustomsearchads.com", L, paid("google")],
  ["https://syndicatedsearch.goog", L, paid("google")],
  ["https://www.google.com/aclk?sa=l", L, paid("google")],
  ["https://www.google.com/", L + "?utm_source=google&utm_medium=cpc", paid("google")],
  ["https://www.google.com/", L + "?utm_medium=ppc", paid("google")],
  ["https://www.google.com/", L + "?utm_medium=paidsearch", paid("google")],
  ["https://www.google.com/", L + "?utm_medium=paid_search", paid("google")],
  ["https://www.google.com/", L + "?utm_medium=CPC", paid("google")],
  ["", L + "?utm_source=google&utm_medium=cpc", paid("google")],
  ["https://www.youtube.com/", L + "?gclid=yt", paid("google")],
  ["https://www.google.com/", L + "?GCLID=abc", paid("google")],
  // Bing
  ["https://www.bing.com/", L, organic("bing")],
  ["https://bing.com/", L, organic("bing")],
  ["https://cn.bing.com/", L, organic("bing")],
  ["https://www.bing.com/ck/a?!&&p=abc", L, organic("bing")],
  ["https://www.bing.com/search?q=roofer", L, organic("bing")],
  ["https://www.bing.com/", L + "?msclkid=m1", paid("bing")],
  ["", L + "?msclkid=m1", paid("bing")],
  ["https://www.bing.com/aclk?ld=e3", L, paid("bing")],
  ["https://www.bing.com/", L + "?utm_medium=cpc", paid("bing")],
  // Yahoo, including Japan; Yahoo Mail is email
  ["https://search.yahoo.com/", L, organic("yahoo")],
  ["https://r.search.yahoo.com/", L, organic("yahoo")],
  [
    "https://r.search.yahoo.com/_ylt=Awr;_ylu=X3o/RV=2/RE=1700/RO=10/RU=https%3a%2f%2fsite.example/",
    L,
    organic("yahoo"),
  ],
  ["https://uk.search.yahoo.com/", L, organic("yahoo")],
  ["https://search.yahoo.co.jp/", L, organic("yahoo")],
  ["https://www.yahoo.co.jp/", L, organic("yahoo")],
  ["https://www.yahoo.com/", L, organic("yahoo")],
  ["https://mail.yahoo.com/", L, email("yahoo.com")],
  ["https://mail.yahoo.co.jp/", L, email("yahoo.co.jp")],
  // Other engines
  ["https://duckduckgo.com/", L, organic("duckduckgo")],
  ["https://html.duckduckgo.com/", L, organic("duckduckgo")],
  ["https://www.baidu.com/", L, organic("baidu")],
  ["https://m.baidu.com/", L, organic("baidu")],
  ["https://yandex.ru/", L, organic("yandex")],
  ["https://yandex.com/", L, organic("yandex")],
  ["https://yandex.com.tr/", L, organic("yandex")],
  ["https://ya.ru/", L, organic("yandex")],
  ["https://yandex.ru/", L + "?yclid=123", paid("yandex")],
  ["", L + "?yclid=123", paid("yandex")],
  ["https://www.ecosia.org/", L, organic("ecosia")],
  ["https://search.brave.com/", L, organic("brave")],
  ["https://search.naver.com/", L, organic("naver")],
  ["https://www.seznam.cz/", L, organic("seznam")],
  ["https://www.qwant.com/", L, organic("qwant")],
  ["https://www.startpage.com/", L, organic("startpage")],
  ["https://www.sogou.com/", L, organic("sogou")],
  ["https://www.ask.com/", L, organic("ask")],
  ["https://search.aol.com/", L, organic("aol")],
  ["https://www.so.com/", L, organic("so360")],
  ["https://www.mojeek.com/", L, organic("mojeek")],
  ["https://kagi.com/", L, organic("kagi")],
  ["https://search.daum.net/", L, organic("daum")],
  // Webmail on a search company's domain, and other webmail
  ["https://mail.google.com/", L, email("google.com")],
  ["https://mail.google.com/mail/u/0/", L, email("google.com")],
  ["https://outlook.live.com/", L, email("live.com")],
  ["https://outlook.office.com/", L, email("office.com")],
  ["https://outlook.office365.com/", L, email("office365.com")],
  ["https://outlook.com/", L, email("outlook.com")],
  ["https://mail.aol.com/", L, email("aol.com")],
  ["https://mail.proton.me/", L, email("proton.me")],
  ["https://mail.yandex.ru/", L, email("yandex.ru")],
  ["https://webmail.provider.net/", L, email("provider.net")],
  ["https://mail.zoho.com/", L, email("zoho.com")],
  // Social networks
  ["https://www.facebook.com/", L, social("facebook")],
  ["https://l.facebook.com/", L, social("facebook")],
  ["https://lm.facebook.com/", L, social("facebook")],
  ["https://m.facebook.com/", L, social("facebook")],
  ["https://l.facebook.com/", L + "?fbclid=IwAR0", social("facebook")],
  ["https://www.messenger.com/", L, social("facebook")],
  ["https://fb.me/", L, social("facebook")],
  ["https://www.instagram.com/", L, social("instagram")],
  ["https://l.instagram.com/", L, social("instagram")],
  ["https://t.co/", L, social("twitter")],
  ["https://x.com/", L, social("twitter")],
  ["https://twitter.com/", L, social("twitter")],
  ["https://mobile.twitter.com/", L, social("twitter")],
  ["https://www.linkedin.com/", L, social("linkedin")],
  ["https://lnkd.in/", L, social("linkedin")],
  ["https://www.reddit.com/", L, social("reddit")],
  ["https://old.reddit.com/", L, social("reddit")],
  ["https://out.reddit.com/", L, social("reddit")],
  ["https://www.pinterest.com/", L, social("pinterest")],
  ["https://www.pinterest.co.uk/", L, social("pinterest")],
  ["https://pin.it/", L, social("pinterest")],
  ["https://www.youtube.com/", L, social("youtube")],
  ["https://m.youtube.com/", L, social("youtube")],
  ["https://youtu.be/", L, social("youtube")],
  ["https://www.tiktok.com/", L, social("tiktok")],
  ["https://nextdoor.com/", L, social("nextdoor")],
  ["https://nextdoor.co.uk/", L, social("nextdoor")],
  ["https://www.threads.net/", L, social("threads")],
  // Outside the bundle's table (only what tracker choice needs): a referral by its domain or
  // app; the server's reports name these (test/server/reports/classify.test.ts).
  ["android-app://com.google.android.gm/", L, referral("com.google.android.gm")],
  ["android-app://com.microsoft.office.outlook/", L, referral("com.microsoft.office.outlook")],
  ["https://www.icloud.com/", L, referral("icloud.com")],
  ["https://www.gmx.net/", L, referral("gmx.net")],
  ["android-app://com.facebook.katana/", L, referral("com.facebook.katana")],
  ["https://www.snapchat.com/", L, referral("snapchat.com")],
  ["https://t.me/", L, referral("t.me")],
  ["https://vk.com/", L, referral("vk.com")],
  // fbclid and srsltid do not mean paid
  ["", L + "?fbclid=IwAR1", direct],
  ["https://www.google.com/", L + "?srsltid=AfmB", organic("google")],
  ["", L + "?srsltid=AfmB", direct],
  // Paid social and other tagged media
  ["https://l.facebook.com/", L + "?utm_source=facebook&utm_medium=paid_social", ["facebook", "cpc", "-"]],
  ["https://l.facebook.com/", L + "?utm_medium=cpc", ["facebook", "cpc", "-"]],
  ["", L + "?utm_source=newsletter&utm_medium=email", ["newsletter", "email", "-"]],
  ["https://mail.google.com/", L + "?utm_source=spring&utm_medium=email", ["spring", "email", "-"]],
  ["", L + "?utm_source=Facebook&utm_medium=social", ["facebook", "social", "-"]],
  ["https://www.google.com/", L + "?utm_medium=email", ["google", "email", "-"]],
  ["https://blog.example.org/", L + "?utm_medium=referral", referral("example.org")],
  ["", L + "?utm_medium=organic&utm_source=bing", organic("bing")],
  ["", L + "?utm_source=partner", referral("partner")],
  ["https://www.google.com/", L + "?utm_medium=display", organic("google")],
  ["https://www.google.com/", L + "?utm_source=GoogleMaps", ["googlemaps", "organic", "google", "organic"]],
  // Any other site: its registrable domain, multi-label public suffixes included
  ["https://news.example.co.uk/", L, referral("example.co.uk")],
  ["https://blog.example.com.au/", L, referral("example.com.au")],
  ["https://www.example.com/", L, referral("example.com")],
  ["https://example.com/article/1?x=y", L, referral("example.com")],
  ["https://a.b.c.example.org/", L, referral("example.org")],
  ["https://shop.example.co.jp/", L, referral("example.co.jp")],
  ["https://www.example.com.br/", L, referral("example.com.br")],
  ["https://www.example.org.uk/", L, referral("example.org.uk")],
  ["https://www.example.ac.uk/", L, referral("example.ac.uk")],
  ["https://www.example.co.nz/", L, referral("example.co.nz")],
  ["https://www.example.de/", L, referral("example.de")],
  ["https://www.web.de/", L, referral("web.de")],
  ["https://someone.github.io/post", L, referral("someone.github.io")],
  ["https://myblog.blogspot.com/", L, referral("myblog.blogspot.com")],
  ["https://writer.substack.com/p/x", L, referral("writer.substack.com")],
  ["https://www.bbb.org/", L, referral("bbb.org")],
  ["http://203.0.113.7/", L, referral("203.0.113.7")],
  ["http://localhost:8080/", L, referral("localhost")],
  ["android-app://com.slack/", L, referral("com.slack")],
  // Direct, missing and invalid referrers
  ["", L, direct],
  ["not a url", L, direct],
  ["javascript:alert(1)", L, direct],
  ["file:///C:/page.html", L, direct],
  ["about:blank", L, direct],
  ["", "https://www.site.example/pricing?x=1", direct],
  // Same registrable domain: not an arrival, unless tagged
  ["https://www.site.example/about", L, null],
  ["https://site.example/", L, null],
  ["https://shop.site.example/", L, null],
  ["https://www.site.example/", L + "?utm_source=google&utm_medium=cpc", paid("google")],
  ["https://www.site.example/", L + "?gclid=x", paid("google")],
  // utm_referrer stands in for document.referrer
  ["", L + "?utm_referrer=https%3A%2F%2Fwww.bing.com%2F", organic("bing")],
  ["https://www.google.com/", L + "?utm_referrer=https%3A%2F%2Fblog.example.co.uk%2F", referral("example.co.uk")],
  ["", L + "?utm_referrer=https%3A%2F%2Fwww.site.example%2F", null],
  ["", L + "?utm_referrer=garbage", direct],
  // Paid social click ids: a paid arrival from their network, never a search arrival
  ["", L + "?ttclid=E.C.P.abc", paidSocial("tiktok")],
  ["https://www.tiktok.com/", L + "?ttclid=x", paidSocial("tiktok")],
  ["", L + "?fb_ad_id=238", paidSocial("facebook")],
  ["https://l.facebook.com/", L + "?fbclid=IwAR&fb_ad_id=238", paidSocial("facebook")],
  ["", L + "?li_fat_id=6b2f", paidSocial("linkedin")],
  ["https://www.linkedin.com/", L + "?li_fat_id=6b2f", paidSocial("linkedin")],
  ["", L + "?twclid=2-7x", paidSocial("twitter")],
  ["https://t.co/", L + "?twclid=2-7x", paidSocial("twitter")],
  ["", L + "?ndclid=nd1", paidSocial("nextdoor")],
  ["https://www.google.com/", L + "?ttclid=x", paidSocial("tiktok")],
  ["https://www.google.com/", L + "?gclid=g&ttclid=x", paid("google")],
  // dclid and Google's ValueTrack parameters; msn.com is Bing's ad network
  ["", L + "?dclid=CJ1", paid("google")],
  ["https://www.google.com/", L + "?matchtype=e&adposition=1t1", paid("google")],
  ["", L + "?matchtype=p", paid("google")],
  ["", L + "?adposition=1t2", paid("google")],
  ["https://www.bing.com/", L + "?matchtype=e", paid("bing")],
  ["https://www.msn.com/", L, paid("bing")],
  ["https://www.msn.com/en-us/news/story", L, paid("bing")],
  // utm_medium: paid_social and anything with _ad mean cpc; yelp_ad in any utm value is Yelp paid
  ["https://l.instagram.com/", L + "?utm_medium=paid_social", paidSocial("instagram")],
  ["", L + "?utm_source=tiktok&utm_medium=tiktok_ads", paidSocial("tiktok")],
  ["", L + "?utm_source=instagram&utm_medium=social_ad", paidSocial("instagram")],
  ["https://www.google.com/", L + "?utm_medium=display_ad", paid("google")],
  ["https://www.google.com/", L + "?utm_medium=badge", organic("google")],
  ["https://www.google.com/", L + "?utm_medium=broadcast", organic("google")],
  ["", L + "?utm_source=Yelp&utm_medium=yelp_ad", paidSocial("yelp")],
  ["", L + "?utm_campaign=yelp_ad", paidSocial("yelp")],
  ["https://www.yelp.com/", L + "?utm_source=yelp&utm_content=YELP_AD_spring", paidSocial("yelp")],
  ["", L + "?utm_source=partner&utm_campaign=yelp_ad", paidSocial("yelp")],
  // Networks and directories named by a short name, not their domain
  ["https://www.yelp.com/biz/plumber", L, social("yelp")],
  ["https://m.yelp.com/", L, social("yelp")],
  ["https://www.yelp.ca/", L, social("yelp")],
  ["https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk", L, social("spotify")],
  ["https://www.threads.com/@user/post/1", L, social("threads")],
  ["https://l.threads.net/", L, social("threads")],
  ["https://vm.tiktok.com/", L, social("tiktok")],
  // AI assistants: named, medium referral, never search even on a search engine's domain
  ["https://chatgpt.com/", L, named("chatgpt")],
  ["https://chat.openai.com/", L, named("chatgpt")],
  ["https://www.perplexity.ai/", L, named("perplexity")],
  ["https://perplexity.ai/search/abc", L, named("perplexity")],
  ["https://gemini.google.com/", L, named("gemini")],
  ["https://gemini.google.com/app/3f2a", L, named("gemini")],
  ["https://copilot.microsoft.com/", L, named("copilot")],
  ["https://claude.ai/", L, named("claude")],
  ["https://claude.ai/chat/5d1e", L, named("claude")],
  ["", L + "?utm_source=chatgpt.com", named("chatgpt")],
  ["https://chatgpt.com/", L + "?utm_source=chatgpt.com", named("chatgpt")],
  // Webmail on a search engine's domain, deep in its subdomains, is never search
  ["http://36ohk6dgmcd1n-c.c.yom.mail.yahoo.net/om/api/1.0/openmail.app.invoke/", L, email("yahoo.net")],
  ["http://co106w.col106.mail.live.com/default.aspx?rru=inbox", L, email("live.com")],
  ["https://mail.google.com/", L + "?utm_source=google", ["google", "email", "-"]],
  // Hosts as browsers give them: uppercase, a trailing dot, a port, mobile and country subdomains
  ["https://WWW.BING.COM/", L, organic("bing")],
  ["https://www.google.com./", L, organic("google")],
  ["https://www.google.com:443/", L, organic("google")],
  ["https://m.facebook.com./", L, social("facebook")],
  ["https://MAIL.GOOGLE.COM/", L, email("google.com")],
  ["https://de.search.yahoo.com/", L, organic("yahoo")],
  ["https://es.m.wikipedia.org/wiki/Plumbing", L, referral("wikipedia.org")],
  ["https://mobile.yelp.com/", L, social("yelp")],
  ["https://lm.facebook.com/l.php?u=https%3A%2F%2Fsite.example", L, social("facebook")],
  ["http://[2001:db8::1]/", L, referral("[2001:db8::1]")],
  ["http://192.168.1.10:8080/admin", L, referral("192.168.1.10")],
  ["https://www.google.com/", L + "?gclid=", organic("google")],
  ["https://www.google.com/", L + "?GAD_SOURCE=1", paid("google")],
  ["", L + "?utm_medium=PAID_SOCIAL&utm_source=Facebook", paidSocial("facebook")],
  ["https://ads.msn.com/", L, paid("bing")],
  ["https://www.googleadservices.com/pagead/aclk", L + "?utm_source=google&utm_medium=cpc", paid("google")],
  // A utm_source naming a known site: its short name, and its medium when nothing else says one
  ["", L + "?utm_source=facebook.com", social("facebook")],
  ["", L + "?utm_source=l.instagram.com", social("instagram")],
  ["", L + "?utm_source=facebook", social("facebook")],
  ["https://blog.example.org/", L + "?utm_source=facebook", ["facebook", "referral", "-"]],
  ["", L + "?utm_source=google", ["google", "referral", "-"]],
  ["", L + "?utm_source=www.google.com&utm_medium=organic", organic("google")],
];

describe("classify", () => {
  it("has at least 250 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(250));

  it.each(CASES)("%s → %s", (referrer, landing, want) => {
    const a = classify(referrer, landing, HOST);
    if (!want) return expect(a).toBeNull();
    expect(a).not.toBeNull();
    expect([a!.source, a!.medium]).toEqual([want[0], want[1]]);
    if (want[2] == "-") expect("search_engine" in a! || "search_type" in a!).toBe(false);
    else if (want[2]) expect([a!.search_engine, a!.search_type]).toEqual([want[2], want[3]]);
    expect(a!.landing_page_url).toBe(landing);
  });
});

describe("classify: the other fields", () => {
  it("fills the attribution object of docs/protocol.md#4-visitor-attribution", () => {
    const a = classify(
      "https://www.google.com/",
      "https://site.example/?gclid=abc&utm_campaign=spring",
      "site.example",
    );
    expect(a).toEqual({
      source: "google",
      medium: "cpc",
      search_engine: "google",
      search_type: "paid",
      referrer: "https://www.google.com/",
      referrer_domain: "google.com",
      landing_page_url: "https://site.example/?gclid=abc&utm_campaign=spring",
      keywords: null,
      campaign: "spring",
      utm: { utm_campaign: "spring" },
      click_ids: { gclid: "abc" },
    });
  });

  it.each([
    ["https://www.google.com/search?q=emergency+plumber", L, "emergency plumber"],
    ["https://www.bing.com/search?q=roofer", L, "roofer"],
    ["https://search.yahoo.com/search?p=hvac+repair", L, "hvac repair"],
    ["https://www.baidu.com/s?wd=dentist", L, "dentist"],
    ["https://yandex.ru/search/?text=lawyer", L, "lawyer"],
    ["https://www.google.com/", L + "?utm_term=brand+kw", "brand kw"],
    ["https://www.google.com/search?q=x", L + "?utm_term=wins", "wins"],
    ["https://www.google.com/", L, null],
    ["https://blog.example.com/?q=not+a+search", L, null],
    ["", L + "?utm_term=%20%20", null],
  ])("keywords from %s %s", (ref, landing, kw) => {
    expect(classify(ref, landing, HOST)!.keywords).toBe(kw);
  });

  it("keeps every utm_* and click id, trimmed and capped", () => {
    const long = "x".repeat(500);
    const a = classify(
      "",
      L + "?utm_source=a&utm_medium=b&utm_campaign=c&utm_term=d&utm_content=e&fbclid=f&msclkid=" + long + "&other=1",
      HOST,
    )!;
    expect(a.utm).toEqual({ utm_source: "a", utm_medium: "b", utm_campaign: "c", utm_term: "d", utm_content: "e" });
    expect(a.click_ids.fbclid).toBe("f");
    expect(a.click_ids.msclkid).toHaveLength(200);
    expect(a.campaign).toBe("c");
  });

  it.each([
    [{ search_engine: "google", search_type: "paid" }, "google_paid"],
    [{ search_engine: "bing", search_type: "organic" }, "bing_organic"],
    [{ medium: "direct", source: "direct" }, "direct"],
    [{ medium: "referral", referrer_domain: "example.co.uk" }, "example.co.uk"],
    [{ medium: "social", referrer_domain: "facebook.com", source: "facebook" }, "facebook.com"],
    [{ medium: "email", referrer_domain: null, source: "newsletter" }, "newsletter"],
  ])("referrer key %j → %s", (a, key) => {
    expect(referrerKey(a as never)).toBe(key);
  });
});

describe("registrable", () => {
  it.each([
    ["news.example.co.uk", "example.co.uk"],
    ["blog.example.com.au", "example.com.au"],
    ["www.example.com", "example.com"],
    ["example.com", "example.com"],
    ["co.uk", "co.uk"],
    ["Example.COM.", "example.com"],
    ["a.b.example.ne.jp", "example.ne.jp"],
    ["x.y.github.io", "y.github.io"],
    ["localhost", "localhost"],
    ["192.168.0.1", "192.168.0.1"],
    ["[::1]", "[::1]"],
  ])("%s → %s", (host, want) => expect(registrable(host)).toBe(want));
});
