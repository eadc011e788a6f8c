// The broad host table of the server's reports (docs/attribution.md#host-families), one file
// per family. Written from public facts about each service (which hosts it serves, what its
// hosts do), in this project's own structure; never copied from another project's list.
import type { Kind } from "../../../src/attribution/hosts";
import { AD_HOSTS, SEARCH_ENGINES } from "./search";
import { WEBMAIL } from "./email";
import { SOCIAL } from "./social";
import { ASSISTANTS, NOT_SEARCH } from "./assistants";
import { AD_NETWORKS } from "./ads";

/**
 * One named site: its short name (docs/protocol.md#4-visitor-attribution `source`; "" means
 * "the registrable domain of the host it was found on", as for webmail), the name reports show,
 * and the hosts it answers on, separated by spaces:
 * - `example.com`: that domain and every host under it;
 * - `mail.example.com`: that host and every host under it (the most specific entry wins);
 * - `example.*`: the brand under any public suffix (`google.co.uk`, `google.de`);
 * - `example.com/aclk`: only referrers whose path starts with `/aclk`;
 * - `~example.com`: webmail hosts under that domain found by the webmail label rule
 *   (`mail01.`, `messagerie.`) show this name; the domain itself is not matched.
 */
export type Site = readonly [name: string, display: string, hosts: string];

export interface Family {
  kind: Kind;
  /** Ad servers and ad-click paths: a paid (`cpc`) click; of that engine, for search. */
  paid?: boolean;
  sites: Site[];
}

/** Order matters only between entries for the very same host key: the first wins. */
export const FAMILIES: Family[] = [
  { kind: "search", paid: true, sites: AD_HOSTS },
  { kind: "referral", paid: true, sites: AD_NETWORKS },
  { kind: "referral", sites: ASSISTANTS },
  { kind: "referral", sites: NOT_SEARCH },
  { kind: "email", sites: WEBMAIL },
  { kind: "search", sites: SEARCH_ENGINES },
  { kind: "social", sites: SOCIAL },
];

export { APPS } from "./apps";

/** Other spellings of a name seen in `utm_source` values. */
export const NAME_ALIASES: Record<string, string> = {
  fb: "facebook",
  meta: "facebook",
  ig: "instagram",
  x: "twitter",
  yt: "youtube",
  adwords: "google",
  googleads: "google",
  google_ads: "google",
  "google-ads": "google",
  bingads: "bing",
  bing_ads: "bing",
  microsoftads: "bing",
  microsoft_ads: "bing",
};
