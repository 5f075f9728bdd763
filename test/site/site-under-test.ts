/**
 * The one site the browser tests and `npm run screenshots` look at: rendered into a fresh temporary
 * directory. For now engineer A's SiteData fixture (test/fixtures/site.ts); once the demo world's
 * site can be built, only this function changes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { renderSite } from "../../src/render/site/index.js";
import { siteFixture } from "../fixtures/site.js";

export interface SiteUnderTest {
  /** The directory holding index.html, as the Action writes it for Pages. */
  dir: string;
  /** A recurring series whose upcoming meetings cross a DST change, and its page. */
  seriesPage: string;
  /** That series' calendar file. */
  calendar: string;
  /** A past meeting's minutes page, linked from the series page. */
  minutesPage: string;
  remove(): void;
}

export async function buildSiteUnderTest(): Promise<SiteUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), "docket-site-"));
  for (const file of renderSite(siteFixture())) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  return {
    dir,
    seriesPage: "series/iaas.html",
    calendar: "calendar/iaas.ics",
    minutesPage: "series/iaas/2025-02-17.html",
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
