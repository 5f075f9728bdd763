/**
 * The site's two shared assets: one stylesheet (light and dark by `prefers-color-scheme`, colours
 * chosen for WCAG AA contrast on their background) and the one script.
 *
 * The schedule's box borders are at least 3:1 against the page and the box fill in both schemes
 * (WCAG 1.4.11, non-text contrast), so a box is seen as one without relying on its fill.
 *
 * The script is the only JavaScript of the site, external so the pages' Content-Security-Policy
 * can forbid inline script: it rewrites every `<time data-local datetime="…Z">` (printed in UTC)
 * into the reader's own zone with Intl and names the zone, and turns on the `webcal://` links
 * (`<a data-webcal="calendar/x.ics" hidden>`) from the page's own address when the renderer had
 * no base URL to print them. With scripts off the page still reads right, in UTC.
 */

export const LOCAL_TIME_JS = `// Docket: times in the reader's own zone (the page prints UTC), and webcal:// links from this page's address.
(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const formats = {
    "": { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" },
    time: { weekday: "short", hour: "2-digit", minute: "2-digit" },
  };
  for (const el of document.querySelectorAll("time[data-local][datetime]")) {
    const when = new Date(el.getAttribute("datetime"));
    const format = formats[el.getAttribute("data-local")] || formats[""];
    if (!Number.isNaN(when.getTime())) el.textContent = \`\${new Intl.DateTimeFormat(undefined, format).format(when)} (\${zone})\`;
  }
  for (const a of document.querySelectorAll("a[data-webcal]")) {
    const url = new URL(a.getAttribute("data-webcal"), document.baseURI);
    if (url.protocol !== "https:" && url.protocol !== "http:") continue;
    a.href = \`webcal:\${url.href.slice(url.protocol.length)}\`;
    a.hidden = false;
  }
})();
`;

export const SITE_CSS = `:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --link: #0550ae; --border: #d1d9e0;
  --panel: #f6f8fa; --box: #ddf4ff; --box-border: #0969da; --joint: #fff8c5; --joint-border: #9a6700;
  --focus: #bf3989; --bad: #a40e26;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --link: #4493f8; --border: #3d444d;
    --panel: #151b23; --box: #0c2d6b; --box-border: #4493f8; --joint: #3d2e00; --joint-border: #d29922;
    --focus: #f778ba; --bad: #ff7b72;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--link); }
a:focus-visible, summary:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
/* Read by screen readers, not shown: a footnotes heading in minutes (GitHub hides it too), a table's caption. */
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem 1rem; z-index: 1; }
.skip:focus { left: 1rem; }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
header { display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: baseline; border-bottom: 1px solid var(--border); }
header .site { font-weight: 600; margin: .75rem 0; }
header ul, .links { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: .5rem 0; }
footer { border-top: 1px solid var(--border); margin-top: 2rem; color: var(--muted); font-size: .9rem; }
h1 { font-size: 1.75rem; line-height: 1.25; }
h2 { font-size: 1.35rem; margin-top: 2rem; }
.muted, .by { color: var(--muted); }
.series { border: 1px solid var(--border); border-radius: 6px; padding: 0 1rem; margin: 1rem 0; background: var(--panel); }
.series h2 { margin-top: 1rem; }
.cancelled { color: var(--bad); }
.cancelled time { text-decoration: line-through; }
.note { border-left: 4px solid var(--box-border); padding: .25rem 1rem; background: var(--panel); }
.scroll { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--border); padding: .25rem .5rem; text-align: left; vertical-align: top; }
pre { background: var(--panel); padding: .75rem; overflow-x: auto; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
.task-list-item { list-style: none; }
.minutes img { max-width: 100%; }
.schedule { overflow-x: auto; }
.schedule svg { display: block; max-width: none; font-size: 12px; }
.schedule .grid { stroke: var(--border); }
.schedule .axis, .schedule .room { fill: var(--muted); }
.schedule .box rect { fill: var(--box); stroke: var(--box-border); }
.schedule .box.joint rect { fill: var(--joint); stroke: var(--joint-border); }
.schedule .box text { fill: var(--fg); }
`;
