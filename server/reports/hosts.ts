// The server's host table (docs/attribution.md#host-families): the same HostLookup the bundle's
// small table answers (src/attribution/hosts.ts), built from the broad families in ./sites/.
// Pure; the index is built once when the module loads.
import { registrable } from "../../src/attribution/domain";
import type { HostLookup, Kind, Known } from "../../src/attribution/hosts";
import { APPS, FAMILIES, NAME_ALIASES, type Family } from "./sites";

/** A known host with the name reports show for it (docs/attribution.md#display-names). */
export interface ServerKnown extends Known {
  display: string;
}

interface Entry {
  kind: Kind;
  paid: boolean;
  name: string;
  display: string;
  /** Only referrers whose path starts with this ("" for any). */
  path: string;
}

/** Host keys (`google.*`, `mail.google.com`, `gmx.net`) → entries, longest path first. */
const HOSTS = new Map<string, Entry[]>();
/** `~domain` keys: the display name of webmail hosts the label rule finds under a domain. */
const WEBMAIL = new Map<string, string>();
/** Short names and their aliases (`facebook`, `fb`) → the entry a `utm_source` value means. */
const NAMES = new Map<string, Entry>();
const PACKAGES = new Map<string, Entry>();

function index(families: Family[], into: (key: string, e: Entry) => void): void {
  for (const f of families)
    for (const [name, display, hosts] of f.sites)
      for (const token of hosts.split(/\s+/)) {
        if (!token) continue;
        const slash = token.indexOf("/");
        const e = { kind: f.kind, paid: !!f.paid, name, display, path: slash < 0 ? "" : token.slice(slash) };
        into(slash < 0 ? token : token.slice(0, slash), e);
      }
}

index(FAMILIES, (key, e) => {
  if (key.charAt(0) == "~") return void WEBMAIL.set(key.slice(1), e.display);
  const list = HOSTS.get(key) || [];
  list.push(e);
  list.sort((a, b) => b.path.length - a.path.length);
  HOSTS.set(key, list);
  // A name stands for its unpaid entry when it has one (`google` the engine, not its ad servers).
  const named = NAMES.get(e.name);
  if (e.name && (!named || (named.paid && !e.paid))) NAMES.set(e.name, { ...e, path: "" });
});
index(APPS, (key, e) => PACKAGES.set(key.toLowerCase(), e));
for (const alias of Object.keys(NAME_ALIASES)) NAMES.set(alias, NAMES.get(NAME_ALIASES[alias])!);

/**
 * Labels that make a subdomain a webmail host wherever it is (`mail.`, `webmail1m.`, `email.`,
 * `lightmailer-bs.`, `owa.`, `poczta.`, `messagerie.`): ISPs run their webmail on such hosts.
 * Only labels left of the registrable domain count, so `dailymail.co.uk` stays a referral.
 */
const WEBMAIL_LABEL = /mail|^owa$|^zimbra$|^roundcube$|^poczta$|^messagerie|^(e-?)?posta$|^correo$|^courriel$/;

/** `domain` names an entry without a name of its own (webmail, a search engine's other services). */
const known = (e: Entry, domain: string): ServerKnown => {
  const name = e.name || domain;
  const out: ServerKnown = { kind: e.kind, name, display: e.display || name };
  if (e.paid) out.paid = true;
  return out;
};

/** The entry of one host key whose path matches (`path` lowercased). */
function entryAt(key: string, path: string): Entry | null {
  const list = HOSTS.get(key);
  if (list) for (const e of list) if (path.indexOf(e.path) == 0) return e;
  return null;
}

/**
 * The server's HostLookup: the most specific entry wins (`gemini.google.com` before `google.*`),
 * then the webmail label rule, then the registrable domain and its brand on any suffix, then
 * webmail dereferrers (`deref-gmx.net`). A dotless value is a name (`utm_source=fb`).
 */
export function serverLookup(rawHost: string, rawPath: string, app: boolean): ServerKnown | null {
  const host = rawHost.toLowerCase().replace(/\.$/, "");
  if (/[*~]/.test(host)) return null; // the table's own syntax, never a host
  if (app) {
    const e = PACKAGES.get(host);
    return e ? known(e, host) : null;
  }
  if (host.indexOf(".") < 0) {
    const e = NAMES.get(host);
    return e ? known(e, host) : null;
  }
  const path = rawPath.toLowerCase();
  const reg = registrable(host);
  const dot = reg.indexOf(".");
  const suffix = dot > 0 ? reg.slice(dot) : "";
  const at = (h: string) =>
    entryAt(h, path) ||
    (suffix && h.slice(-suffix.length) == suffix ? entryAt(h.slice(0, -suffix.length) + ".*", path) : null);

  const labels = host.split(".");
  const sub = labels.length - reg.split(".").length; // labels left of the registrable domain
  for (let i = 0; i < sub; i++) {
    const e = at(labels.slice(i).join("."));
    if (e) return known(e, reg);
  }
  const e = at(reg);
  for (let i = 0; i < sub; i++) if (WEBMAIL_LABEL.test(labels[i])) return webmail(reg, e);
  if (e) return known(e, reg);
  // deref-gmx.net, deref-1und1-02.de: the webmail's own domain, and its name when known.
  const deref = /^deref-([a-z0-9-]+?)(-\d+)?\./.exec(reg);
  return deref ? webmail(deref[1] + suffix, at(deref[1] + suffix)) : null;
}

/** A webmail host under `domain`; `e` is the domain's own entry, whose name shows when it is webmail. */
function webmail(domain: string, e: Entry | null): ServerKnown {
  const dot = domain.indexOf(".");
  const display =
    (e && e.kind == "email" && e.display) ||
    WEBMAIL.get(domain) ||
    (dot > 0 && WEBMAIL.get(domain.slice(0, dot) + ".*"));
  return { kind: "email", name: domain, display: display || domain };
}

/** The same lookup as the HostLookup the shared rules take. */
export const lookupHost: HostLookup = serverLookup;

/** The reports' name for a short name (`google` → `Google`), or null for an unknown one. */
export function displayOfName(name: string): string | null {
  const e = NAMES.get(name);
  return e ? e.display : null;
}
