// Which referrers are search engines, social networks and webmail (issue 3; the media of
// PROTOCOL §4). Matched by the registrable domain's first label, so every country domain of
// an engine counts (google.co.uk, google.com.au, yahoo.co.jp) without a query string.
import { own } from "../safe";
import { registrable } from "./domain";

export type Kind = "search" | "social" | "email";
export interface Known {
  kind: Kind;
  /** Engine or network name (PROTOCOL §4 `source`); for webmail, its registrable domain. */
  name: string;
  /** Ad-server or ad-click hosts: a paid search click. */
  paid?: boolean;
}

const SEARCH =
  "google bing yahoo duckduckgo baidu yandex ecosia brave naver seznam qwant startpage sogou ask aol daum mojeek kagi so360";
const SOCIAL =
  "facebook instagram twitter linkedin reddit pinterest youtube tiktok nextdoor snapchat threads tumblr quora whatsapp telegram discord vk weibo bluesky mastodon";
const EMAIL = "outlook hotmail gmx icloud fastmail tutanota";
/** Ad servers: a click through them is a paid Google click. */
const ADS = "googleadservices doubleclick googlesyndication";

/** Short and alternative domains → the name they stand for. */
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
  "t.me": "telegram",
  "wa.me": "whatsapp",
  "bsky.app": "bluesky",
  "ya.ru": "yandex",
  "duck.com": "duckduckgo",
  "so.com": "so360",
};

/** Android apps (`android-app://<package>`, Chrome's referrer for app links). */
const APPS: Record<string, string> = {
  "com.google.android.gm": "email google.com",
  "com.microsoft.office.outlook": "email outlook.com",
  "com.yahoo.mobile.client.android.mail": "email yahoo.com",
  "com.google.android.googlequicksearchbox": "search google",
  "com.google.android.youtube": "social youtube",
  "com.facebook.katana": "social facebook",
  "com.facebook.orca": "social facebook",
  "com.instagram.android": "social instagram",
  "com.twitter.android": "social twitter",
  "com.linkedin.android": "social linkedin",
  "com.reddit.frontpage": "social reddit",
  "com.pinterest": "social pinterest",
  "com.zhiliaoapp.musically": "social tiktok",
};

const has = (list: string, word: string) => (" " + list + " ").indexOf(" " + word + " ") >= 0;

/** What a referrer host is, or null for any other site (a referral). */
export function knownHost(host: string, path: string, app: boolean): Known | null {
  if (app) {
    const a = own(APPS, host);
    return a ? { kind: a.split(" ")[0] as Kind, name: a.split(" ")[1] } : null;
  }
  const reg = registrable(host);
  const brand = own(ALIAS, reg) || reg.split(".")[0];
  // Webmail first: mail.google.com and mail.yahoo.com are email, not search.
  if (/^(web)?mail\.|^outlook\./.test(host) || has(EMAIL, brand)) return { kind: "email", name: reg };
  if (has(ADS, brand)) return { kind: "search", name: "google", paid: true };
  // /aclk is Google's and Bing's ad-click redirect.
  if (has(SEARCH, brand)) return { kind: "search", name: brand, paid: /^\/aclk/.test(path) };
  if (has(SOCIAL, brand)) return { kind: "social", name: brand };
  return null;
}

/** Is `name` a search engine's (for a `utm_source=google` with no referrer)? */
export const isEngine = (name: string) => has(SEARCH, name);
