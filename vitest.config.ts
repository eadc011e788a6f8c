import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

/** The server's integration suite: every file runs once per store (docs/operations.md#the-store). */
const INTEGRATION = "test/server/*.test.ts";

export default defineConfig({
  // The React module imports the library by its package name, as a consumer would.
  resolve: { alias: [{ find: /^calltrk$/, replacement: fileURLToPath(new URL("./src/calltrk.ts", import.meta.url)) }] },
  test: {
    restoreMocks: true,
    environment: "happy-dom",
    environmentOptions: {
      // Fixture <script src> tags are data for the entry to read, never fetched.
      happyDOM: { settings: { disableJavaScriptFileLoading: true, handleDisabledFileLoadingAsSuccess: true } },
    },
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [INTEGRATION] } },
      {
        extends: true,
        test: { name: "server-sqlite", include: [INTEGRATION], env: { CALLTRK_TEST_STORE: "sqlite" } },
      },
      {
        extends: true,
        test: {
          name: "server-postgres",
          include: [INTEGRATION],
          env: { CALLTRK_TEST_STORE: "postgres" },
          // A throwaway cluster for the whole run; each test server gets a database of its own.
          globalSetup: ["test/server/pgSetup.ts"],
        },
      },
    ],
  },
});
