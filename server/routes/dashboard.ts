// GET /dashboard: the token (header or ?token=), or loopback in demo mode.
import { Hono } from "hono";
import { checkToken, sameSecret } from "../http";
import { peer } from "../protect";
import { renderDashboard } from "../dashboard";
import type { Services } from "../services";

export function dashboardRoutes(s: Services, o: { demo?: boolean }): Hono {
  const r = new Hono();
  r.get("/dashboard", async (c) => {
    // Loopback only: an in-process request (no socket) is not local.
    const local = !!o.demo && /^(127\.|::1$|::ffff:127\.)/.test(peer(c) || "");
    const q = c.req.query("token");
    if (!local && !(q && sameSecret(q, s.token))) checkToken(c, s.token);
    c.header("Cache-Control", "no-store");
    const [pools, leases, sessions, calls, forms] = await Promise.all([
      s.store.poolUse(),
      s.store.liveLeases(50),
      s.store.recentSessions(20),
      s.store.recentCalls(20),
      s.store.recentForms(20),
    ]);
    const companies = s.companies.size;
    return c.html(
      renderDashboard({
        now: s.now(),
        leaseSeconds: s.store.leaseSeconds,
        companies,
        pools,
        leases,
        sessions,
        calls,
        forms,
      }),
    );
  });
  return r;
}
