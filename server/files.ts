// Static responses: the bundle (PROTOCOL §1), with or without a company's config
// appended, and the demo site (plus the e2e fixture pages when asked for).
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import type { Context } from "hono";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** The built bundle, re-read when the file changes (a rebuild while the demo runs). */
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
  c.header("Content-Type", TYPES[".js"]);
  return c.body(body);
}

/** A file under `dir` for a URL path, refusing anything that climbs out of it. */
export function sendFile(c: Context, dir: string, path: string): Response | null {
  let file: string;
  try {
    file = normalize(join(dir, decodeURIComponent(path)));
  } catch {
    return null;
  }
  if (!file.startsWith(normalize(dir) + sep)) return null;
  try {
    const body = readFileSync(file);
    c.header("Content-Type", TYPES[extname(file)] || "application/octet-stream");
    c.header("Cache-Control", "no-cache");
    return c.body(body);
  } catch {
    return null;
  }
}
