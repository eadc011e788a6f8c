import { expect, type Page } from "@playwright/test";

/** Collects errors that reach the page and asserts none did, at the end of a test. */
export function watchErrors(page: Page): () => void {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
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
