// Lint rules for every TypeScript and JavaScript file of the repository (run by `npm test`).
// typescript-eslint's recommended set, plus the habits of CONTRIBUTING in the README: no
// comma-operator control flow, no unused expressions standing in for `if`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "test-results/", "playwright-report/", "data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "no-sequences": ["error", { allowInParentheses: false }],
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: false, allowTernary: false }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Browser-evaluated test code talks to untyped globals (window.CallTrk as a page sees it).
  { files: ["e2e/**", "bench/**"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  { files: ["e2e/fixtures/**", "demo/**"], languageOptions: { globals: { CallTrk: "readonly" } } },
);
