// Builds the browser bundle: dist/swap.js (minified IIFE, installs window.CallTrk), its
// parts loaded on demand dist/swap-<part>.js (forms delivery, session requests, debug report), dist/swap.mjs
// (ESM, side-effect free: exports createCallTrk) with its parts dist/swap-esm-<part>.js as
// dynamic imports, dist/swap.cjs (CommonJS), dist/react.{mjs,cjs} (calltrk/react), dist/types
// and dist/server.mjs (the number server, workspace server/).
// docs/performance.md#parts-loaded-on-demand says what is in each part and why.
import { build } from "esbuild";
import { minify } from "terser";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// `npm start` after an install that skipped scripts: build only what is missing.
if (process.argv.includes("--if-missing") && ["dist/swap.js", "dist/server.mjs"].every((f) => existsSync(f)))
  process.exit(0);
const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
/**
 * js-cookie's module makes its API object at the top level, which a bundler must keep unless
 * told the call is pure (https://esbuild.github.io/api/#ignore-annotations): marked so, an
 * import of `toE164` alone from dist/swap.mjs does not carry the cookie library.
 */
const pureCookies = {
  name: "calltrk-pure-js-cookie",
  setup(b) {
    b.onLoad({ filter: /js-cookie[\\/]dist[\\/]js\.cookie\.mjs$/ }, (a) => ({
      contents: readFileSync(a.path, "utf8").replace("= init(", "= /* @__PURE__ */ init("),
      loader: "js",
    }));
  },
};
// ES2017 is the floor: every browser with fetch and MutationObserver in use today.
const common = {
  bundle: true,
  target: "es2017",
  platform: "browser",
  define: { __CALLTRK_VERSION__: JSON.stringify(pkg.version) },
  legalComments: "none",
  logLevel: "warning",
  plugins: [pureCookies],
};
/** The parts: name → the module that is the part, and the exports loadPart resolves with. */
const PARTS = {
  forms: ["src/forms/delivery.ts", "startDelivery"],
  sessions: ["src/session/sessions.ts", "createSessions, isCrawler"],
  debug: ["src/debug/report.ts", "report, print"],
  split: ["src/swap/split.ts", "splitter"],
};

/** The script-tag build loads parts with a script element (src/parts/script.ts), not import(). */
const scriptLoader = {
  name: "calltrk-script-loader",
  setup(b) {
    b.onResolve({ filter: /\/parts\/load$/ }, () => ({ path: resolve("src/parts/script.ts") }));
  },
};
/** The module build's dynamic imports of a part point at that part's own file, beside swap.mjs. */
const moduleParts = {
  name: "calltrk-module-parts",
  setup(b) {
    for (const [name, [file]] of Object.entries(PARTS)) {
      const spec = "../" + file.replace(/^src\//, "").replace(/\.ts$/, "");
      b.onResolve({ filter: new RegExp("^" + spec.replace(/[./]/g, "\\$&") + "$") }, (a) =>
        a.kind == "dynamic-import" ? { path: "./swap-esm-" + name + ".js", external: true } : undefined,
      );
    }
  },
};

/**
 * The script-tag files get a second minifier after esbuild: terser's two passes drop what
 * esbuild keeps (code behind constants it inlines only after tree shaking, such as the
 * destroy() machinery, src/build.ts) and fold more (docs/performance.md#the-minifier).
 */
async function shrink(file) {
  const out = await minify(readFileSync(file, "utf8"), { ecma: 2017, compress: { passes: 2 } });
  writeFileSync(file, out.code);
}

rmSync("dist", { recursive: true, force: true });
/** The script-tag bundle and its parts: no instance there is ever destroyed (src/build.ts). */
const scriptTag = { ...common, define: { ...common.define, __CALLTRK_SCRIPT_TAG__: "true" } };
const main = await build({
  ...scriptTag,
  entryPoints: ["src/index.ts"],
  outfile: "dist/swap.js",
  format: "iife",
  minify: true,
  metafile: true,
  plugins: [pureCookies, scriptLoader],
});
// What each module left in the main bundle, for `npm run size:where` (bench/bytes.mjs).
mkdirSync("node_modules/.cache/calltrk", { recursive: true });
writeFileSync("node_modules/.cache/calltrk/swap-meta.json", JSON.stringify(main.metafile));
await shrink("dist/swap.js");
for (const [name, [file, names]] of Object.entries(PARTS)) {
  // A part for the script tag announces its exports on its own script element (src/parts/announce.ts),
  // as a plain object: a module namespace would be built with for…in, which a page's polluted
  // Object.prototype breaks.
  await build({
    ...scriptTag,
    stdin: {
      contents: `import { ${names} } from "./${file}"; import { announce } from "./src/parts/announce"; announce({ ${names} });`,
      resolveDir: ".",
      loader: "ts",
    },
    outfile: `dist/swap-${name}.js`,
    format: "iife",
    minify: true,
  });
  await shrink(`dist/swap-${name}.js`);
  await build({ ...common, entryPoints: [file], outfile: `dist/swap-esm-${name}.js`, format: "esm" });
}
await build({
  ...common,
  entryPoints: ["src/calltrk.ts"],
  outfile: "dist/swap.mjs",
  format: "esm",
  plugins: [pureCookies, moduleParts],
});
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

// The npm package (docs/integrations.md#npm-and-bundlers): CommonJS beside the ESM build (its parts
// stay the ESM files, which `import()` loads from CommonJS too), and calltrk/react in both kinds,
// importing the library by its package name so a page has one copy of it.
await build({
  ...common,
  entryPoints: ["src/calltrk.ts"],
  outfile: "dist/swap.cjs",
  format: "cjs",
  plugins: [pureCookies, moduleParts],
});
for (const [format, ext] of [
  ["esm", "mjs"],
  ["cjs", "cjs"],
]) {
  await build({
    ...common,
    entryPoints: ["src/react/index.ts"],
    outfile: `dist/react.${ext}`,
    format,
    external: ["calltrk", "react"],
    // Hooks run only in client components (https://react.dev/reference/rsc/use-client); a
    // directive inside the source would be dropped by bundling, so the build puts it first.
    banner: { js: '"use client";' },
  });
}
writeTypes();
const size = readFileSync("dist/swap.js").length;
console.log(
  `built dist/swap.js (${size} bytes) and its parts, dist/swap.mjs, dist/swap.cjs, dist/react.*, dist/types, dist/server.mjs`,
);

/**
 * One declaration file per entry and module kind (.d.mts for import, .d.cts for require): the
 * library's types bundled into one file by dts-bundle-generator, so no relative import needs an
 * extension under moduleResolution node16/nodenext (TS2834) and nothing turns into `any`;
 * calltrk/react's as tsc writes them (it imports only "react" and "calltrk", by package name).
 */
function writeTypes() {
  const tmp = mkdtempSync(join(tmpdir(), "calltrk-types-"));
  try {
    execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json", "--outDir", tmp], {
      stdio: "inherit",
    });
    const bundled = join(tmp, "calltrk.bundle.d.ts");
    execFileSync(
      process.execPath,
      [
        "node_modules/dts-bundle-generator/dist/bin/dts-bundle-generator.js",
        "--silent",
        "--no-check",
        "--no-banner",
        "--inline-declare-global",
        "--project",
        "tsconfig.build.json",
        "-o",
        bundled,
        "src/calltrk.ts",
      ],
      { stdio: "inherit" },
    );
    mkdirSync("dist/types", { recursive: true });
    const library = readFileSync(bundled, "utf8");
    const react = readFileSync(join(tmp, "react", "index.d.ts"), "utf8");
    for (const ext of ["d.mts", "d.cts"]) {
      writeFileSync(`dist/types/calltrk.${ext}`, library);
      writeFileSync(`dist/types/react.${ext}`, react);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
