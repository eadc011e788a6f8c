// A submit before the forms part arrived (docs/forms.md#loaded-on-demand): the main bundle
// reads the form at once and holds it in memory, writes nothing to storage, and the part
// captures it when it arrives; captureForm waits for it. Here the part arrives when a test says so.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCallTrk } from "../src/calltrk";

const gate = vi.hoisted(() => ({ calls: 0, release: (_p: unknown) => {}, next: null as Promise<unknown> | null }));
vi.mock("../src/parts/load", () => ({
  loadPart: (name: string) => {
    if (name != "forms") return Promise.resolve(null);
    gate.calls++;
    return (gate.next = new Promise((r) => (gate.release = r)));
  },
}));

const API = "https://numbers.example";
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
let sent: Array<Record<string, unknown>>;
let written: string[];
let live: ReturnType<typeof createCallTrk> | null = null;
const part = () => import("../src/forms/delivery");

beforeEach(() => {
  gate.calls = 0;
  sent = [];
  written = [];
  vi.stubGlobal("fetch", (url: string, init: RequestInit) => {
    if (url.endsWith("/form_submissions")) sent.push(JSON.parse(String(init.body)));
    return Promise.resolve(new Response("{}", { status: 201 }));
  });
  const set = Storage.prototype.setItem;
  vi.spyOn(Storage.prototype, "setItem").mockImplementation(function (this: Storage, k: string, v: string) {
    written.push(k + "=" + v);
    return set.call(this, k, v);
  });
  document.body.innerHTML = `<form name="contact" id="c"><input name="Email" value="a@b.c"><input type="password" name="pw" value="hunter2"><input name="cvv" value="123"></form>`;
});
afterEach(() => {
  if (live) live.destroy();
  live = null;
  vi.unstubAllGlobals();
  localStorage.clear();
});

const start = (company: string) =>
  (live = createCallTrk({ api: API, config: { company_id: company, form_capture: true, trackers: [] } }));
const submit = () => document.querySelector("form")!.dispatchEvent(new Event("submit", { bubbles: true }));

describe("a submit before the forms part arrived", () => {
  it("is held in memory with the values of the submit, nothing stored, and captured when the part arrives", async () => {
    start("P1");
    expect(gate.calls).toBe(1); // a form is on the page: the part was asked for at once
    submit();
    // The page clears its form right after submitting: what was submitted is still what is reported.
    document.querySelector<HTMLInputElement>("[name=Email]")!.value = "";
    await tick(20);
    expect(sent).toEqual([]);
    expect(written.filter((w) => w.startsWith("calltrk_outbox"))).toEqual([]);
    gate.release(await part());
    await tick();
    expect(sent.map((b) => b.form_data)).toEqual([{ Email: "a@b.c" }]);
    expect(written.some((w) => w.startsWith("calltrk_outbox:"))).toBe(true); // stored before it was sent
    expect(written.join(" ")).not.toMatch(/hunter2|"123"/); // never a secret in storage
  });

  it("captureForm waits for the part, then calls back after the server's answer", async () => {
    const c = start("P2");
    const cb = vi.fn();
    c.captureForm("#c", cb);
    await tick(20);
    expect(cb).not.toHaveBeenCalled();
    gate.release(await part());
    await tick();
    expect(sent).toHaveLength(1);
    expect(cb).toHaveBeenCalledTimes(1);
  });

  it("a part that cannot be loaded: one warning, the callback still runs, and the next submit asks again", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const c = start("P3");
    const cb = vi.fn();
    c.captureForm("#c", cb);
    gate.release(null);
    await tick();
    expect(cb).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls.filter((w) => String(w[0]).includes("forms part not loaded"))).toHaveLength(1);
    expect(written.filter((w) => w.startsWith("calltrk_outbox"))).toEqual([]);
    submit();
    expect(gate.calls).toBe(2);
    gate.release(await part());
    await tick();
    expect(sent).toHaveLength(1);
  });
});
