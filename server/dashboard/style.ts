// The dashboard's stylesheet, served as a file (/dashboard/assets/dashboard.css) so that the
// pages need no inline style under their Content-Security-Policy (docs/dashboard.md#headers).
// Narrow screens first; tables turn into labelled cards below 700 px. Chart colours are the
// Okabe–Ito palette, told apart by people with the common colour-vision deficiencies.
export const STYLESHEET = `
:root { --ink: #1d2733; --muted: #5b6b7a; --line: #d5dde5; --soft: #f3f6f9; --accent: #0b4f6c; --bad: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem 1rem; padding: .6rem 1rem; background: var(--accent); color: #fff; }
header.top a { color: #fff; text-decoration: none; }
header.top .brand { font-weight: 700; margin-right: auto; }
header.top nav { display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
header.top nav a[aria-current="page"] { text-decoration: underline; text-underline-offset: .3em; }
header.top form { margin: 0; }
header.top button { background: transparent; color: #fff; border: 1px solid #fff8; border-radius: 4px; padding: .15rem .6rem; font: inherit; cursor: pointer; }
main { padding: 1rem; max-width: 1200px; margin: 0 auto; }
h1 { font-size: 1.35rem; margin: .2rem 0 .8rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
.muted, .zone { color: var(--muted); font-size: .9rem; }
.alert { background: #fdecea; border: 1px solid #b3261e; border-radius: 4px; padding: .5rem .9rem; margin: 0 0 1rem; }
.alert p, .alert ul { margin: .3rem 0; }
.notes { background: #fff4e5; border: 1px solid #f0c36d; padding: .5rem .8rem; border-radius: 4px; }
form.filters { display: grid; grid-template-columns: 1fr 1fr; gap: .5rem .8rem; align-items: end; background: var(--soft); padding: .8rem; border-radius: 6px; }
form.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); gap: .2rem; }
form.filters .wide { grid-column: 1 / -1; }
input, select, button { font: inherit; }
input, select { width: 100%; padding: .35rem .4rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; color: var(--ink); min-height: 2.2rem; }
button.primary { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .5rem 1rem; cursor: pointer; min-height: 2.2rem; }
.kpis { display: grid; grid-template-columns: repeat(2, 1fr); gap: .6rem; margin: 1rem 0; padding: 0; list-style: none; }
.kpis li { background: var(--soft); border-radius: 6px; padding: .6rem .8rem; }
.kpis b { display: block; font-size: 1.5rem; }
.panel { border: 1px solid var(--line); border-radius: 6px; padding: .8rem; margin: .8rem 0; }
.panel h3 { margin: 0 0 .4rem; font-size: 1rem; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart .axis { font-size: 16px; fill: var(--muted); }
svg.chart .empty { font-size: 20px; fill: var(--muted); }
svg.chart .grid { stroke: var(--line); stroke-width: 1; }
svg.chart .line { fill: none; stroke: var(--accent); stroke-width: 2; }
svg.chart .area { fill: #0b4f6c22; stroke: none; }
svg.chart .cap { stroke: var(--bad); stroke-dasharray: 6 4; stroke-width: 1.5; }
svg.chart .exhausted { fill: #b3261e55; }
.s0 { fill: #0072b2; background: #0072b2; } .s1 { fill: #e69f00; background: #e69f00; }
.s2 { fill: #009e73; background: #009e73; } .s3 { fill: #cc79a7; background: #cc79a7; }
.s4 { fill: #56b4e9; background: #56b4e9; } .s5 { fill: #d55e00; background: #d55e00; }
.s6 { fill: #7a5c1e; background: #7a5c1e; } .so { fill: #9aa5b1; background: #9aa5b1; }
ul.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; list-style: none; padding: 0; margin: .4rem 0; font-size: .9rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .35rem; vertical-align: -.05rem; }
details { margin: .4rem 0; }
summary { cursor: pointer; color: var(--accent); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: break-word; }
/* The last column may hold a long unbroken value: it wraps anywhere, so the others keep their width. */
td:last-child { overflow-wrap: anywhere; }
th { background: var(--soft); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.hidden-value { color: var(--muted); font-style: italic; }
.tag { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .8rem; background: var(--soft); border: 1px solid var(--line); }
.tag.yes { background: #e3f4ea; border-color: #9bd3b0; }
.tag.no { background: #fbeaea; border-color: #e5a9a9; }
ol.timeline { list-style: none; padding: 0; margin: 0; border-left: 3px solid var(--line); }
ol.timeline li { position: relative; padding: .3rem 0 .6rem 1rem; }
ol.timeline li::before { content: ""; position: absolute; left: -.45rem; top: .65rem; width: .6rem; height: .6rem; border-radius: 50%; background: var(--muted); }
ol.timeline li.lead::before { background: #009e73; } ol.timeline li.call::before { background: #e69f00; }
ol.timeline li:target { background: #fff4e5; }
dl.facts { display: grid; grid-template-columns: minmax(7rem, max-content) 1fr; gap: .2rem .8rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.pager { display: flex; gap: 1rem; align-items: center; margin: .8rem 0; }
.login { max-width: 24rem; margin: 3rem auto; }
.login form { display: grid; gap: .8rem; }
.error { color: var(--bad); }
.nowrap { white-space: nowrap; }
@media (min-width: 700px) {
  form.filters { grid-template-columns: 2fr 1fr 1fr 2fr auto; }
  form.filters .wide { grid-column: auto; }
  .kpis { grid-template-columns: repeat(5, 1fr); }
  .two { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
}
@media (max-width: 699px) {
  table.cards thead { display: none; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .6rem; padding: .3rem .5rem; }
  /* minmax(0, 1fr): a long URL wraps inside the card instead of widening it. */
  table.cards td { border: 0; padding: .15rem 0; display: grid; grid-template-columns: 7.5rem minmax(0, 1fr); gap: .5rem; text-align: left; overflow-wrap: anywhere; }
  table.cards td::before { content: attr(data-label); color: var(--muted); font-size: .85rem; }
  table.cards td.n { text-align: left; }
  table.cards td:empty { display: none; }
  svg.chart .axis { font-size: 26px; }
  svg.chart .empty { font-size: 30px; }
}
`;
