// Builds the browser bundle: dist/swap.js (minified IIFE, installs window.CallTrk),
// dist/swap.mjs (ESM, side-effect free: exports createCallTrk), dist/types (.d.ts) and
// dist/server.mjs (the number server).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
// ES2017 is the floor: every browser with fetch and MutationObserver in use today.
const common = {
  bundle: true,
  target: "es2017",
  platform: "browser",
  define: { __CALLTRK_VERSION__: JSON.stringify(pkg.version) },
  legalComments: "none",
  logLevel: "warning",
};

rmSync("dist", { recursive: true, force: true });
await build({ ...common, entryPoints: ["src/index.ts"], outfile: "dist/swap.js", format: "iife", minify: true });
await build({ ...common, entryPoints: ["src/calltrk.ts"], outfile: "dist/swap.mjs", format: "esm" });
// The reference number server (server/), for `npm start` / `npm run demo`: Node, deps external.
await build({
  ...common,
  entryPoints: ["server/main.ts"],
  outfile: "dist/server.mjs",
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
});
execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
const size = readFileSync("dist/swap.js").length;
console.log(`built dist/swap.js (${size} bytes), dist/swap.mjs, dist/types, dist/server.mjs`);
