/**
 * The one site the browser tests and `npm run screenshots` look at: the demo world's meetings site
 * (test/helpers/site-world.ts: the example community `npm run demo` plays, on the local GitHub),
 * built by the Action's `site` command into a fresh temporary directory, as a workflow builds it
 * for Pages. Another site means changing only this function and what it says about the site.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDemoSite, PAST_MINUTES_DATE } from "../helpers/site-world.js";

/** One meeting's start as readers in two zones, and readers without scripts, see its time of day. */
export interface LocalTime {
  /** The UTC instant. */
  at: string;
  berlin: string;
  newYork: string;
  utc: string;
}

export interface SiteUnderTest {
  /** The directory holding index.html, as the Action writes it for Pages. */
  dir: string;
  /** A recurring series' page, whose upcoming meetings cross a DST change. */
  seriesPage: string;
  /** Upcoming meetings of that series on both sides of the change. */
  localTimes: LocalTime[];
  /** That series' calendar file. */
  calendar: string;
  /** A past meeting's minutes page, linked from the series page. */
  minutesPage: string;
  remove(): void;
}

export async function buildSiteUnderTest(): Promise<SiteUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), "docket-site-"));
  await buildDemoSite(dir);
  return {
    dir,
    seriesPage: "series/iaas.html",
    // Team IaaS meets Mondays at 14:00 Europe/Berlin. New York moves to summer time on 9 March
    // 2025, three weeks before Berlin: 08:00 there in January, 09:00 on 10 March.
    localTimes: [
      { at: "2025-01-13T13:00:00Z", berlin: "14:00", newYork: "08:00", utc: "13:00" },
      { at: "2025-03-10T13:00:00Z", berlin: "14:00", newYork: "09:00", utc: "13:00" },
    ],
    calendar: "calendar/iaas.ics",
    minutesPage: `series/iaas/${PAST_MINUTES_DATE}.html`,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
