// Companies of the operator API (docs/protocol.md#7-operator-api-callrail-api-v3-subset):
// GET/POST companies.json, GET/PUT/DELETE companies/{id}.json (DELETE disables it).
import { Hono } from "hono";
import { jsonBody, fail } from "../../http";
import type { Company } from "../../companies";
import { checkCompany } from "../../config/validate";
import { newId } from "../../config/ids";
import type { Services } from "../../services";
import { companyObject, withoutShownOnly } from "./objects";
import { oneOf } from "../../config/fields";
import { pageOf, paging } from "./paging";

export function companyRoutes(s: Services): Hono {
  const r = new Hono();
  const show = (c: Company) => companyObject(c, s.publicUrl);

  r.get("/:account/companies.json", async (c) => {
    const p = paging(c);
    const companies = await s.store.accountCompanies(c.req.param("account"));
    return c.json(pageOf("companies", companies.map(show), p));
  });

  r.post("/:account/companies.json", async (c) => {
    const fields = checkCompany(await jsonBody(c));
    const now = s.now();
    const company: Company = {
      ...fields,
      id: newId("COM"),
      account_id: c.req.param("account"),
      status: "active",
      created_at: new Date(now).toISOString(),
      trackers: [],
      integrations: [],
    };
    await s.store.insertCompany(company, now);
    await s.companies.refresh();
    return c.json(show(company), 201);
  });

  r.get("/:account/companies/:file{[\\w-]+\\.json}", async (c) => {
    const id = c.req.param("file").slice(0, -5);
    const company = await s.store.company(id);
    if (!company || company.account_id != c.req.param("account")) fail(404, "unknown company");
    return c.json(show(company!));
  });

  r.put("/:account/companies/:file{[\\w-]+\\.json}", async (c) => {
    const { status: wanted, ...body } = withoutShownOnly(await jsonBody(c), "company");
    const status = wanted === undefined ? undefined : oneOf("status", wanted, ["active", "disabled"] as const);
    const now = s.now();
    const changed = await s.store.changeCompany(
      c.req.param("account"),
      c.req.param("file").slice(0, -5),
      now,
      (company) => {
        const { trackers, integrations, id, account_id, created_at, disabled_at, ...fields } = company;
        const before = company.status ?? "active";
        const after = status ?? before;
        return {
          ...checkCompany(body, fields),
          trackers,
          integrations,
          id,
          account_id,
          created_at,
          // PUT {"status": "active"} enables a disabled company again; "disabled" is DELETE.
          status: after,
          disabled_at: after == "active" ? null : before == "disabled" ? disabled_at : new Date(now).toISOString(),
        };
      },
    );
    if (!changed) fail(404, "unknown company");
    await s.companies.refresh();
    return c.json(show(changed!));
  });

  // DELETE disables: the company keeps its data, stops tracking, and frees its numbers.
  r.delete("/:account/companies/:file{[\\w-]+\\.json}", async (c) => {
    const now = s.now();
    const changed = await s.store.changeCompany(
      c.req.param("account"),
      c.req.param("file").slice(0, -5),
      now,
      (company) => ({
        ...company,
        status: "disabled",
        disabled_at: company.disabled_at || new Date(now).toISOString(),
      }),
    );
    if (!changed) fail(404, "unknown company");
    await s.companies.refresh();
    return c.body(null, 204);
  });

  return r;
}
