// npm run size:where: where the main bundle's bytes go (docs/performance.md#where-the-bytes-go).
// build.mjs keeps esbuild's metafile of dist/swap.js, which says how many minified bytes each
// source module left in the output; this scales them by the whole file's brotli ratio:
// brotli sizes of parts do not add up (the whole compresses better than its pieces), so these
// are shares of the real total, not sizes of their own. Terser's passes come after esbuild and
// are not attributed: the scaled total is the served file's brotli size.
import { brotliCompressSync, constants } from "node:zlib";
import { readFileSync } from "node:fs";

const served = readFileSync("dist/swap.js");
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const total = brotli(served);

const meta = JSON.parse(readFileSync("node_modules/.cache/calltrk/swap-meta.json", "utf8"));
const inputs = Object.values(meta.outputs)[0].inputs;
const minified = Object.values(inputs).reduce((n, i) => n + i.bytesInOutput, 0);
/** A module's feature: its folder under src/ (src/swap/dom.ts → swap), or the file for top-level ones. */
const feature = (path) => {
  const m = /(?:^|\/)src\/([^/]+)(\/)?/.exec(path);
  if (!m) return path.includes("js-cookie") ? "js-cookie" : path;
  return m[2] ? m[1] + "/" : m[1].replace(/\.ts$/, ".ts");
};
const byFeature = {};
const byModule = [];
for (const [path, i] of Object.entries(inputs)) {
  byFeature[feature(path)] = (byFeature[feature(path)] || 0) + i.bytesInOutput;
  byModule.push([path.replace(/^.*?src\//, "src/"), i.bytesInOutput]);
}
const share = (bytes) => Math.round((bytes / minified) * total);
console.log(`\ndist/swap.js: ${total} B brotli as served; shares by feature (esbuild's minified bytes, scaled)`);
for (const [name, bytes] of Object.entries(byFeature).sort((a, b) => b[1] - a[1]))
  console.log(`  ${name.padEnd(22)} ${String(share(bytes)).padStart(6)} B`);
if (process.argv.includes("--modules")) {
  console.log("\nby module");
  for (const [name, bytes] of byModule.sort((a, b) => b[1] - a[1]))
    console.log(`  ${name.padEnd(36)} ${String(share(bytes)).padStart(6)} B`);
}
