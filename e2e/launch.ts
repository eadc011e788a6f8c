// How Chromium is launched here, shared by playwright.config.ts and specs that add flags.
import { existsSync } from "node:fs";

// Playwright cannot download its browser on these machines: use Debian's Chromium
// (CHROMIUM_PATH, else /usr/bin/chromium), or Playwright's own where one is installed.
export const executablePath =
  process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/** Flags that work on a machine with a closed network (see README). */
export const args = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // A site on a multi-label public suffix, served by the local server (cookie-domain e2e).
  "--host-resolver-rules=MAP *.acme-plumbing.co.uk 127.0.0.1",
];
