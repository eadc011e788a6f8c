import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

// Playwright cannot download its browser on these machines: use Debian's Chromium
// (CHROMIUM_PATH, else /usr/bin/chromium), or Playwright's own where one is installed.
const chromium = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const PORT = Number(process.env.E2E_PORT || 4173);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? "line" : "list",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node scripts/dev-server.mjs",
    env: { PORT: String(PORT) },
    url: `http://127.0.0.1:${PORT}/swap.js`,
    reuseExistingServer: !process.env.CI,
  },
});
