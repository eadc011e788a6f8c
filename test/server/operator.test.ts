// @vitest-environment node
// The operator API (docs/protocol.md#7-operator-api-callrail-api-v3-subset): companies,
// trackers, integrations and calls, their v3 shapes and status codes, bad input answered 422
// naming the field, other accounts' ids unknown, and changes that reach claims, calls and the
// served config at once, without a restart.
import { describe, expect, it } from "vitest";
import { AUTH, S1, S2, S3, company, servers, type TestServer } from "./helpers";

const { make } = servers();

type Json = Record<string, unknown> & { id?: string; error?: string };
const api = async (s: TestServer, method: string, path: string, body?: unknown, account = "ACC1") => {
  const r = await s.req(`/v3/a/${account}${path}`, {
    method,
    headers: AUTH,
    body: body === undefined ? undefined : typeof body == "string" ? body : JSON.stringify(body),
  });
  return [r.status, r.status == 204 ? null : ((await r.json()) as Json)] as const;
};
const HEX32 = /^[0-9a-f]{32}$/;

describe("companies", () => {
  it("POST creates one with a COM id and the given fields; GET, PUT and list show it; DELETE disables it", async () => {
    const s = await make();
    const [status, c] = await api(s, "POST", "/companies.json", {
      name: "Acme Plumbing",
      time_zone: "America/New_York",
      site_origins: ["https://www.acme.example"],
      swap_cookie_duration: 30,
      swap_cookie_duration_unit: "days",
      form_capture: true,
    });
    expect(status).toBe(201);
    expect(c!.id).toMatch(/^COM/);
    expect(c!.id!.slice(3)).toMatch(HEX32);
    expect(c).toMatchObject({
      name: "Acme Plumbing",
      status: "active",
      time_zone: "America/New_York",
      form_capture: true,
    });
    expect(c!.script_url).toBe(`https://numbers.example/companies/${c!.id}/swap.js`);
    expect(await api(s, "GET", `/companies/${c!.id}.json`)).toEqual([200, c]);
    const [, updated] = await api(s, "PUT", `/companies/${c!.id}.json`, {
      name: "Acme & Sons",
      swap_ppc_override: true,
    });
    expect(updated).toMatchObject({ name: "Acme & Sons", swap_ppc_override: true, time_zone: "America/New_York" });
    const [, list] = await api(s, "GET", "/companies.json?per_page=1&page=2");
    expect(list).toMatchObject({ page: 2, per_page: 1, total_records: 2, total_pages: 2 });
    expect(await api(s, "DELETE", `/companies/${c!.id}.json`)).toEqual([204, null]);
    expect((await api(s, "GET", `/companies/${c!.id}.json`))[1]).toMatchObject({
      status: "disabled",
      disabled_at: expect.any(String),
    });
    // A disabled company tracks nothing: the bundle's endpoints no longer know it.
    expect((await s.req(`/v1/companies/${c!.id}/config`)).status).toBe(404);
  });

  it("the first company of a new account creates the account", async () => {
    const s = await make();
    const [status, c] = await api(s, "POST", "/companies.json", { name: "Fresh" }, "ACC9");
    expect([status, c!.account_id]).toEqual([201, "ACC9"]);
    expect((await api(s, "GET", "/companies.json", undefined, "ACC9"))[1]!.total_records).toBe(1);
  });

  it.each([
    ["no name", {}, "name: is required"],
    [
      "an unknown field (a typo)",
      { name: "x", swap_cookie_duration_unti: "days" },
      "swap_cookie_duration_unti: unknown field",
    ],
    [
      "a unit that is not one",
      { name: "x", swap_cookie_duration_unit: "years" },
      "swap_cookie_duration_unit: must be one of",
    ],
    [
      "a lifetime over 6 months",
      { name: "x", swap_cookie_duration: 9, swap_cookie_duration_unit: "months" },
      "swap_cookie_duration: must be a whole number from 1 to 6",
    ],
    ["a time zone that is not one", { name: "x", time_zone: "Mars/Olympus" }, "time_zone: must be an IANA time zone"],
    [
      "an origin with a path",
      { name: "x", site_origins: ["https://a.example/shop"] },
      "site_origins[0]: must be an origin",
    ],
    ["a boolean as a string", { name: "x", form_capture: "yes" }, "form_capture: must be true or false"],
    ["a body that is not an object", [], "body must be a JSON object"],
  ])("422 naming the field: %s", async (_n, body, error) => {
    const s = await make();
    const [status, answer] = await api(s, "POST", "/companies.json", body);
    expect(status).toBe(Array.isArray(body) ? 400 : 422);
    expect(answer!.error).toContain(error);
    expect((await api(s, "GET", "/companies.json"))[1]!.total_records).toBe(1);
  });

  it("site_origins as an address bar shows them are kept as origins", async () => {
    const s = await make();
    const [status, c] = await api(s, "POST", "/companies.json", {
      name: "Acme",
      site_origins: ["https://www.acme.example/", " http://localhost:8000 "],
    });
    expect([status, c!.site_origins]).toEqual([201, ["https://www.acme.example", "http://localhost:8000"]]);
  });

  it("another account's company, an unknown id or account: 404", async () => {
    const s = await make();
    const [, other] = await api(s, "POST", "/companies.json", { name: "Other" }, "ACC2");
    expect((await api(s, "GET", `/companies/${other!.id}.json`))[0]).toBe(404);
    expect((await api(s, "PUT", `/companies/${other!.id}.json`, { name: "stolen" }))[0]).toBe(404);
    expect((await api(s, "DELETE", `/companies/${other!.id}.json`))[0]).toBe(404);
    expect((await api(s, "GET", `/companies/COMnope.json`))[0]).toBe(404);
    expect((await api(s, "GET", "/companies.json", undefined, "NOBODY"))[0]).toBe(404);
  });
});

describe("a PUT of what a GET answered", () => {
  it("a company read, edited and sent back: the shown-only fields are ignored, the edit applies", async () => {
    const s = await make();
    const [, read] = await api(s, "GET", "/companies/COM1.json");
    const [status, written] = await api(s, "PUT", "/companies/COM1.json", { ...read, name: "Renamed" });
    expect(status).toBe(200);
    expect(written).toEqual({ ...read, name: "Renamed" });
    // Anything else unknown is still refused.
    expect(await api(s, "PUT", "/companies/COM1.json", { ...read, nmae: "x" })).toEqual([
      422,
      { error: "nmae: unknown field" },
    ]);
  });

  it("a tracker read and sent back is accepted as it is", async () => {
    const s = await make();
    for (const id of ["SRC_ALL", "POOL"]) {
      const [, read] = await api(s, "GET", `/trackers/${id}.json`);
      expect([id, ...(await api(s, "PUT", `/trackers/${id}.json`, read))]).toEqual([id, 200, { ...read }]);
    }
  });

  it("a disabled company is enabled again with PUT {status: active}, its numbers owned and leased again", async () => {
    const s = await make();
    expect((await api(s, "DELETE", "/companies/COM1.json"))[0]).toBe(204);
    const config = () => s.req("/v1/companies/COM1/config").then((r) => r.status);
    expect(await config()).toBe(404);
    const [status, back] = await api(s, "PUT", "/companies/COM1.json", { status: "active" });
    expect(await config()).toBe(200);
    expect([status, back!.status, back!.disabled_at]).toEqual([200, "active", null]);
    expect((await s.claim(S1)).numbers.POOL).toMatch(/^\+1404555000[123]$/);
    expect(await api(s, "PUT", "/companies/COM1.json", { status: "paused" })).toEqual([
      422,
      { error: 'status: must be one of "active", "disabled"' },
    ]);
  });
});

describe("trackers", () => {
  const source = {
    company_id: "COM1",
    type: "source",
    name: "Yelp listing",
    source: { type: "web_referrer", referrer: "yelp.com" },
    tracking_numbers: ["+14045553001"],
    call_flow: { type: "basic", destination_number: "+15553104554", recording_enabled: true, greeting_text: "Hi" },
    swap_targets: ["5553104554"],
    whisper_message: "Call from [source]",
  };

  it("POST creates a source tracker with a TRK id; the config and served bundle show it at once, with a new ETag", async () => {
    const s = await make();
    const before = await s.req("/companies/COM1/swap.js");
    const [status, t] = await api(s, "POST", "/trackers.json", source);
    expect(status).toBe(201);
    expect(t!.id).toMatch(/^TRK[0-9a-f]{32}$/);
    expect(t).toMatchObject({
      name: "Yelp listing",
      type: "source",
      status: "active",
      company: { id: "COM1" },
      destination_number: "+15553104554",
      tracking_numbers: ["+14045553001"],
      call_flow: { recording_enabled: true, greeting_text: "Hi", destination_number: "+15553104554" },
      whisper_message: "Call from [source]",
    });
    const config = await (await s.req("/v1/companies/COM1/config")).json();
    expect(config.trackers.find((x: { id: string }) => x.id == t!.id)).toMatchObject({
      tracking_numbers: ["+14045553001"],
    });
    const after = await s.req("/companies/COM1/swap.js");
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect(await after.text()).toContain("+14045553001");
    expect(await api(s, "GET", `/trackers/${t!.id}.json`)).toEqual([200, t]);
    const [, list] = await api(s, "GET", "/trackers.json?company_id=COM1");
    expect((list!.trackers as Json[]).map((x) => x.id)).toContain(t!.id);
  });

  it("a session tracker made by the API leases at once; its pool changed by PUT never hands out a removed number", async () => {
    const s = await make();
    const [, t] = await api(s, "POST", "/trackers.json", {
      company_id: "COM1",
      type: "session",
      name: "Ads pool",
      source: { google: ["paid"] },
      destination_number: "+15553104554",
      tracking_numbers: ["+14045554001", "+14045554002"],
    });
    const got = (await s.claim(S1, [t!.id!])).numbers[t!.id!];
    expect(["+14045554001", "+14045554002"]).toContain(got);
    const kept = got == "+14045554001" ? "+14045554002" : "+14045554001";
    const [status] = await api(s, "PUT", `/trackers/${t!.id}.json`, { tracking_numbers: [kept] });
    expect(status).toBe(200);
    // S1's number was removed: its lease ended, S1 gets the one that is left, S2 nothing.
    expect((await s.claim(S1, [t!.id!])).numbers[t!.id!]).toBe(kept);
    expect((await s.claim(S2, [t!.id!])).numbers).toEqual({});
  });

  it("a number belongs to one active tracker of the whole server: 422 naming it and its owner", async () => {
    const s = await make();
    const [, other] = await api(s, "POST", "/companies.json", { name: "Other" });
    const [status, answer] = await api(s, "POST", "/trackers.json", {
      ...source,
      company_id: other!.id,
      tracking_numbers: ["+14045559999"],
    });
    expect(status).toBe(422);
    expect(answer!.error).toBe("tracking_numbers: +14045559999 already belongs to tracker SRC_ALL of company COM1");
    // Once its owner is disabled, the number is free.
    expect((await api(s, "DELETE", "/trackers/SRC_ALL.json"))[0]).toBe(204);
    expect(
      (
        await api(s, "POST", "/trackers.json", { ...source, company_id: other!.id, tracking_numbers: ["+14045559999"] })
      )[0],
    ).toBe(201);
  });

  it("another account's number: 422 without its ids; a number twice in one company names the tracker that has it", async () => {
    const s = await make();
    const [, mine] = await api(s, "POST", "/companies.json", { name: "Mine" }, "ACC2");
    const [status, answer] = await api(
      s,
      "POST",
      "/trackers.json",
      { ...source, company_id: mine!.id, tracking_numbers: ["+14045559999"] },
      "ACC2",
    );
    expect([status, answer]).toEqual([
      422,
      { error: "tracking_numbers: +14045559999 already belongs to another account" },
    ]);
    const [again, twice] = await api(s, "POST", "/trackers.json", { ...source, tracking_numbers: ["+14045559999"] });
    expect([again, twice]).toEqual([
      422,
      { error: "tracking_numbers: +14045559999 already belongs to tracker SRC_ALL" },
    ]);
  });

  it("DELETE disables a session tracker and ends its live leases", async () => {
    const s = await make();
    await s.claim(S1);
    await s.claim(S2);
    expect(await api(s, "DELETE", "/trackers/POOL.json")).toEqual([204, null]);
    expect(await s.query("SELECT session_id FROM leases WHERE tracker_id = 'POOL' AND ended_at IS NULL")).toEqual([]);
    expect((await s.claim(S3)).numbers).toEqual({});
    expect((await api(s, "GET", "/trackers/POOL.json"))[1]).toMatchObject({
      status: "disabled",
      disabled_at: expect.any(String),
    });
  });

  it.each([
    ["no company_id", { ...source, company_id: undefined }, "company_id: is required"],
    ["a company of another account", { ...source, company_id: "NOPE" }, "company_id: no such company in this account"],
    ["an unknown type", { ...source, type: "sesion" }, "type: must be one of"],
    ["an unknown source type", { ...source, source: { type: "serach" } }, "source.type: must be one of"],
    [
      "a number that is not E.164",
      { ...source, tracking_numbers: ["404-555-3001"] },
      "tracking_numbers[0]: must be a phone number",
    ],
    [
      "an invalid North American number",
      { ...source, tracking_numbers: ["+10005553001"] },
      "tracking_numbers[0]: must be a phone number",
    ],
    [
      "two numbers on a source tracker",
      { ...source, tracking_numbers: ["+14045553001", "+14045553002"] },
      "tracking_numbers: a source tracker shows exactly one number",
    ],
    ["buying numbers", { ...source, pool_size: 5 }, "pool_size: buying numbers needs a number provider"],
    [
      "no destination",
      { ...source, call_flow: undefined },
      "call_flow.destination_number: the number calls are connected to is required (or destination_number, for short)",
    ],
    ["whisper not a string", { ...source, whisper_message: 5 }, "whisper_message: must be a string"],
    ["an unknown field", { ...source, colour: "red" }, "colour: unknown field"],
  ])("422 naming the field: %s", async (_n, body, error) => {
    const s = await make();
    const clean = JSON.parse(JSON.stringify(body));
    const [status, answer] = await api(s, "POST", "/trackers.json", clean);
    expect([status, answer!.error]).toEqual([422, expect.stringContaining(error)]);
    expect((await api(s, "GET", "/trackers.json"))[1]!.total_records).toBe(5);
  });

  it("PUT cannot change a tracker's type or company; another account's tracker is unknown", async () => {
    const s = await make();
    expect((await api(s, "PUT", "/trackers/SRC_ALL.json", { type: "session" }))[1]!.error).toBe("type: cannot change");
    expect((await api(s, "PUT", "/trackers/SRC_ALL.json", { company_id: "COM2" }))[1]!.error).toBe(
      "company_id: cannot change",
    );
    await api(s, "POST", "/companies.json", { name: "Other" }, "ACC2");
    expect((await api(s, "GET", "/trackers/SRC_ALL.json", undefined, "ACC2"))[0]).toBe(404);
    expect((await api(s, "PUT", "/trackers/SRC_ALL.json", { name: "x" }, "ACC2"))[0]).toBe(404);
  });
});

describe("integrations", () => {
  it("Webhooks: created with an INT id and a signing key shown once; Custom cookies reach the config", async () => {
    const s = await make();
    const [status, i] = await api(s, "POST", "/integrations.json", {
      company_id: "COM1",
      type: "Webhooks",
      config: { post_call_webhook: ["https://crm.example/hook"] },
    });
    expect(status).toBe(201);
    expect(i!.id).toMatch(/^INT[0-9a-f]{32}$/);
    expect(i!.signing_key).toMatch(HEX32);
    expect(i).toMatchObject({
      type: "Webhooks",
      status: "active",
      config: { post_call_webhook: ["https://crm.example/hook"] },
    });
    const [, again] = await api(s, "GET", `/integrations/${i!.id}.json`);
    expect(again).not.toHaveProperty("signing_key");
    expect(again!.deliveries).toEqual({ pending: 0, delivered: 0, failed: 0, last: null });
    const [, custom] = await api(s, "POST", "/integrations.json", {
      company_id: "COM1",
      type: "Custom",
      config: { grab_cookies: ["_fbp"] },
    });
    expect(custom!.type).toBe("Custom");
    const config = await (await s.req("/v1/companies/COM1/config")).json();
    expect(config.grab_cookies).toContain("_fbp");
    expect(JSON.stringify(config)).not.toContain(i!.signing_key as string);
    expect(await api(s, "DELETE", `/integrations/${custom!.id}.json`)).toEqual([204, null]);
    expect((await (await s.req("/v1/companies/COM1/config")).json()).grab_cookies ?? []).not.toContain("_fbp");
  });

  it.each([
    ["an ftp URL", ["ftp://crm.example/hook"], "only http and https URLs"],
    ["credentials in the URL", ["https://user:pw@crm.example/hook"], "no credentials in the URL"],
    ["a loopback address", ["http://127.0.0.1:8080/hook"], "webhooks go to public addresses only"],
    ["a private address", ["http://10.1.2.3/hook"], "webhooks go to public addresses only"],
    ["IPv6 loopback", ["http://[::1]/hook"], "webhooks go to public addresses only"],
    ["a decimal loopback", ["http://2130706433/hook"], "webhooks go to public addresses only"],
    ["localhost", ["http://localhost/hook"], "webhooks go to public addresses only"],
    ["not a list", "https://crm.example/hook", "config.post_call_webhook: must be an array"],
  ])("422 for a webhook URL: %s", async (_n, urls, error) => {
    const s = await make();
    const [status, answer] = await api(s, "POST", "/integrations.json", {
      company_id: "COM1",
      type: "Webhooks",
      config: { post_call_webhook: urls },
    });
    expect([status, answer!.error]).toEqual([422, expect.stringContaining(error)]);
  });

  it("an unknown event or type: 422 naming it", async () => {
    const s = await make();
    const bad = await api(s, "POST", "/integrations.json", {
      company_id: "COM1",
      type: "Webhooks",
      config: { on_call: [] },
    });
    expect(bad).toEqual([422, { error: "config.on_call: unknown field" }]);
    const type = await api(s, "POST", "/integrations.json", { company_id: "COM1", type: "Zapier" });
    expect([type[0], type[1]!.error]).toEqual([422, expect.stringContaining("type: must be one of")]);
  });
});

describe("calls", () => {
  it("PUT changes note, tags, value, lead status and spam; the call keeps them", async () => {
    const s = await make();
    const call = await (
      await s.req("/v1/companies/COM1/calls", {
        method: "POST",
        headers: AUTH,
        json: { tracking_number: "+14045557777", customer_phone_number: "+14045557001" },
      })
    ).json();
    const [status, updated] = await api(s, "PUT", `/calls/${call.id}.json`, {
      note: "Wants a quote",
      tags: ["quote", { name: "urgent" }],
      value: "125.50",
      lead_status: "good_lead",
      spam: false,
    });
    expect(status).toBe(200);
    expect(updated).toMatchObject({
      note: "Wants a quote",
      tags: ["quote", "urgent"],
      value: "125.50",
      lead_status: "good_lead",
      spam: false,
    });
    expect((await api(s, "GET", `/calls/${call.id}.json`))[1]).toMatchObject({
      note: "Wants a quote",
      lead_status: "good_lead",
    });
    for (const [body, error] of [
      [{ lead_status: "maybe" }, "lead_status: must be one of"],
      [{ spam: "no" }, "spam: must be true or false"],
      [{ value: "lots" }, "value: must be an amount"],
      [{ tags: "quote" }, "tags: must be an array"],
      [{ duration: 5 }, "duration: unknown field"],
    ] as const)
      expect(await api(s, "PUT", `/calls/${call.id}.json`, body)).toEqual([
        422,
        { error: expect.stringContaining(error) },
      ]);
    expect((await api(s, "PUT", "/calls/99999.json", { note: "x" }))[0]).toBe(404);
    await api(s, "POST", "/companies.json", { name: "Other" }, "ACC2");
    expect((await api(s, "PUT", `/calls/${call.id}.json`, { note: "x" }, "ACC2"))[0]).toBe(404);
  });

  it("lists by start_date and end_date", async () => {
    const s = await make();
    for (const day of ["2026-11-20", "2026-11-21", "2026-11-22"])
      await s.req("/v1/companies/COM1/calls", {
        method: "POST",
        headers: AUTH,
        json: {
          tracking_number: "+14045557777",
          customer_phone_number: "+14045557001",
          start_time: day + "T12:00:00Z",
        },
      });
    const [, some] = await api(s, "GET", "/calls.json?start_date=2026-11-21&end_date=2026-11-21");
    expect((some!.calls as Json[]).map((c) => c.start_time)).toEqual(["2026-11-21T12:00:00.000Z"]);
    expect((await api(s, "GET", "/calls.json?start_date=yesterday"))[0]).toBe(400);
  });
});

describe("company files", () => {
  it("are read with the operator API's validator: an unknown source type or unit is refused, naming the field", async () => {
    expect(() => company({ swap_cookie_duration_unit: "years" })).toThrow("swap_cookie_duration_unit: must be one of");
    const tracker = {
      id: "T1",
      type: "source",
      status: "active",
      destination_number: "+15553104554",
      tracking_numbers: ["+14045553001"],
    };
    expect(() => company({ trackers: [{ ...tracker, source: { type: "serach" } }] })).toThrow(
      "trackers[0] (T1).source.type: must be one of",
    );
    expect(() => company({ colour: "red" })).toThrow("colour: unknown field");
  });
});
