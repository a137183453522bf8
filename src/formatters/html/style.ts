// The stylesheet of the HTML reports: light and dark by the reader's setting, a clean printout, the Okabe–Ito
// palette for tones, system fonts only (nothing is fetched).

export const STYLESHEET = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1b1b; --muted: #595959; --line: #c8c8c8; --card: #f5f5f5; --pattern: rgba(0, 0, 0, 0.5);
  --good: #009e73; --bad: #d55e00; --worst: #cc79a7; --warn: #e69f00; --info: #56b4e9; --neutral: #999999; --accent: #0072b2;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #121212; --fg: #ececec; --muted: #b0b0b0; --line: #454545; --card: #1d1d1d; --pattern: rgba(255, 255, 255, 0.55); --accent: #56b4e9; }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; background: var(--bg); color: var(--fg);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; border-bottom: 2px solid var(--line); padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin: 0 0 0.4rem; overflow-wrap: anywhere; }
h4 { font-size: 0.95rem; margin: 0.8rem 0 0.3rem; }
a { color: var(--accent); }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
.nowrap { white-space: nowrap; }
.muted { color: var(--muted); }
nav ul { list-style: none; padding: 0; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.4rem 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 0.4rem 0 0.8rem; width: 100%; font-size: 0.93em; }
caption { text-align: left; font-weight: 600; padding: 0.2rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { font-weight: 600; }
td { overflow-wrap: break-word; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.tone-good { --tone: var(--good); } .tone-bad { --tone: var(--bad); } .tone-worst { --tone: var(--worst); }
.tone-warn { --tone: var(--warn); } .tone-info { --tone: var(--info); } .tone-neutral { --tone: var(--neutral); }
.badge { display: inline-block; border: 1px solid var(--tone); border-left-width: 0.45em; border-radius: 3px; padding: 0 0.35em;
  font-size: 0.85em; white-space: nowrap; }
.counts { list-style: none; padding: 0; margin: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; }
.counts strong { font-variant-numeric: tabular-nums; }
.lenses { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; align-items: start; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem 1rem; background: var(--card); min-width: 0; }
.card > h3 { margin-top: 0.2rem; }
figure { margin: 0.5rem 0; }
figcaption { color: var(--muted); font-size: 0.9em; }
svg.chart { max-width: 100%; height: auto; }
svg.chart text { fill: var(--fg); font-size: 12px; font-family: inherit; }
svg.chart text.count { font-size: 20px; font-weight: 700; }
svg.chart text.on-fill { paint-order: stroke; stroke: var(--bg); stroke-width: 3px; stroke-linejoin: round; font-weight: 600; }
svg.chart .empty { fill: none; stroke: var(--line); stroke-dasharray: 4 3; }
svg.chart .axis { stroke: var(--line); }
svg.defs { position: absolute; width: 0; height: 0; overflow: hidden; }
.pattern-stroke { stroke: var(--pattern); fill: var(--pattern); stroke-width: 1; }
.fill-good { fill: var(--good); } .fill-bad { fill: var(--bad); } .fill-worst { fill: var(--worst); }
.fill-warn { fill: var(--warn); } .fill-info { fill: var(--info); } .fill-neutral { fill: var(--neutral); } .fill-accent { fill: var(--accent); }
.legend svg.swatch { vertical-align: -2px; }
.legend { list-style: none; padding: 0; margin: 0.2rem 0; display: flex; flex-wrap: wrap; gap: 0.2rem 0.8rem; font-size: 0.9em; }
article.framework { margin: 1.2rem 0; }
table.coverage-matrix tr.criterion > * { border-top: 2px solid var(--line); }
article.control { border: 1px solid var(--line); border-left: 0.5rem solid var(--tone, var(--line)); border-radius: 6px; padding: 0.6rem 1rem; margin: 0.8rem 0; }
.filter { position: sticky; top: 0; background: var(--bg); padding: 0.4rem 0; z-index: 1; display: flex; gap: 0.8rem; align-items: center; flex-wrap: wrap; }
.filter input { font: inherit; padding: 0.25rem 0.5rem; min-width: 18rem; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 4px; }
ol.path { list-style: none; padding: 0; margin: 0.6rem 0; display: flex; flex-wrap: wrap; gap: 0.6rem 2rem; align-items: stretch; }
ol.path > li.step { position: relative; flex: 1 1 13rem; border: 1px solid var(--line); border-top: 0.45rem solid var(--tone, var(--line)); border-radius: 6px; padding: 0.4rem 0.7rem; background: var(--card); min-width: 0; }
ol.path > li.step:not(:last-child)::after { content: "\\2192" / ""; position: absolute; right: -1.6rem; top: 40%; font-size: 1.4rem; color: var(--muted); }
ol.path li.step h4 { margin: 0.1rem 0 0.3rem; }
ol.path li.step p { margin: 0.2rem 0; }
ol.path li.step ul { padding-left: 1rem; margin: 0.3rem 0; font-size: 0.92em; }
article.scenario { margin: 0.8rem 0 1.2rem; }
section.briefing .blocks { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; align-items: start; }
@media (max-width: 50rem) { .lenses, section.briefing .blocks { grid-template-columns: 1fr; } ol.path > li.step:not(:last-child)::after { content: "\\2193" / ""; right: auto; left: 45%; top: auto; bottom: -1.1rem; } }
@media print {
  :root { --bg: #ffffff; --fg: #000000; --muted: #444444; --line: #999999; --card: #ffffff; --pattern: rgba(0, 0, 0, 0.5); --accent: #000000; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav, .filter { display: none !important; }
  h2 { break-after: avoid; }
  article.control, figure, tr, .card { break-inside: avoid; }
  a { text-decoration: none; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;
