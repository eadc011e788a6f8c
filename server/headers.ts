// Response headers of the pages and API that carry leads (docs/dashboard.md#headers): the
// dashboard under /dashboard and the operator API under /v3. Hono's secure-headers middleware
// with a Content-Security-Policy per kind, framing denied, no referrer, and no caching
// anywhere: a shared or browser cache must never keep a lead. The bundle-facing routes
// (/v1/companies/…, /swap.js) are cached on purpose and do not get these.
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

const common = {
  xFrameOptions: "DENY",
  referrerPolicy: "no-referrer",
  xContentTypeOptions: true,
  // HTTPS, and so Strict-Transport-Security, is the reverse proxy's to decide.
  strictTransportSecurity: false,
} as const;

function withNoStore(headers: MiddlewareHandler): MiddlewareHandler {
  return async (c, next) => {
    await headers(c, next);
    c.header("Cache-Control", "no-store");
  };
}

/** The dashboard: its own stylesheet and images, forms posting to itself, nothing else. */
export const dashboardHeaders = (): MiddlewareHandler =>
  withNoStore(
    secureHeaders({
      ...common,
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    }),
  );

/** The operator API answers JSON only: nothing in it may load or run, nor be framed. */
export const apiHeaders = (): MiddlewareHandler =>
  withNoStore(
    secureHeaders({
      ...common,
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    }),
  );
