// The bundle's host table (docs/attribution.md#the-bundles-table): what tracker choice needs
// — search engines, paid marks, webmail and assistants that must not count as search — and the
// networks docs/protocol.md#4-visitor-attribution names. Matched by the registrable domain's
// first label, so every country domain of an engine counts (google.co.uk, yahoo.co.jp). The
// server classifies reports with a broad table of its own (server/reports/sites/).
import { own } from "../safe";
import { registrable } from "./domain";

/** The media a known host stands for; `referral` is a named site that is neither (AI assistants). */
export type Kind = "search" | "social" | "email" | "referral";
export interface Known {
  kind: Kind;
  /** Engine, network or assistant name (docs/protocol.md#4-visitor-attribution `source`); for webmail, its registrable domain. */
  name: string;
  /** Ad-server or ad-click hosts: a paid click (of that engine, for search). */
  paid?: boolean;
}
/**
 * What a referrer host is, or null for any other site (a referral). Also asked about a
 * `utm_source` value (`facebook`, `chatgpt.com`), with an empty path.
 */
export type HostLookup = (host: string, path: string, app: boolean) => Known | null;

const SEARCH =
  "google bing yahoo duckduckgo baidu yandex ecosia brave naver seznam qwant startpage sogou ask aol daum mojeek kagi so360";
const SOCIAL = "facebook instagram twitter linkedin reddit pinterest youtube tiktok nextdoor threads yelp spotify";
const ASSISTANTS = "chatgpt perplexity claude gemini copilot";
/** Ad servers: a click through them is a paid Google click; MSN's is a paid Bing click. */
const ADS = "googleadservices doubleclick googlesyndication adsensecustomsearchads syndicatedsearch msn";

/** Short and alternative domains, and assistants on a search engine's domain → the name they stand for. */
const ALIAS: Record<string, string> = {
  "x.com": "twitter",
  "t.co": "twitter",
  "fb.com": "facebook",
  "fb.me": "facebook",
  "messenger.com": "facebook",
  "youtu.be": "youtube",
  "lnkd.in": "linkedin",
  "redd.it": "reddit",
  "pin.it": "pinterest",
  "ya.ru": "yandex",
  "duck.com": "duckduckgo",
  "so.com": "so360",
  "chat.openai.com": "chatgpt",
  "gemini.google.com": "gemini",
  "copilot.microsoft.com": "copilot",
};

/** Android apps (`android-app://<package>`, Chrome's referrer for app links). */
const APPS: Record<string, string> = {
  "com.google.android.googlequicksearchbox": "search google",
};

const has = (list: string, word: string) => (" " + list + " ").indexOf(" " + word + " ") >= 0;

/** The bundle's HostLookup. */
export function knownHost(host: string, path: string, app: boolean): Known | null {
  if (app) {
    const a = own(APPS, host);
    return a ? { kind: a.split(" ")[0] as Kind, name: a.split(" ")[1] } : null;
  }
  const reg = registrable(host);
  const brand = own(ALIAS, host) || own(ALIAS, reg) || reg.split(".")[0];
  // Webmail first, at any depth: mail.google.com and *.mail.yahoo.net are email, not search.
  if (/(^|\.)(web)?mail\.|^outlook\./.test(host)) return { kind: "email", name: reg };
  if (has(ASSISTANTS, brand)) return { kind: "referral", name: brand };
  if (has(ADS, brand)) return { kind: "search", name: brand == "msn" ? "bing" : "google", paid: true };
  // /aclk is Google's and Bing's ad-click redirect.
  if (has(SEARCH, brand)) return { kind: "search", name: brand, paid: /^\/aclk/.test(path) };
  if (has(SOCIAL, brand)) return { kind: "social", name: brand };
  return null;
}
