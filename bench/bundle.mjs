// Bundles TypeScript of the repository for a bench (esbuild, packages left external) and imports
// it. The bundle goes inside node_modules, so that its external packages resolve from the project.
import { build } from "esbuild";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** `options`: esbuild's `entryPoints` or `stdin`; `name` names the bundle file. */
export async function importBundled(name, options) {
  const out = resolve(`node_modules/.cache/calltrk-bench/${name}.mjs`);
  await build({
    ...options,
    outfile: out,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  return import(pathToFileURL(out).href);
}
