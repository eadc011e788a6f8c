// A small static server for the demo and the e2e suite: serves the built bundle, the
// demo site, the e2e fixture pages, and company configs (PROTOCOL §3) from JSON files.
// It stands in for the reference number server until that one exists (server/).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const HOST = process.env.HOST || "127.0.0.1";
const PORT = Number(process.env.PORT || 3000);
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8", ".json": "application/json", ".css": "text/css", ".svg": "image/svg+xml" };
// Company id -> config file. The demo company, and one per e2e need.
const COMPANIES = { demo: "demo/company.json", e2e: "e2e/fixtures/company.json" };

/** Resolves a URL path under a folder, refusing anything that climbs out of it. */
function under(folder, path) {
  const p = normalize(join(root, folder, decodeURIComponent(path)));
  return p.startsWith(join(root, folder)) ? p : null;
}

async function send(res, status, body, type, headers = {}) {
  res.writeHead(status, { "Content-Type": type, "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store", ...headers });
  res.end(body);
}

async function file(res, path) {
  try {
    const body = await readFile(path);
    await send(res, 200, body, TYPES[extname(path)] || "application/octet-stream");
  } catch {
    await send(res, 404, JSON.stringify({ error: "not found" }), "application/json");
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://x");
  const path = url.pathname;
  const config = path.match(/^\/v1\/companies\/([^/]+)\/config$/);
  if (config) {
    const f = COMPANIES[config[1]];
    if (!f) return send(res, 404, JSON.stringify({ error: "unknown company" }), "application/json");
    return file(res, join(root, f));
  }
  if (path === "/favicon.ico") return send(res, 204, "", "image/x-icon");
  if (path === "/swap.js" || path === "/swap.mjs") return file(res, join(root, "dist", path));
  // Bundle and config in one response: the bundle, then one CallTrk.configure() call (PROTOCOL §1).
  const inlined = path.match(/^\/companies\/([^/]+)\/swap\.js$/);
  if (inlined && COMPANIES[inlined[1]]) {
    try {
      const [bundle, config] = await Promise.all([readFile(join(root, "dist/swap.js"), "utf8"), readFile(join(root, COMPANIES[inlined[1]]), "utf8")]);
      return send(res, 200, bundle + "\nCallTrk.configure(" + JSON.stringify(JSON.parse(config)) + ");\n", TYPES[".js"]);
    } catch {
      return send(res, 500, JSON.stringify({ error: "bundle not built" }), "application/json");
    }
  }
  if (path === "/" || path === "/demo" || path === "/demo/") return file(res, join(root, "demo/index.html"));
  if (path.startsWith("/demo/")) return file(res, under("demo", path.slice(6)) || "");
  if (path.startsWith("/fixtures/")) return file(res, under("e2e/fixtures", path.slice(10)) || "");
  return send(res, 404, JSON.stringify({ error: "not found" }), "application/json");
});

server.listen(PORT, HOST, () => {
  console.log(`CallTrk demo: http://${HOST}:${PORT}/  (bundle: /swap.js, config: /v1/companies/demo/config)`);
});
