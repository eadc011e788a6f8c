// The classifier's rules (issue 3, PROTOCOL §4) as a table: referrer, landing URL, and the
// fields expected. "-" as search_engine means "no search fields at all".
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
  ["android-app://com.google.android.gm/", L, email("google.com")],
  ["android-app://com.microsoft.office.outlook/", L, email("outlook.com")],
  ["android-app://com.yahoo.mobile.client.android.mail/", L, email("yahoo.com")],
  ["https://outlook.live.com/", L, email("live.com")],
  ["https://outlook.office.com/", L, email("office.com")],
  ["https://outlook.office365.com/", L, email("office365.com")],
  ["https://outlook.com/", L, email("outlook.com")],
  ["https://mail.aol.com/", L, email("aol.com")],
  ["https://mail.proton.me/", L, email("proton.me")],
  ["https://mail.yandex.ru/", L, email("yandex.ru")],
  ["https://webmail.provider.net/", L, email("provider.net")],
  ["https://www.icloud.com/", L, email("icloud.com")],
  ["https://www.gmx.net/", L, email("gmx.net")],
  ["https://app.fastmail.com/", L, email("fastmail.com")],
  ["https://mail.zoho.com/", L, email("zoho.com")],
  // Social networks
  ["https://www.facebook.com/", L, social("facebook")],
  ["https://l.facebook.com/", L, social("facebook")],
  ["https://lm.facebook.com/", L, social("facebook")],
  ["https://m.facebook.com/", L, social("facebook")],
  ["https://l.facebook.com/", L + "?fbclid=IwAR0", social("facebook")],
  ["https://www.messenger.com/", L, social("facebook")],
  ["https://fb.me/", L, social("facebook")],
  ["android-app://com.facebook.katana/", L, social("facebook")],
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
  ["https://www.snapchat.com/", L, social("snapchat")],
  ["https://www.threads.net/", L, social("threads")],
  ["https://www.tumblr.com/", L, social("tumblr")],
  ["https://www.quora.com/", L, social("quora")],
  ["https://t.me/", L, social("telegram")],
  ["https://bsky.app/", L, social("bluesky")],
  ["https://vk.com/", L, social("vk")],
  ["https://mastodon.social/", L, social("mastodon")],
  ["https://web.whatsapp.com/", L, social("whatsapp")],
  ["android-app://com.instagram.android/", L, social("instagram")],
  ["android-app://com.linkedin.android/", L, social("linkedin")],
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
  ["https://www.yelp.com/biz/plumber", L, referral("yelp.com")],
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
];

describe("classify", () => {
  it("has at least 150 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(150));

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
  it("fills the attribution object of PROTOCOL §4", () => {
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
