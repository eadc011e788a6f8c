// Builds the large page of the swap benchmark: tens of thousands of elements and
// thousands of numbers in mixed formats, plus digit noise that is not a target.
const FORMATS = [
  "555-123-1234",
  "(555) 123-1234",
  "(555)123-1234",
  "555.123.1234",
  "555 123 1234",
  "5551231234",
  "+1 555 123 1234",
  "1-555-123-1234",
  "+1 (555) 123-1234",
  "+15551231234",
  "+1.555.123.1234",
  "555\u00a0123\u00a01234",
];

/** `links: false` leaves out the tel: links, for a text-only measurement. */
export function bigPage(sections = 2000, { links = true } = {}) {
  let html = "";
  let numbers = 0;
  for (let i = 0; i < sections; i++) {
    const f = FORMATS[i % FORMATS.length];
    html +=
      `<section class="s"><h2>Service ${i}</h2>` +
      `<p>We fix leaks, drains and heaters since ${1990 + (i % 30)}. Prices from $${100 + i}. Order #${100000 + i}.</p>` +
      `<ul><li>Call <b>${f}</b> today</li><li>Open 8-5, Mon-Fri</li><li>Ref 2024-01-${10 + (i % 18)}</li><li>Other office 555-000-${1000 + (i % 9000)}</li></ul>` +
      `<div class="c"><span>Ask for Sam</span> ${links ? '<a href="tel:+15551231234" title="Call">Tap to call</a>' : "<a>Tap to call</a>"}</div>` +
      `<footer><small>Updated ${i % 12}/${i % 28}</small><i>★★★★☆</i><em>${i} reviews</em></footer></section>`;
    numbers += links ? 2 : 1;
  }
  return { html, numbers };
}

/** The company config of the browser benchmarks: one source number for everyone, for 555-123-1234. */
export const benchConfig = {
  company_id: "bench",
  trackers: [
    {
      id: "T",
      type: "source",
      status: "active",
      destination_number: "+15551231234",
      tracking_numbers: ["+14045559999"],
      source: { type: "all" },
    },
  ],
};
