// Files: the bundle (docs/protocol.md#1-embedding), with or without a company's config
// appended, the parts it loads on demand, and in demo mode the demo site (plus the e2e
// fixture pages when asked for).
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Hono, type Context } from "hono";
import { serveStatic } from "@hono/node-server/serve-static";
import { fail } from "../http";
import { publicConfig } from "../companies";
import type { Services } from "../services";

/** What carries a company's config: a config change reaches every page within a minute. */
export const CONFIG_CACHE = "public, max-age=60";
/** A day's cache, then a week of serving the cached copy while revalidating (by ETag). */
const BUNDLE_CACHE = "public, max-age=86400, stale-while-revalidate=604800";

/** A built file, re-read when it changes (a rebuild while the demo runs). */
export function bundleReader(path: string) {
  let cached = { mtime: -1, text: "" };
  return (): string | null => {
    try {
      const m = statSync(path).mtimeMs;
      if (m != cached.mtime) cached = { mtime: m, text: readFileSync(path, "utf8") };
      return cached.text;
    } catch {
      return null;
    }
  };
}

/** A strong ETag of the content, prefixed with the version, and a 304 when it matches. */
export function sendJs(c: Context, body: string, cache: string, version: string): Response {
  const tag = `"${version}-${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`;
  c.header("ETag", tag);
  c.header("Cache-Control", cache);
  c.header("X-CallTrk-Version", version);
  c.header("Access-Control-Allow-Origin", "*");
  if (c.req.header("if-none-match") == tag) return c.body(null, 304);
  c.header("Content-Type", "text/javascript; charset=utf-8");
  return c.body(body);
}

export interface StaticOptions {
  root: string;
  version: string;
  demo?: boolean;
  fixturesDir?: string;
}

export function staticRoutes(s: Services, o: StaticOptions): Hono {
  const r = new Hono();
  const built = (file: string) => bundleReader(join(o.root, "dist", file));
  const bundle = built("swap.js");
  const esm = built("swap.mjs");
  const missing = () => fail(404, "bundle not built (npm run build)");

  r.get("/swap.js", (c) => sendJs(c, bundle() ?? missing(), BUNDLE_CACHE, o.version));
  // The ESM build (createCallTrk and the pure rules), for module users and the demo's panel.
  r.get("/swap.mjs", (c) => sendJs(c, esm() ?? missing(), BUNDLE_CACHE, o.version));
  // Bundle + config in one response (docs/protocol.md#1-embedding), cached for at most the
  // minute in which a config change must reach pages (docs/protocol.md#7-operator-api-callrail-api-v3-subset).
  // The URL names the company, so the tag needs no data-company: the company is set in
  // window.CallTrkConfig before the bundle runs, unless the page set one there itself. Without
  // it the bundle would stop at "no data-company", and the appended call must not throw then.
  r.get("/companies/:company/swap.js", (c) => {
    const company = s.companies.get(c.req.param("company")) ?? fail(404, "unknown company");
    const config = JSON.stringify(publicConfig(company)).replace(/</g, "\\u003c");
    const id = JSON.stringify(company.id);
    const js =
      `(function(){var o=window.CallTrkConfig=window.CallTrkConfig||{};o.company=o.company||${id}})();\n` +
      (bundle() ?? missing()) +
      `\nif (window.CallTrk && window.CallTrk.configure) CallTrk.configure(${config});\n`;
    return sendJs(c, js, CONFIG_CACHE, o.version);
  });

  // Parts of the bundle loaded on demand (dist/swap-<part>.js) are fetched relative to the
  // bundle's own URL (docs/protocol.md#1-embedding), so they are served beside both bundle URLs.
  const parts = new Map<string, () => string | null>();
  const sendPart = (c: Context) => {
    const file = c.req.param("file")!;
    if (!parts.has(file)) parts.set(file, built(file));
    return sendJs(c, parts.get(file)!() ?? fail(404, "not found"), BUNDLE_CACHE, o.version);
  };
  r.get("/:file{swap-[a-z0-9-]+\\.js}", sendPart);
  r.get("/companies/:company/:file{swap-[a-z0-9-]+\\.js}", sendPart);

  r.get("/favicon.ico", (c) => c.body(null, 204));
  const noCache = (_path: string, c: Context) => {
    c.header("Cache-Control", "no-cache");
  };
  if (o.demo) {
    const demo = join(o.root, "demo");
    r.get("/", serveStatic({ path: join(demo, "index.html"), onFound: noCache }));
    // The demo's contact form posts here, so that a visitor's name, phone and e-mail never sit
    // in a page URL (docs/security.md#page-urls). The bundle captured the form on submit; the
    // body is not read, and the answer sends the browser on to the thanks page (Post/Redirect/Get).
    r.post("/demo/thanks.html", (c) => c.redirect("/demo/thanks.html", 303));
    r.get("/demo/*", serveStatic({ root: demo, rewriteRequestPath: (p) => p.slice(5), onFound: noCache }));
  }
  if (o.fixturesDir) {
    const dir = o.fixturesDir;
    r.get("/fixtures/*", serveStatic({ root: dir, rewriteRequestPath: (p) => p.slice(9), onFound: noCache }));
  }
  return r;
}
