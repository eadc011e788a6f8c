import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "happy-dom",
    restoreMocks: true,
    environmentOptions: {
      // Fixture <script src> tags are data for the entry to read, never fetched.
      happyDOM: { settings: { disableJavaScriptFileLoading: true, handleDisabledFileLoadingAsSuccess: true } },
    },
  },
});
