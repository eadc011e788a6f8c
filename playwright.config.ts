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
  webServer: {
    command: "node scripts/dev-server.mjs",
    env: { PORT: String(PORT) },
    url: `http://127.0.0.1:${PORT}/swap.js`,
    reuseExistingServer: !process.env.CI,
  },
});
