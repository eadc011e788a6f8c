// Form submissions and text-message conversations of the operator API
// (docs/protocol.md#7-operator-api-callrail-api-v3-subset), newest first. A form submission is
// the v3 object the server builds (docs/attribution.md#the-form-submission-object): its source
// is the server's own reading of the first touch, never what the browser named it.
import { Hono } from "hono";
import type { Services } from "../../services";
import { companyFilter, list, paging } from "./paging";

export function leadRoutes(s: Services): Hono {
  const r = new Hono();

  r.get("/:account/form_submissions.json", async (c) => {
    const p = paging(c);
    const got = await s.store.listFormObjects(c.req.param("account"), companyFilter(c), p);
    return c.json(list("form_submissions", got.rows, got.total, p));
  });

  r.get("/:account/text-messages.json", async (c) => {
    const p = paging(c);
    const got = await s.store.listConversations(c.req.param("account"), companyFilter(c), p);
    return c.json(list("conversations", got.rows, got.total, p));
  });

  return r;
}
