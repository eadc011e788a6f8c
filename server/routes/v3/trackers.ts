// Trackers of the operator API (docs/protocol.md#7-operator-api-callrail-api-v3-subset):
// GET/POST trackers.json, GET/PUT/DELETE trackers/{id}.json (DELETE disables it and ends its
// live leases). A tracking number belongs to one active tracker of the whole server.
import { Hono, type Context } from "hono";
import { jsonBody, fail } from "../../http";
import type { Company, TrackerRecord } from "../../companies";
import { Invalid, checkTracker } from "../../config/validate";
import { newId } from "../../config/ids";
import type { Services } from "../../services";
import { trackerObject, withoutShownOnly } from "./objects";
import { companyFilter, pageOf, paging } from "./paging";

export function trackerRoutes(s: Services): Hono {
  const r = new Hono();

  /** The company of the account that holds tracker `id`. */
  async function holder(c: Context, id: string): Promise<Company> {
    const companies = await s.store.accountCompanies(c.req.param("account")!);
    return companies.find((x) => x.trackers.some((t) => t.id == id)) ?? fail(404, "unknown tracker");
  }
  const trackerId = (c: Context) => c.req.param("file")!.slice(0, -5);

  /** Changes one tracker of the company `company`; refreshes this process's map. */
  async function change(c: Context, company: Company, id: string, edit: (t: TrackerRecord) => TrackerRecord) {
    const changed = await s.store.changeCompany(c.req.param("account")!, company.id, s.now(), (doc) => ({
      ...doc,
      trackers: doc.trackers.map((t) => (t.id == id ? edit(t) : t)),
    }));
    if (!changed) fail(404, "unknown tracker");
    await s.companies.refresh();
    return trackerObject(
      changed!,
      changed!.trackers.find((t) => t.id == id)!,
    );
  }

  r.get("/:account/trackers.json", async (c) => {
    const p = paging(c);
    const company = companyFilter(c);
    const companies = await s.store.accountCompanies(c.req.param("account"));
    const all = companies
      .filter((x) => !company || x.id == company)
      .flatMap((x) => x.trackers.map((t) => trackerObject(x, t)));
    return c.json(pageOf("trackers", all, p));
  });

  r.post("/:account/trackers.json", async (c) => {
    const { company_id, ...body } = withoutShownOnly(await jsonBody(c), "tracker");
    if (typeof company_id != "string" || !company_id) throw new Invalid("company_id", "is required");
    const now = s.now();
    const tracker: TrackerRecord = { id: newId("TRK"), ...checkTracker(body), created_at: new Date(now).toISOString() };
    const changed = await s.store.changeCompany(c.req.param("account"), company_id, now, (doc) => ({
      ...doc,
      trackers: [...doc.trackers, tracker],
    }));
    if (!changed) throw new Invalid("company_id", "no such company in this account");
    await s.companies.refresh();
    return c.json(trackerObject(changed, tracker), 201);
  });

  r.get("/:account/trackers/:file{[\\w-]+\\.json}", async (c) => {
    const company = await holder(c, trackerId(c));
    return c.json(
      trackerObject(
        company,
        company.trackers.find((t) => t.id == trackerId(c))!,
      ),
    );
  });

  r.put("/:account/trackers/:file{[\\w-]+\\.json}", async (c) => {
    const id = trackerId(c);
    const { company_id, ...body } = withoutShownOnly(await jsonBody(c), "tracker");
    const company = await holder(c, id);
    if (company_id != null && company_id != company.id) throw new Invalid("company_id", "cannot change");
    const now = new Date(s.now()).toISOString();
    return c.json(
      await change(c, company, id, (t) => {
        const next = { ...t, ...checkTracker(body, t), id, updated_at: now };
        if (t.status == "active" && next.status == "disabled") next.disabled_at = now;
        if (next.status == "active") next.disabled_at = null;
        return next;
      }),
    );
  });

  r.delete("/:account/trackers/:file{[\\w-]+\\.json}", async (c) => {
    const id = trackerId(c);
    const company = await holder(c, id);
    const now = new Date(s.now()).toISOString();
    await change(c, company, id, (t) => ({ ...t, status: "disabled", disabled_at: t.disabled_at || now }));
    return c.body(null, 204);
  });

  return r;
}
