// One form submission as the protocol sends it (docs/protocol.md#53-form-submissions), made by
// the forms part from what the main bundle read in the submit event (values.ts): the fields
// that may be captured (fields.ts), the visitor and first touch, a new id. The same form with
// the same fields within SAME_MS (a page calling captureForm in its own submit handler) is one
// submission.
import { toJson } from "../safe";
import { referrerKey } from "../attribution/classify";
import { capUrl } from "../attribution/firstTouch";
import { uuid } from "../attribution/uuid";
import { snapshot } from "./fields";
import type { Values } from "./values";
import type { Visitor } from "../types";

/** A submit as the main bundle saw it, held in memory until the forms part is there. */
export interface Held {
  form: HTMLFormElement;
  values: Values;
  /** The page's URL and the time (ms) at the submit. */
  href: string;
  at: number;
  /** captureForm's callback: after the server's answer. */
  done?: () => void;
}

/** The same form with the same fields within this time is one submission. */
const SAME_MS = 5000;

export function submissions(ignored: string[]) {
  const last = new WeakMap<HTMLFormElement, [number, string]>();
  /** The request body of a submission, or null when it repeats the last one of its form. */
  return (h: Held, v: Visitor): Record<string, unknown> | null => {
    const data = snapshot(h.form, ignored, h.values);
    const json = toJson(data);
    const seen = last.get(h.form);
    if (seen && seen[1] == json && h.at - seen[0] < SAME_MS) return null;
    last.set(h.form, [h.at, json]);
    return {
      id: uuid(),
      session_id: v.session_id,
      form_url: capUrl(h.href),
      form_name: h.form.getAttribute("name") || h.form.id || null,
      landing_page_url: v.landing_page_url,
      referrer: referrerKey(v),
      referring_url: v.referrer,
      form_data: data,
      visitor: v,
      submitted_at: new Date(h.at).toISOString(),
    };
  };
}
