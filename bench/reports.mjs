// npm run bench (reports part): the time the server spends classifying one stored record
// (server/reports: classifyTouch, and the whole v3 form submission object with customer fields
// and milestones), beside one JSON.parse + JSON.stringify of the same record, in the same run.
// The ratio is what to compare across machines. Run: node bench/reports.mjs
import { importBundled } from "./bundle.mjs";

const N = Number(process.env.BENCH_RECORDS || 20000);
const RUNS = Number(process.env.BENCH_RUNS || 9);

const reports = await importBundled("reports", { entryPoints: ["server/reports/index.ts"] });

// Typical records: the §5.3 body as the bundle sends it, with varied first touches.
const TOUCHES = [
  ["https://www.google.com/", "https://www.site.example/?gclid=Cj0KCQ&utm_campaign=spring&utm_term=plumber"],
  ["https://www.bing.com/search?q=roofer", "https://www.site.example/roofing"],
  ["https://l.facebook.com/", "https://www.site.example/?fbclid=IwAR0x&utm_source=facebook&utm_medium=paid_social"],
  ["https://deref-gmx.net/mail/client/abc/dereferrer/", "https://www.site.example/newsletter"],
  ["https://chatgpt.com/", "https://www.site.example/?utm_source=chatgpt.com"],
  ["https://news.example.co.uk/article/1", "https://www.site.example/"],
  [null, "https://www.site.example/pricing"],
  ["http://co106w.col106.mail.live.com/default.aspx?rru=inbox", "https://www.site.example/"],
];
const records = Array.from({ length: 64 }, (_, i) => {
  const [referrer, landing] = TOUCHES[i % TOUCHES.length];
  return JSON.stringify({
    id: "b2e4d7a0-0000-4000-8000-" + String(i).padStart(12, "0"),
    session_id: "6f1c2d3e-0000-4000-8000-000000000002",
    form_url: "https://www.site.example/contact",
    form_name: "contact",
    landing_page_url: landing,
    referrer: "google_paid",
    referring_url: referrer,
    form_data: {
      "Your name": "Jane Doe",
      "E-mail": "jane@example.com",
      "Phone number": "(404) 555-1111",
      Message: "Hi",
    },
    visitor: { source: "google", medium: "cpc", referrer, landing_page_url: landing, utm: {}, click_ids: {} },
    submitted_at: "2026-11-22T10:00:00.000Z",
  });
});
const parsed = records.map((r) => JSON.parse(r));
const facts = { company_id: "COM1", created_at: Date.parse("2026-11-22T10:00:05Z"), first_form: true };
const UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

let sink = 0;
const passes = {
  "JSON.parse + JSON.stringify (baseline)": (i) => {
    sink += JSON.stringify(JSON.parse(records[i & 63])).length;
  },
  classifyTouch: (i) => {
    const b = parsed[i & 63];
    sink += reports.classifyTouch({ referrer: b.referring_url, landing: b.landing_page_url }).display.length;
  },
  "form submission object (+ deviceOf/browserOf)": (i) => {
    const f = reports.formSubmissionObject(parsed[i & 63], {
      ...facts,
      device: reports.deviceOf(UA),
      browser: reports.browserOf(UA),
    });
    sink += f.source.length;
  },
};

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
const times = Object.fromEntries(Object.keys(passes).map((k) => [k, []]));
for (let run = 0; run < RUNS + 1; run++)
  for (const [name, pass] of Object.entries(passes)) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) pass(i);
    const us = Number(process.hrtime.bigint() - t0) / 1e3 / N;
    if (run > 0) times[name].push(us); // the first run warms up
  }

const base = median(times["JSON.parse + JSON.stringify (baseline)"]);
console.log(`reports: median of ${RUNS} runs of ${N} records (sink ${sink % 10})`);
for (const [name, xs] of Object.entries(times))
  console.log(
    `  ${name.padEnd(48)} ${median(xs).toFixed(2).padStart(7)} µs/record  ${(median(xs) / base).toFixed(1)}× baseline`,
  );
