// `npm run check -- company.json …` (docs/operations.md#company-files): reads company
// files with the validators of the operator API and the rules a start applies across files (one
// company per id, a tracking number owned by one active tracker of the whole server), without
// opening a store or a port. One line per file; the exit status says whether a start would take them.
import { activeTrackers, loadCompanyFile, type Company } from "./companies";

export interface CheckResult {
  ok: boolean;
  lines: string[];
}

/** What a start would say about these files, file by file, then across them. */
export function checkCompanyFiles(paths: string[]): CheckResult {
  const lines: string[] = [];
  const read: Array<{ path: string; company: Company }> = [];
  let ok = paths.length > 0;
  if (!paths.length) lines.push("name the company files to check: npm run check -- company.json …");
  for (const path of paths) {
    try {
      const company = loadCompanyFile(path);
      read.push({ path, company });
    } catch (e) {
      ok = false;
      lines.push("error " + (e as Error).message.split("\n")[0]);
    }
  }
  const clashes = clashesAcross(read);
  for (const { path, company } of read) {
    const clash = clashes.get(path);
    if (clash) {
      ok = false;
      lines.push(`error ${path}: ${clash}`);
      continue;
    }
    const active = activeTrackers(company);
    const numbers = active.reduce((n, t) => n + (t.tracking_numbers?.length ?? 0), 0);
    const warning = company.site_origins ? "" : " (no site_origins: only pages on the server's own host may use it)";
    lines.push(
      `ok    ${path}: company ${company.id}, ${active.length} active trackers, ${numbers} tracking numbers${warning}`,
    );
  }
  return { ok, lines };
}

/**
 * What keeps files from starting together, file by file: a company id defined twice, a tracking
 * number of two active trackers. Each file is compared with those before it.
 */
export function clashesAcross(files: Array<{ path: string; company: Company }>): Map<string, string> {
  const out = new Map<string, string>();
  const companyFile = new Map<string, string>();
  const numberOwner = new Map<string, string>();
  for (const { path, company } of files) {
    const clash = clashOf(path, company, companyFile, numberOwner);
    if (clash) out.set(path, clash);
  }
  return out;
}

/** Why this company cannot start beside the files read before it, or null. Records its id and numbers. */
function clashOf(
  path: string,
  company: Company,
  companyFile: Map<string, string>,
  numberOwner: Map<string, string>,
): string | null {
  const earlier = companyFile.get(company.id);
  if (earlier) return `id: company ${company.id} is also defined by ${earlier}`;
  companyFile.set(company.id, path);
  for (const t of activeTrackers(company))
    for (const n of t.tracking_numbers ?? []) {
      const owner = numberOwner.get(n);
      if (owner) return `tracking_numbers: ${n} of tracker ${t.id} already belongs to ${owner}`;
      numberOwner.set(n, `tracker ${t.id} of company ${company.id} (${path})`);
    }
  return null;
}
