import { defineConfig } from "@playwright/test";
import { args, executablePath } from "./e2e/launch";

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
    launchOptions: { executablePath, args },
  },
  // The reference number server (server/, built by `npm run build`), with a throwaway store,
  // the demo and e2e companies, and the fixture pages.
  webServer: {
    command: "node dist/server.mjs --demo demo/company.json e2e/fixtures/company.json",
    env: {
      PORT: String(PORT),
      DATA_DIR: ":memory:",
      CALLTRK_FIXTURES: "e2e/fixtures",
      CALLTRK_API_TOKEN: "e2e-token",
      // The whole suite comes from one address: a limit far above it (the limits are tested in test/server/limits.test.ts).
      // The call loop's webhook receiver runs on loopback (e2e/telephony.spec.ts).
      WEBHOOKS_ALLOW_PRIVATE: "1",
      RATE_LIMIT_PER_MINUTE: "100000",
      LEASES_PER_ADDRESS: "0",
      RATE_LIMIT_BURST: "10000",
    },
    url: `http://127.0.0.1:${PORT}/health`,
    // Always a fresh server: its in-memory store starts empty on every run.
    reuseExistingServer: false,
  },
});
