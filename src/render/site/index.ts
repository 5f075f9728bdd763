/**
 * The meetings site (issue 17): SiteData → the files of a static site for GitHub Pages. Pure: no
 * clock, no I/O, no randomness; the same data gives byte-identical files, sorted by path.
 *
 *   index.html                      every series and event: cadence, next meeting, join, label, calendars
 *   series/<id>.html                upcoming meetings, the next agenda and waiting list, the schedule, past meetings
 *   series/<id>/<date>.html         the published minutes of one past meeting, rendered and sanitised
 *   backlog.html                    the idea backlog (when one is configured)
 *   calendar/<id>.ics               the series' iCalendar text as given
 *   assets/site.css, assets/local-time.js
 *
 * Links between pages are relative (Pages serves a project site under /<repo>/). Times are
 * printed in UTC inside `<time datetime>`; assets/local-time.js rewrites them into the reader's
 * zone. Subscribe links: the relative `.ics` link always; the `webcal://` link is printed when
 * `baseUrl` (the site's absolute https URL) is given, and otherwise is built by the same script
 * from the page's own address (hidden, so a reader without scripts sees only the `.ics` link).
 *
 * Each HTML page stays under 100 KB: lists are capped and a page that would be bigger is built
 * again with smaller caps, saying how many items it left out (pages.ts, CAPS).
 */
import { LOCAL_TIME_JS, SITE_CSS } from "./assets.js";
import type { SiteData, SiteFile } from "./model.js";
import { backlogPage, indexPage, minutesPage, minutesPath, seriesPage, seriesPath } from "./pages.js";

export type { SiteData, SiteFile } from "./model.js";

export interface RenderSiteOptions {
  /** The site's absolute URL (https://owner.github.io/repo/), for the `webcal://` links. */
  baseUrl?: string;
}

/** The site's base URL ending in `/`, or null when none (or not an http(s) URL) is given. */
function siteBase(baseUrl: string | undefined): string | null {
  if (baseUrl === undefined || baseUrl.trim() === "") return null;
  try {
    const url = new URL(baseUrl.trim());
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    url.search = "";
    url.hash = "";
    if (!url.pathname.endsWith("/")) url.pathname += "/";
    return url.href;
  } catch {
    return null;
  }
}

export function renderSite(data: SiteData, options: RenderSiteOptions = {}): SiteFile[] {
  const base = siteBase(options.baseUrl);
  const files = new Map<string, string>();
  files.set("index.html", indexPage(data, base));
  files.set("assets/site.css", SITE_CSS);
  files.set("assets/local-time.js", LOCAL_TIME_JS);
  if (data.backlog !== null) files.set("backlog.html", backlogPage(data));
  for (const series of data.series) {
    files.set(seriesPath(series), seriesPage(data, series, base));
    if (series.ics !== null) files.set(`calendar/${encodeURIComponent(series.id)}.ics`, series.ics);
    for (const past of series.past) {
      const path = minutesPath(series, past);
      if (past.minutes !== null && !files.has(path)) files.set(path, minutesPage(data, series, past));
    }
  }
  return [...files].map(([path, content]) => ({ path, content })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
