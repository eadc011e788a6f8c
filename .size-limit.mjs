// Size budgets, checked by `npm test` (docs/performance.md#size). Brotli at quality 11.
// The script-tag files are measured as they are served (esbuild's copy loader): without it
// size-limit would bundle and minify the built file again, and measure that instead.
const asServed = (config) => ({ ...config, loader: { ".js": "copy" } });
const served = (path, name, limit) => ({ name, path, limit, brotli: true, modifyEsbuildConfig: asServed });
const esm = (imports, name, limit) => ({ name, path: "dist/swap.mjs", import: imports, limit });

export default [
  served("dist/swap.js", "dist/swap.js: what every page loads (script-tag bundle, brotli)", "12350 B"),
  served("dist/swap-forms.js", "dist/swap-forms.js: form capture, loaded when a form is on the page", "3100 B"),
  served(
    "dist/swap-sessions.js",
    "dist/swap-sessions.js: session requests, loaded when a session tracker wins",
    "2200 B",
  ),
  served("dist/swap-debug.js", "dist/swap-debug.js: debug report, loaded with ?calltrk_debug=1", "2950 B"),
  served("dist/swap-split.js", "dist/swap-split.js: numbers split across elements, loaded when one is seen", "650 B"),
  esm(
    "{ createCallTrk }",
    "ESM: import { createCallTrk } (its parts inlined: size-limit's esbuild does not split chunks)",
    "18050 B",
  ),
  esm("{ classify }", "ESM: import { classify } (attribution rules and host tables)", "1800 B"),
  esm("{ findSwaps }", "ESM: import { findSwaps } (phone matching)", "800 B"),
  esm("{ winners }", "ESM: import { winners } (tracker matching)", "950 B"),
  esm("{ readConfig, readRules }", "ESM: import { readConfig, readRules } (config checks)", "1200 B"),
  esm("{ toE164 }", "ESM: import { toE164 } (phone normaliser)", "260 B"),
  esm("{ isCrawler }", "ESM: import { isCrawler }", "240 B"),
  esm("{ isCardNumber, redactCards }", "ESM: import { isCardNumber, redactCards }", "270 B"),
];
