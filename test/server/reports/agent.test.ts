// @vitest-environment node
// Coarse device and browser from a User-Agent (docs/attribution.md#what-is-stored).
import { describe, expect, it } from "vitest";
import { browserOf, deviceOf } from "../../../server/reports/agent";

const UA = {
  chromeWin:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  edgeWin:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87",
  firefoxMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0",
  safariMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  operaLinux:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 OPR/111.0.0.0",
  chromeOs:
    "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  iphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  iphoneChrome:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
  iphoneFacebook:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.36.103]",
  androidPhone:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36",
  samsungPhone:
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
  androidTablet:
    "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  ipad: "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  kindle:
    "Mozilla/5.0 (Linux; Android 11; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/126.1.1 like Chrome/126.0.0.0 Safari/537.36",
  firefoxAndroid: "Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0",
  cubot:
    "Mozilla/5.0 (Linux; Android 10; CUBOT X30 Build/QP1A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
  googlebot: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  bingbot: "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
  facebookPreview: "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
  headless:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36",
  curl: "curl/8.5.0",
  ie11: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
};

describe("deviceOf and browserOf", () => {
  it.each([
    ["chromeWin", "desktop", "Chrome"],
    ["edgeWin", "desktop", "Edge"],
    ["firefoxMac", "desktop", "Firefox"],
    ["safariMac", "desktop", "Safari"],
    ["operaLinux", "desktop", "Opera"],
    ["chromeOs", "desktop", "Chrome"],
    ["iphone", "mobile", "Safari"],
    ["iphoneChrome", "mobile", "Chrome"],
    ["iphoneFacebook", "mobile", "Facebook"],
    ["androidPhone", "mobile", "Chrome"],
    ["samsungPhone", "mobile", "Samsung Internet"],
    ["androidTablet", "tablet", "Chrome"],
    ["ipad", "tablet", "Safari"],
    ["kindle", "tablet", "Chrome"],
    ["firefoxAndroid", "mobile", "Firefox"],
    ["cubot", "mobile", "Chrome"],
    ["googlebot", "bot", null],
    ["bingbot", "bot", null],
    ["facebookPreview", "bot", null],
    ["headless", "bot", "Chrome"],
    ["curl", "bot", null],
    ["ie11", "desktop", "Internet Explorer"],
  ] as const)("%s → %s, %s", (k, device, browser) => {
    expect(deviceOf(UA[k])).toBe(device);
    expect(browserOf(UA[k])).toBe(browser);
  });

  it.each([undefined, null, "", "something", 42 as never])("%j says nothing", (ua) => {
    expect(deviceOf(ua)).toBeNull();
    expect(browserOf(ua)).toBeNull();
  });
});
