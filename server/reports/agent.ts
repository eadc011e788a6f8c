// Coarse device and browser from a request's User-Agent (docs/attribution.md#what-is-stored):
// computed once at intake, and only these coarse values are kept, never the user agent.
// Pure. Values follow the v3 reference's milestones (`device: "desktop"`, `session_browser: "Chrome"`).

export type Device = "desktop" | "mobile" | "tablet" | "bot";

/** Crawlers, link previewers, headless browsers and HTTP libraries. */
const BOT =
  /(?<!cu)bot\b|bot\/|crawl|spider|slurp|mediapartners|lighthouse|headless|phantomjs|preview|facebookexternalhit|embedly|pingdom|uptime|monitor|curl\/|wget\/|python-|go-http-client|java\/|okhttp|axios\/|node-fetch|httpclient|scrapy|postman/i;
const TABLET = /ipad|tablet|kindle|silk\/|playbook|nexus (7|9|10)\b|sm-t\d|lenovo tab|\btab [a-z0-9]/i;
const MOBILE = /mobi|iphone|ipod|android.+mobile|windows phone|blackberry|bb10|opera mini|iemobile/i;
const DESKTOP = /windows nt|macintosh|mac os x|x11|linux|cros/i;

/**
 * `bot`, `tablet`, `mobile` or `desktop`; null when the user agent says nothing we recognise.
 * An Android device without "Mobile" is a tablet (Google's guidance to browser makers); an iPad
 * in desktop mode says "Macintosh" and counts as a desktop, as a server cannot tell them apart.
 */
export function deviceOf(ua: string | null | undefined): Device | null {
  if (!ua || typeof ua != "string") return null;
  if (BOT.test(ua)) return "bot";
  if (TABLET.test(ua) || (/android/i.test(ua) && !/mobile/i.test(ua))) return "tablet";
  if (MOBILE.test(ua)) return "mobile";
  return DESKTOP.test(ua) ? "desktop" : null;
}

/**
 * The browser family, tested in an order that sees through borrowed tokens (Edge and Opera say
 * "Chrome", Chrome says "Safari"). In-app browsers are named by their app. Null when unknown.
 */
const BROWSERS: Array<[RegExp, string]> = [
  [/FBAN|FBAV|FB_IAB/, "Facebook"],
  [/Instagram/, "Instagram"],
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|Opera/, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/YaBrowser\//, "Yandex Browser"],
  [/UCBrowser\//, "UC Browser"],
  [/Vivaldi\//, "Vivaldi"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"],
  [/MSIE |Trident\//, "Internet Explorer"],
  [/Version\/[\d.]+.*Safari\/|AppleWebKit\/.*(iPhone|iPad|iPod)/, "Safari"],
];

export function browserOf(ua: string | null | undefined): string | null {
  if (!ua || typeof ua != "string") return null;
  for (const [re, name] of BROWSERS) if (re.test(ua)) return name;
  return null;
}
