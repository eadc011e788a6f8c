import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const TOKEN = { Authorization: "Token token=e2e-token" };

/**
 * Errors that reach the page, collected as they come: uncaught exceptions and console
 * errors. `network: false` leaves out the browser's own "Failed to load resource" lines,
 * which a fault test causes on purpose.
 */
export function pageErrors(page: Page, network = true): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && (network || !m.text().startsWith("Failed to load resource"))) errors.push(m.text());
  });
  return errors;
}

/** Collects errors that reach the page and asserts none did, at the end of a test. */
export function watchErrors(page: Page): () => void {
  const errors = pageErrors(page);
  return () => expect(errors).toEqual([]);
}

/** Counts requests whose URL contains `part`. */
export function countRequests(page: Page, part: string): () => number {
  let n = 0;
  page.on("request", (r) => {
    if (r.url().includes(part)) n++;
  });
  return () => n;
}

/** The stored form submissions of an account (read API v3) whose form_data holds `marker`. */
export async function storedForms(request: APIRequestContext, account: string, marker: string) {
  const body = await (
    await request.get(`/v3/a/${account}/form_submissions.json?per_page=250`, { headers: TOKEN })
  ).json();
  return (body.form_submissions as Array<{ form_data: Record<string, unknown> } & Record<string, unknown>>).filter(
    (f) => JSON.stringify(f.form_data).includes(marker),
  );
}

/** Form submissions waiting in the page origin's outbox (one key each, in localStorage or sessionStorage). */
export const waiting = (page: Page) =>
  page.evaluate(() => {
    let n = 0;
    for (const s of [localStorage, sessionStorage])
      for (let i = 0; i < s.length; i++) if (/^calltrk_outbox:/.test(s.key(i)!)) n++;
    return n;
  });

/** POSTs the page sends to the number server, paths only, session ids as {s}, the e2e company's prefix left out. */
export function posts(page: Page): string[] {
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.method() == "POST")
      sent.push(new URL(r.url()).pathname.replace(/[0-9a-f-]{36}/, "{s}").replace("/v1/companies/e2e", ""));
  });
  return sent;
}
