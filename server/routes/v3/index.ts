// The operator API under /v3/a/{account_id}/ (docs/protocol.md#7-operator-api-callrail-api-v3-subset),
// CallRail API v3's paths, shapes and status codes: `Authorization: Token token=…` on every
// request; an account exists once it has a company (create the first with POST companies.json);
// another account's ids are unknown (404); a field that does not fit is a 422 naming it.
import { Hono } from "hono";
import { checkToken, fail } from "../../http";
import type { Services } from "../../services";
import { callRoutes } from "./calls";
import { companyRoutes } from "./companies";
import { integrationRoutes } from "./integrations";
import { leadRoutes } from "./leads";
import { ID } from "./paging";
import { trackerRoutes } from "./trackers";

export function v3Routes(s: Services): Hono {
  const r = new Hono();
  r.use("/:account/*", async (c, next) => {
    checkToken(c, s.token);
    c.header("Cache-Control", "no-store");
    const account = c.req.param("account");
    const creating = c.req.method == "POST" && c.req.path.endsWith("/companies.json");
    if (!ID.test(account) || (!creating && !(await s.store.accountExists(account)))) fail(404, "unknown account");
    await next();
  });
  r.route("/", companyRoutes(s));
  r.route("/", trackerRoutes(s));
  r.route("/", integrationRoutes(s));
  r.route("/", callRoutes(s));
  r.route("/", leadRoutes(s));
  return r;
}
