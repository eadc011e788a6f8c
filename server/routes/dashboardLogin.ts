// Signing in to the dashboard (docs/dashboard.md#signing-in): the wrong-token lockout, the login
// and logout forms (same-origin only), and the check every other dashboard route passes: a
// signed-in browser, the API token in the Authorization header, or the demo's local browser.
import type { Context, Hono, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { checkToken, fail, sameSecret } from "../http";
import type { Guard } from "../protect";
import type { Services } from "../services";
import {
  COOKIE,
  LOGIN_MS,
  cookieLogin,
  demoLocal,
  loginId,
  newLoginValue,
  nextPath,
  overHttps,
} from "../dashboard/auth";
import { loginPage, messagePage } from "../dashboard/login";

/** `cookie`: the request is a browser signed in with the login cookie (it gets a Log out button). */
export type DashboardEnv = { Variables: { cookie: boolean } };

/** Registers on `r`, in this order, what stands before the dashboard's pages. */
export function signInRoutes(
  r: Hono<DashboardEnv>,
  s: Services,
  o: { demo?: boolean; trustProxy?: boolean },
  guard: Guard,
): void {
  const store = s.store.dashboard;
  const cookie = (c: Context) => ({
    path: "/dashboard",
    httpOnly: true,
    sameSite: "Strict" as const,
    secure: overHttps(c, !!o.trustProxy),
  });

  // After too many wrong tokens a client waits (protect.ts), on the form as with the header.
  r.use("/dashboard/*", async (c, next) => {
    if (!guard.locked(c)) return next();
    c.header("Retry-After", "60");
    if (c.req.header("authorization") !== undefined) fail(429, "too many requests: retry after 60 s");
    return c.html(messagePage("Too many wrong tokens", "Wait a minute, then sign in again."), 429);
  });

  // Forms post only from this server's own pages: the browser says so in Sec-Fetch-Site, or
  // its Origin has this request's host (what a reverse proxy keeps when it passes Host on).
  const check = csrf({ origin: (origin, c) => URL.canParse(origin) && new URL(origin).host === c.req.header("host") });
  const sameOrigin: MiddlewareHandler = async (c, next) => {
    await check(c, async () => {}).catch(() =>
      fail(403, "a form from another site: sign in from the dashboard's own page"),
    );
    await next();
  };
  const small = bodyLimit({ maxSize: 8192, onError: () => fail(413, "body larger than 8192 bytes") });

  r.get("/dashboard/login", (c) => c.html(loginPage(nextPath(c.req.query("next")), null)));
  r.post("/dashboard/login", sameOrigin, small, async (c) => {
    const form = await c.req.parseBody();
    const next = nextPath(form.next);
    const token = typeof form.token == "string" ? form.token : "";
    if (!token || !sameSecret(token, s.token)) {
      guard.badToken(c);
      return c.html(loginPage(next, "That is not the API token."), 401);
    }
    const value = newLoginValue();
    await store.addLogin(loginId(s.token, value), s.now(), s.now() + LOGIN_MS);
    setCookie(c, COOKIE, value, { ...cookie(c), maxAge: LOGIN_MS / 1000 });
    return c.redirect(next, 303);
  });
  r.post("/dashboard/logout", sameOrigin, async (c) => {
    const id = cookieLogin(c, s.token);
    if (id) await store.endLogin(id);
    deleteCookie(c, COOKIE, cookie(c));
    return c.redirect("/dashboard/login", 303);
  });

  // Every route below needs a signed-in browser, the token in the header, or the demo's local browser.
  r.use("/dashboard/*", async (c, next) => {
    const id = cookieLogin(c, s.token);
    const signedIn = !!id && (await store.loginValid(id, s.now()));
    if (c.req.header("authorization") !== undefined) checkToken(c, s.token);
    else if (!signedIn && !demoLocal(c, o)) {
      const url = new URL(c.req.url);
      return c.redirect("/dashboard/login?next=" + encodeURIComponent(url.pathname + url.search), 303);
    }
    c.set("cookie", signedIn);
    await next();
  });
}
