// The operator's command line (docs/operations.md#company-files): `check` reads company
// files with the operator API's validators and says, one line per file, whether a start would
// take them; a start refused for a company file says why in one line naming the file and field.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkCompanyFiles } from "../../../server/check";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "calltrk-check-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content == "string" ? content : JSON.stringify(content));
  return path;
}

const source = (id: string, number: string) => ({
  id,
  type: "source",
  destination_number: "+14045550100",
  tracking_numbers: [number],
  source: { type: "search", search_engine: "google" },
});
const company = (id: string, ...trackers: unknown[]) => ({ id, site_origins: ["https://www.example.com"], trackers });

describe("checkCompanyFiles", () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      "a source type misspelt",
      { id: "A", trackers: [{ ...source("T1", "+14045551000"), source: { type: "serach" } }] },
      /^error .*a\.json: trackers\[0\] \(T1\)\.source\.type: must be one of "all", "direct", "search"/,
    ],
    [
      "a cookie unit that is not one",
      { id: "A", swap_cookie_duration_unit: "years", trackers: [] },
      /a\.json: swap_cookie_duration_unit: must be one of "days", "weeks", "months"$/,
    ],
    ["a field no company has", { id: "A", trackers: [], swap_cookie_duraton: 30 }, /a\.json: swap_cookie_duraton: /],
    [
      "a Webhooks integration without its signing key",
      {
        id: "A",
        trackers: [],
        integrations: [{ type: "Webhooks", config: { post_call_webhook: ["https://crm.example/hook"] } }],
      },
      /a\.json: integrations\[0\]\.signing_key: a Webhooks integration in a company file needs its signing key/,
    ],
    [
      "a number listed by two trackers",
      company("A", source("T1", "+14045551000"), source("T2", "+14045551000")),
      /a\.json: tracking_numbers: \+14045551000/,
    ],
  ];
  for (const [what, content, line] of cases)
    it(`refuses ${what}, naming the file and the field`, () => {
      const result = checkCompanyFiles([file("a.json", content)]);
      expect(result.ok).toBe(false);
      expect(result.lines).toHaveLength(1);
      expect(result.lines[0]).toMatch(line);
    });

  it("says what each good file holds, and warns of a company no site may use", () => {
    const result = checkCompanyFiles([
      file("a.json", company("A", source("T1", "+14045551000"))),
      file("b.json", { id: "B", trackers: [] }),
    ]);
    expect(result.ok).toBe(true);
    expect(result.lines).toEqual([
      `ok    ${dir}/a.json: company A, 1 active trackers, 1 tracking numbers`,
      `ok    ${dir}/b.json: company B, 0 active trackers, 0 tracking numbers (no site_origins: only pages on the server's own host may use it)`,
    ]);
  });

  it("refuses what a start refuses across files: one id twice, one number in two companies", () => {
    const a = file("a.json", company("A", source("T1", "+14045551000")));
    const again = file("again.json", company("A"));
    const b = file("b.json", company("B", source("T9", "+14045551000")));
    const result = checkCompanyFiles([a, again, b]);
    expect(result.ok).toBe(false);
    expect(result.lines.slice(1)).toEqual([
      `error ${again}: id: company A is also defined by ${a}`,
      `error ${b}: tracking_numbers: +14045551000 of tracker T9 already belongs to tracker T1 of company A (${a})`,
    ]);
  });

  it("names a file that is missing or not JSON", () => {
    const result = checkCompanyFiles([join(dir, "missing.json"), file("broken.json", '{"id": "A",')]);
    expect(result.lines[0]).toBe(`error ${dir}/missing.json: no such file`);
    expect(result.lines[1]).toMatch(new RegExp(`^error ${dir}/broken\\.json: not valid JSON near line 1: `));
  });

  it("a trailing comma: the line it is on, and the message on one line", () => {
    const text =
      '{\n  "id": "A",\n  "trackers": [\n    { "id": "T1", "tracking_numbers": ["+14045551000",] }\n  ]\n}\n';
    const [line] = checkCompanyFiles([file("comma.json", text)]).lines;
    expect(line).toMatch(new RegExp(`^error ${dir}/comma\\.json: not valid JSON near line 4: Unexpected token '\\]'`));
    expect(line).not.toContain("\n");
  });

  it("without files says how to name them", () => {
    expect(checkCompanyFiles([])).toEqual({ ok: false, lines: [expect.stringMatching(/^name the company files/)] });
  });
});

/** Runs the built server (`npm run build` makes dist/server.mjs) and returns its exit status and output. */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["dist/server.mjs", ...args],
      { env: { ...process.env, PORT: "0", DATA_DIR: ":memory:", ...env }, timeout: 20_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

describe("the command line", () => {
  it("`check` exits 0 for the demo's company file, 1 for a bad one, printing one line each", async () => {
    const good = await run(["check", "demo/company.json"]);
    expect(good).toEqual({
      code: 0,
      out: "ok    demo/company.json: company demo, 7 active trackers, 11 tracking numbers\n",
    });
    const bad = file("bad.json", { id: "A", trackers: [{ ...source("T1", "+14045551000"), type: "sesion" }] });
    expect(await run(["check", bad])).toEqual({
      code: 1,
      out: `error ${bad}: trackers[0] (T1).type: must be one of "source", "session"\n`,
    });
  });

  it("a start with a broken company file stops with one line naming the file and the field", async () => {
    const bad = file("bad.json", { id: "A", swap_cookie_duration_unit: "years", trackers: [] });
    expect(await run([bad], { CALLTRK_API_TOKEN: "t" })).toEqual({
      code: 1,
      out: `calltrk: ${bad}: swap_cookie_duration_unit: must be one of "days", "weeks", "months"\n`,
    });
  });

  it("a bad setting stops the start with one line naming it", async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ PORT: "abc" }, "calltrk: PORT must be a whole number\n"],
      [{ PORT: "70000" }, "calltrk: PORT must be a port number, 1 to 65535 (0: any free port)\n"],
      [{ RETENTION_DAYS: "six months" }, "calltrk: RETENTION_DAYS must be a whole number (0 keeps everything)\n"],
      [
        { LEASE_IDLE_SECONDS: "-5" },
        "calltrk: LEASE_IDLE_SECONDS must be a whole number (0 means the default, 1800)\n",
      ],
    ];
    for (const [env, out] of cases) expect([env, await run(["--demo"], env)]).toEqual([env, { code: 1, out }]);
  });

  it("two company files that claim one number: one line naming both files and trackers", async () => {
    const a = file("a.json", company("A", source("T1", "+14045551000")));
    const b = file("b.json", company("B", source("T9", "+14045551000")));
    expect(await run([a, b], { CALLTRK_API_TOKEN: "t" })).toEqual({
      code: 1,
      out: `calltrk: ${b}: tracking_numbers: +14045551000 of tracker T9 already belongs to tracker T1 of company A (${a})\n`,
    });
  });

  it("a port in use stops the start before the store is opened, so a running server's data is untouched", async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, "127.0.0.1", r));
    const port = String((busy.address() as AddressInfo).port);
    try {
      const data = join(dir, "data");
      const result = await run([file("a.json", company("A"))], { CALLTRK_API_TOKEN: "t", PORT: port, DATA_DIR: data });
      expect(result.code).toBe(1);
      expect(result.out).toMatch(new RegExp(`^calltrk: cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`));
      expect(existsSync(data)).toBe(false);
    } finally {
      busy.close();
    }
  });
});
