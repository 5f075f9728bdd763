/**
 * The Action's `site` command on the demo world (test/helpers/site-world.ts): the files a Pages
 * workflow uploads, public only, the same bytes when run again an hour later.
 */
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionReport } from "../../src/action/run.js";
import { buildDemoSite, PRIVATE_TOPIC, runSiteCommand, siteWorld } from "../helpers/site-world.js";
import { startSimulator } from "../sim/server.js";

let root: string;
let report: ActionReport;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "docket-site-command-"));
  report = await buildDemoSite(join(root, "_site"));
}, 60_000);
afterAll(() => rm(root, { recursive: true, force: true }));

const allFiles = async (dir: string) =>
  (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

describe("the site command", () => {
  it("writes the pages, the calendars and the minutes of the past meeting, and says so in its outputs and summary", async () => {
    const dir = join(root, "_site");
    const paths = (await allFiles(dir)).map((p) => p.slice(dir.length + 1)).sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        "index.html",
        "series/iaas.html",
        "series/iaas/2024-12-30.html",
        "series/summit.html",
        "backlog.html",
        "calendar/iaas.ics",
        ".docket-site",
      ]),
    );
    expect(report.outputs.path).toBe(dir);
    expect(Number(report.outputs.pages)).toBe(paths.filter((p) => p.endsWith(".html")).length);
    expect(report.summary).toMatch(/^## Site/);
    expect(report.summary).toContain("1 topic or idea was left out of the site");
    expect(await readFile(join(dir, "series/iaas/2024-12-30.html"), "utf8")).toContain("Version 4 is the standard from February");
  });

  it("never puts the private topic on any page", async () => {
    for (const file of await allFiles(join(root, "_site"))) expect(await readFile(file, "utf8"), file).not.toContain(PRIVATE_TOPIC);
  });

  it("gives the same bytes an hour later and rewrites nothing", async () => {
    const sim = await startSimulator({ world: siteWorld() });
    try {
      const dir = join(root, "again");
      await runSiteCommand(sim, dir, "2025-01-08T09:00:00Z");
      const again = await runSiteCommand(sim, dir, "2025-01-08T10:00:00Z");
      expect(again.summary).toMatch(/ 0 files written, 0 removed, \d+ unchanged/);
    } finally {
      await sim.close();
    }
  }, 60_000);

  it("shows a finished event as over: no 'Happening now' or agenda, no empty schedule, and its calendar stays for subscribers", async () => {
    const dir = join(root, "after");
    const after = await buildDemoSite(dir, "2025-04-01T09:00:00Z");
    expect(after.problems).toEqual([]);
    const summit = await readFile(join(dir, "series/summit.html"), "utf8");
    expect(summit).toContain("This event is over.");
    expect(summit).not.toContain("Happening now");
    expect(summit).not.toContain("Agenda");
    expect(summit).not.toContain("Nobody is waiting");
    // The demo summit's issue never got a plan written (only the /now section): nothing to show rather than empty days.
    expect(summit).not.toContain("No sessions scheduled yet.");
    const meetup = await readFile(join(dir, "series/meetup-2025.html"), "utf8");
    expect(meetup).toContain("This event is over.");
    expect(meetup).not.toContain("No sessions scheduled yet.");
    // Subscribed webcal:// URLs keep working: the ended events' days, as they were.
    const ics = await readFile(join(dir, "calendar/meetup-2025.ics"), "utf8");
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(10);
    expect(await readFile(join(dir, "calendar/summit.ics"), "utf8")).toContain("BEGIN:VEVENT");
    expect(meetup).toContain("calendar/meetup-2025.ics");
  }, 60_000);
});
