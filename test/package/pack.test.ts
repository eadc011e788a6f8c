// @vitest-environment node
// The npm package as a developer gets it (docs/integrations.md#npm-and-bundlers): packed from a
// checkout that was never built (the build runs on pack), installed from the tarball into a
// scratch project without a registry, type-checked under every moduleResolution a project may use
// and loaded by Node both ways. The consumer files below say with `@ts-expect-error` what must not
// compile: a directive with nothing to expect is itself an error, so types that resolve to `any`
// fail this test as surely as types that do not resolve.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
/** What a checkout holds that the build reads. */
const SOURCES = ["src", "server", "build.mjs", "package.json", "tsconfig.json", "tsconfig.build.json"];
const DOCS = ["README.md", "LICENSE", "CHANGELOG.md"];

let work: string;
let app: string;
let tarball: string;

function sh(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "calltrk-pack-"));
  const checkout = join(work, "checkout");
  for (const name of [...SOURCES, ...DOCS]) cpSync(join(ROOT, name), join(checkout, name), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(checkout, "node_modules"));
  sh("npm", ["pack", "--pack-destination", work], checkout);
  const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  tarball = join(work, `calltrk-${version}.tgz`);
  app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  sh("npm", ["install", tarball, "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], app);
  // The optional peer and its types, for the React consumer: linked, not installed (no registry here).
  mkdirSync(join(app, "node_modules", "@types"), { recursive: true });
  for (const name of ["react", "@types/react"])
    symlinkSync(join(ROOT, "node_modules", name), join(app, "node_modules", name));
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the tarball", () => {
  it("holds the built library, its types, README, LICENSE and CHANGELOG, and nothing else", () => {
    const files = sh("tar", ["tzf", tarball], work)
      .split("\n")
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ""))
      .sort();
    const parts = files.filter((f) => /^dist\/swap-(esm-)?[a-z]+\.js$/.test(f));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(files.filter((f) => !parts.includes(f))).toEqual([
      "CHANGELOG.md",
      "LICENSE",
      "README.md",
      "dist/react.cjs",
      "dist/react.mjs",
      "dist/swap.cjs",
      "dist/swap.js",
      "dist/swap.mjs",
      "dist/types/calltrk.d.cts",
      "dist/types/calltrk.d.mts",
      "dist/types/react.d.cts",
      "dist/types/react.d.mts",
      "package.json",
    ]);
    // Every part the script-tag build loads has its module twin.
    for (const part of parts.filter((f) => !f.includes("-esm-")))
      expect(parts).toContain(part.replace("dist/swap-", "dist/swap-esm-"));
  });

  it("installs nothing beside itself: no runtime dependency, react an optional peer", () => {
    const pkg = JSON.parse(readFileSync(join(app, "node_modules", "calltrk", "package.json"), "utf8"));
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.peerDependenciesMeta).toEqual({ react: { optional: true } });
    expect(
      readdirSync(join(app, "node_modules"))
        .filter((f) => !f.startsWith("."))
        .sort(),
    ).toEqual(["@types", "calltrk", "react"]);
  });
});

const LIBRARY = `
import { classify, createCallTrk, toE164, type CallTrkApi, type CallTrkStub, type Visitor } from "calltrk";

const api: CallTrkApi = createCallTrk({ company: "COM1", consent: "pending" });
api.consent("granted");
// @ts-expect-error consent is "granted" or "denied"
api.consent("maybe");
// @ts-expect-error a company id is a string
createCallTrk({ company: 1 });
const visitor: Visitor = api.getVisitor();
export const source: string = visitor.source;
// @ts-expect-error a medium is one of a few words
export const medium: number = visitor.medium;
export const e164: string | null = toE164("(404) 555-1111");
export const first = classify("https://www.google.com/", "https://www.example.com/?gclid=x", "www.example.com");
export const global: CallTrkApi | CallTrkStub | undefined = window.CallTrk;
// @ts-expect-error window.CallTrk is the API or its stub
window.CallTrk = 5;
`;

const REACT = `
import { CallTrkProvider, PhoneNumber, useSwapNumbers } from "calltrk/react";

export function Header() {
  const numbers = useSwapNumbers(["5553104554"]);
  const shown: string | undefined = numbers["5553104554"];
  return (
    <CallTrkProvider company="COM1">
      <PhoneNumber number="(555) 310-4554" className="phone" />
      {shown}
    </CallTrkProvider>
  );
}
// @ts-expect-error a PhoneNumber needs its number
export const missing = <PhoneNumber />;
// @ts-expect-error the provider's options are the library's
export const wrong = <CallTrkProvider consent="maybe" />;
`;

const COMMONJS = `
import { createCallTrk } from "calltrk";
import { PhoneNumber } from "calltrk/react";

export const phone = PhoneNumber;
const api = createCallTrk({ company: "COM1" });
// @ts-expect-error consent is "granted" or "denied"
api.consent("maybe");
`;

describe("types", () => {
  const modes: Array<[string, string, string[]]> = [
    ["bundler", "esnext", ["library.ts", "react.tsx"]],
    ["node16", "node16", ["library.ts", "react.tsx", "commonjs.cts"]],
    ["nodenext", "nodenext", ["library.ts", "react.tsx", "commonjs.cts"]],
  ];
  for (const [resolution, module, files] of modes)
    it(`type-check a consumer under moduleResolution ${resolution}, library files included`, () => {
      writeFileSync(join(app, "library.ts"), LIBRARY);
      writeFileSync(join(app, "react.tsx"), REACT);
      writeFileSync(join(app, "commonjs.cts"), COMMONJS);
      const config = `tsconfig.${resolution}.json`;
      writeFileSync(
        join(app, config),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            module,
            moduleResolution: resolution,
            target: "es2020",
            lib: ["es2020", "dom"],
            jsx: "react-jsx",
            skipLibCheck: false,
            types: [],
          },
          files,
        }),
      );
      let out = "";
      try {
        sh(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", config], app);
      } catch (e) {
        out = String((e as { stdout?: string }).stdout || e);
      }
      expect(out).toBe("");
    });
});

describe("Node loads it both ways, doing nothing on import", () => {
  const cases: Array<[string, string[]]> = [
    [
      "require",
      [
        "-e",
        `const c = require("calltrk"); const r = require("calltrk/react");
         if (typeof c.createCallTrk != "function" || typeof r.PhoneNumber != "function") process.exit(1);
         console.log(require.resolve("calltrk/swap.js").endsWith("dist/swap.js"));`,
      ],
    ],
    [
      "import",
      [
        "--input-type=module",
        "-e",
        `const c = await import("calltrk"); const r = await import("calltrk/react");
         if (typeof c.createCallTrk != "function" || typeof r.useSwapNumbers != "function") process.exit(1);
         console.log(c.toE164("(404) 555-1111") == "+14045551111");`,
      ],
    ],
  ];
  for (const [how, args] of cases)
    it(how, () => {
      expect(sh(process.execPath, args, app).trim()).toBe("true");
    });
});
