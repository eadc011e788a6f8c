// Launches Chromium the way playwright.config.ts does: CHROMIUM_PATH, else Debian's
// /usr/bin/chromium, else Playwright's own browser.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export function launch(extraArgs = []) {
  const executablePath =
    process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  return chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

/** Median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** A new page in `context`, its network slowed by `latency` ms of round trip (0: as it is) through Chromium's DevTools protocol. */
export async function pageWithLatency(context, latency) {
  const page = await context.newPage();
  if (latency) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  }
  return page;
}
