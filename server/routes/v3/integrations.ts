// Integrations of the operator API (docs/protocol.md#7-operator-api-callrail-api-v3-subset):
// `Webhooks` (URLs per event, docs/protocol.md#9-outgoing-webhooks; the signing key is
// answered once, on create) and `Custom` (cookies the bundle sends with the visitor).
// Each answer carries how the integration's webhook deliveries stand.
import { Hono, type Context } from "hono";
import { jsonBody, fail } from "../../http";
import type { Company, Integration } from "../../companies";
import { Invalid, checkIntegration } from "../../config/validate";
import { text } from "../../config/fields";
import { newId } from "../../config/ids";
import { newSigningKey } from "../../webhooks/sign";
import { parseWebhookUrl } from "../../webhooks/guard";
import { addressProblem } from "../../webhooks/addresses";
import { isIP } from "node:net";
import type { Services } from "../../services";
import { integrationObject } from "./objects";
import { companyFilter, pageOf, paging } from "./paging";

export function integrationRoutes(s: Services): Hono {
  const r = new Hono();

  /**
   * A webhook URL as saved: http(s), no credentials, and (unless WEBHOOKS_ALLOW_PRIVATE) no
   * literal private address or localhost name; names are checked again after DNS at delivery.
   */
  const webhookUrl = (field: string, v: unknown) => {
    const url = text(field, v, 2048);
    const checked = parseWebhookUrl(url);
    if (!checked.ok) throw new Invalid(field, checked.error);
    const host = checked.url.hostname.replace(/^\[(.*)\]$/, "$1");
    const problem = isIP(host) ? addressProblem(host) : /(^|\.)localhost\.?$/i.test(host) ? "a loopback name" : null;
    if (problem && !s.allowPrivateWebhooks)
      throw new Invalid(
        field,
        `${problem}: webhooks go to public addresses only (WEBHOOKS_ALLOW_PRIVATE=1 allows others)`,
      );
    return url;
  };
  const show = async (i: Integration, withKey = false) =>
    integrationObject(i, i.type == "Webhooks" ? await s.store.deliveryStatus(i.id) : undefined, withKey);

  async function holder(c: Context, id: string): Promise<Company> {
    const companies = await s.store.accountCompanies(c.req.param("account")!);
    return companies.find((x) => (x.integrations || []).some((i) => i.id == id)) ?? fail(404, "unknown integration");
  }
  const integrationId = (c: Context) => c.req.param("file")!.slice(0, -5);

  async function change(c: Context, id: string, edit: (i: Integration) => Integration) {
    const company = await holder(c, id);
    const changed = await s.store.changeCompany(c.req.param("account")!, company.id, s.now(), (doc) => ({
      ...doc,
      integrations: (doc.integrations || []).map((i) => (i.id == id ? edit(i) : i)),
    }));
    if (!changed) fail(404, "unknown integration");
    await s.companies.refresh();
    return changed!.integrations!.find((i) => i.id == id)!;
  }

  r.get("/:account/integrations.json", async (c) => {
    const p = paging(c);
    const company = companyFilter(c);
    const companies = await s.store.accountCompanies(c.req.param("account"));
    const all: object[] = [];
    for (const x of companies)
      if (!company || x.id == company) for (const i of x.integrations || []) all.push(await show(i));
    return c.json(pageOf("integrations", all, p));
  });

  r.post("/:account/integrations.json", async (c) => {
    const { company_id, ...body } = await jsonBody(c);
    if (typeof company_id != "string" || !company_id) throw new Invalid("company_id", "is required");
    const now = new Date(s.now()).toISOString();
    const checked = checkIntegration(body, webhookUrl);
    const integration: Integration = {
      ...checked,
      id: newId("INT"),
      company_id,
      created_at: now,
      ...(checked.type == "Webhooks" ? { signing_key: newSigningKey() } : {}),
    };
    const changed = await s.store.changeCompany(c.req.param("account"), company_id, s.now(), (doc) => ({
      ...doc,
      integrations: [...(doc.integrations || []), integration],
    }));
    if (!changed) throw new Invalid("company_id", "no such company in this account");
    await s.companies.refresh();
    return c.json(await show(integration, true), 201);
  });

  r.get("/:account/integrations/:file{[\\w-]+\\.json}", async (c) => {
    const id = integrationId(c);
    const company = await holder(c, id);
    return c.json(await show(company.integrations!.find((i) => i.id == id)!));
  });

  r.put("/:account/integrations/:file{[\\w-]+\\.json}", async (c) => {
    const { company_id, ...body } = await jsonBody(c);
    const id = integrationId(c);
    const now = new Date(s.now()).toISOString();
    const changed = await change(c, id, (i) => {
      if (company_id != null && company_id != i.company_id) throw new Invalid("company_id", "cannot change");
      const next = { ...i, ...checkIntegration(body, webhookUrl, i), updated_at: now };
      next.disabled_at = next.status == "disabled" ? i.disabled_at || now : null;
      return next;
    });
    return c.json(await show(changed));
  });

  r.delete("/:account/integrations/:file{[\\w-]+\\.json}", async (c) => {
    const now = new Date(s.now()).toISOString();
    await change(c, integrationId(c), (i) => ({ ...i, status: "disabled", disabled_at: i.disabled_at || now }));
    return c.body(null, 204);
  });

  return r;
}
