// How the dashboard names what it shows (docs/dashboard.md#sources): the server's own
// classification of each first touch (server/reports), never the `source` a browser sent, and
// trackers by their names in the company config. One namer per request remembers each touch
// it classified: a page of thousands of calls from a few campaigns classifies a few touches.
import type { Company, TrackerRecord } from "../companies";
import { callAttribution, classifyTouch, submissionTouch, type Classification } from "../reports";
import type { Doc } from "../store/dashboard";
import { str, textOf } from "./html";

/** What a call, lead or visitor is attributed to, as the reports name it. */
export interface Named {
  /** The display name (docs/attribution.md#display-names). */
  source: string;
  medium: string | null;
  campaign: string | null;
  keywords: string | null;
  landing: string | null;
  referrer: string | null;
}

/** URLs longer than classifyTouch reads are ignored by it; keys stay short too. */
const MAX_URL = 4096;
const url = (v: unknown) => (typeof v == "string" && v.length <= MAX_URL ? v : null);
const named = (c: Classification): Named => ({
  source: c.display,
  medium: c.medium,
  campaign: c.campaign,
  keywords: c.keywords,
  landing: c.landing_page_url || null,
  referrer: c.referrer,
});

export type Namer = ReturnType<typeof namer>;

export function namer(company: Company) {
  const touches = new Map<string, Named>();
  const trackers = new Map<string, TrackerRecord>();
  for (const t of Array.isArray(company.trackers) ? company.trackers : [])
    if (t && typeof t == "object" && typeof t.id == "string") trackers.set(t.id, t);

  const touch = (referrer: unknown, landing: unknown): Named => {
    const r = url(referrer);
    const l = url(landing);
    const key = (r ?? "") + "\n" + (l ?? "");
    let n = touches.get(key);
    if (!n) {
      n = named(classifyTouch({ referrer: r, landing: l }));
      touches.set(key, n);
    }
    return n;
  };

  return {
    trackers,
    /** A tracker's name from the config, else its id. */
    trackerName(id: unknown): string {
      const t = typeof id == "string" ? trackers.get(id) : undefined;
      return (t && str(t.name)) || textOf(id);
    },
    /**
     * A call (docs/attribution.md#one-name-everywhere): held by a session, named from that
     * session's first touch (the URLs the call record keeps); else by its tracker's rule.
     */
    call(record: Doc): Named {
      if (str(record.session_id)) return touch(record.referring_url, record.landing_page_url);
      const id = record.tracker_id;
      const key = "tracker\n" + textOf(id);
      let n = touches.get(key);
      if (!n) {
        const a = callAttribution((typeof id == "string" && trackers.get(id)) || null, null);
        n = { source: a.source, medium: a.medium, campaign: null, keywords: null, landing: null, referrer: null };
        touches.set(key, n);
      }
      return n;
    },
    /** A form submission, from the touch its body names (as the v3 form submission object does). */
    lead(body: Doc): Named {
      const t = submissionTouch(body);
      return touch(t.referrer, t.landing);
    },
    /** A visitor session, from the first touch the bundle reported. */
    visitor(v: Doc): Named {
      return touch(v.referrer, v.landing_page_url);
    },
  };
}
