// @vitest-environment node
// The documentation's links: every relative link in README.md, CHANGELOG.md and docs/ names a
// file of this repository, and every #anchor a heading of that file (GitHub's slugs), so a
// reader never lands on nothing. The same for the docs/…md#anchor a code comment cites.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "..");
const FILES = ["README.md", "CHANGELOG.md", ...readdirSync(join(ROOT, "docs")).map((f) => "docs/" + f)].filter((f) =>
  f.endsWith(".md"),
);

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of text.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  // An anchor a page sets itself: <a id="…">.
  for (const m of text.matchAll(/<a id="([\w-]+)"><\/a>/g)) out.add(m[1]);
  return out;
}

function links(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8").replace(/```[\s\S]*?```/g, "");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/i.test(l));
}

describe("documentation links", () => {
  for (const file of FILES)
    it(`${file}: every relative link and anchor exists`, () => {
      const broken: string[] = [];
      for (const link of links(file)) {
        const [path, anchor] = link.split("#");
        const target = path ? resolve(join(ROOT, dirname(file)), path) : join(ROOT, file);
        if (!existsSync(target)) broken.push(link + " (no such file)");
        else if (anchor && target.endsWith(".md") && !anchors(target).has(anchor))
          broken.push(link + " (no such heading)");
      }
      expect(broken).toEqual([]);
    });

  it("every docs/…md#anchor cited in code names a file and a heading", () => {
    const broken: string[] = [];
    const walk = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? walk(join(dir, e.name))
          : /\.(ts|tsx|mjs|js|html|css)$/.test(e.name)
            ? [join(dir, e.name)]
            : [],
      );
    const files = [
      ...["src", "server", "test", "e2e", "bench", "demo"].flatMap(walk),
      "build.mjs",
      "playwright.config.ts",
    ];
    for (const file of files)
      for (const m of readFileSync(join(ROOT, file), "utf8").matchAll(/docs\/([\w-]+\.md)(?:#([\w-]+))?/g)) {
        const target = join(ROOT, "docs", m[1]);
        if (!existsSync(target)) broken.push(`${file}: ${m[0]} (no such file)`);
        else if (m[2] && !anchors(target).has(m[2])) broken.push(`${file}: ${m[0]} (no such heading)`);
      }
    expect(broken).toEqual([]);
  });

  it("slugs as GitHub makes them", () => {
    expect(slug("2. Public JavaScript API: `window.CallTrk`")).toBe("2-public-javascript-api-windowcalltrk");
    expect(slug("Attack tried → held")).toBe("attack-tried--held");
    expect(slug("React and Next.js")).toBe("react-and-nextjs");
  });
});
