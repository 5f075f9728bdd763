/**
 * The Action's `calendar` command (src/workflows/calendar.ts) against the local GitHub: the
 * iCalendar file of every series and event, committed once at calendar.path, parsed back with
 * ical.js (a maintained iCalendar parser), unchanged by a rerun.
 */
import type ICAL from "ical.js";
import { calendarEvents } from "../helpers/ical.js";
import { describe, expect, it } from "vitest";
import { occurrencesFrom } from "../../src/domain/schedule.js";
import { runActionCommand } from "../../src/action/run.js";
import { syncAgenda } from "../../src/workflows/agenda.js";
import { withoutStamps } from "../../src/workflows/calendar.js";
import { CONFIG, jobContext, lastSeq, loadedConfig, useActionWorld, writesSince } from "./action-world.js";

const sim = useActionWorld();

const NOW = "2025-01-08T09:00:00Z";

const parse = (text: string) => calendarEvents(text).events;

/** The first `n` instances of the events whose UID starts with `prefix`, as UTC instants. */
function instants(events: ICAL.Event[], prefix: string, n: number): string[] {
  const out: string[] = [];
  for (const event of events.filter((e) => e.uid.startsWith(prefix))) {
    const it = event.iterator();
    for (let i = 0; i < n; i++) {
      const t = it.next();
      if (!t) break;
      out.push(t.toJSDate().toISOString());
    }
  }
  return out.sort().slice(0, n);
}

function calendarFile(): string | undefined {
  const meetings = sim.state.repo("sovereign", "meetings")!;
  return sim.state.resolveRef(meetings)!.files.get("calendar/docket.ics")?.text;
}

describe("calendar", () => {
  it("commits every series and event at the default path; ical.js reads the expected VEVENTs; a rerun writes nothing", async () => {
    const result = await runActionCommand(jobContext(sim, NOW), loadedConfig(), { command: "calendar" });
    const text = calendarFile();
    expect(text).toBeDefined();
    const events = parse(text!);
    expect(result.outputs).toEqual({
      path: "calendar/docket.ics",
      url: "https://github.com/sovereign/meetings/blob/main/calendar/docket.ics",
      events: String(events.length),
    });
    expect(writesSince(sim)).toEqual(["PUT /repos/sovereign/meetings/contents/calendar%2Fdocket.ics"]);

    // The meetup: one VEVENT per weekday, 09:00-11:30 UTC, no recurrence.
    const meetup = events.filter((e) => e.uid.startsWith("meetup-2025-"));
    expect(meetup.map((e) => e.uid)).toEqual(
      ["03", "04", "05", "06", "07", "10", "11", "12", "13", "14"].map((d) => `meetup-2025-2025-02-${d}@docket.sovereign`),
    );
    expect(meetup.every((e) => e.summary === "Team Meetup 2025" && !e.isRecurring())).toBe(true);
    expect(meetup[0]!.startDate.toJSDate().toISOString()).toBe("2025-02-03T09:00:00.000Z");
    expect(meetup[0]!.endDate.toJSDate().toISOString()).toBe("2025-02-03T11:30:00.000Z");

    // Team IaaS: recurring from its next meeting (odd ISO weeks, 14:00 Berlin), as Docket's schedule has it.
    const iaas = events.filter((e) => e.uid === "iaas@docket.sovereign" || /^iaas-\d{4}-\d\d-\d\d@/.test(e.uid));
    expect(iaas.length).toBeGreaterThanOrEqual(1);
    expect(iaas.every((e) => e.summary === "Team IaaS" && e.isRecurring())).toBe(true);
    expect(iaas[0]!.description).toBe('Topics: issues and pull requests labelled "agenda/iaas".');
    expect(events).toHaveLength(meetup.length + iaas.length);
    const schedule = occurrencesFrom("iaas", loadedConfig().config.meetings.iaas!, new Date(NOW), 60).map((o) => new Date(o.start).toISOString());
    expect(schedule[0]).toBe("2025-01-13T13:00:00.000Z");
    expect(instants(events, "iaas", 60)).toEqual(schedule);
    expect(text).toContain(`DTSTAMP:20250108T090000Z`);

    // The next day: only DTSTAMP would change, so nothing is written.
    const seq = lastSeq(sim);
    const again = await runActionCommand(jobContext(sim, "2025-01-09T09:00:00Z"), loadedConfig(), { command: "calendar" });
    expect(writesSince(sim, seq)).toEqual([]);
    expect(again.summary).toContain("is already up to date");
    expect(calendarFile()).toBe(text);

    // After the meeting of 13 January the series starts on 27 January: the file is updated.
    await runActionCommand(jobContext(sim, "2025-01-14T09:00:00Z"), loadedConfig(), { command: "calendar" });
    expect(writesSince(sim, seq)).toEqual(["PUT /repos/sovereign/meetings/contents/calendar%2Fdocket.ics"]);
    expect(instants(parse(calendarFile()!), "iaas", 1)).toEqual(["2025-01-27T13:00:00.000Z"]);
  });

  it("leaves out meetings whose issues were closed as not planned (EXDATE in DTSTART's form); ical.js expands to the dates after them", async () => {
    // The next two meetings (13 and 27 January) cancelled: each issue opened by a sync, then closed as not planned.
    for (const date of ["2025-01-13", "2025-01-27"]) {
      await syncAgenda(jobContext(sim, NOW), loadedConfig(), "iaas");
      const issue = [...sim.state.repo("sovereign", "meetings")!.issues.values()].find((i) => i.title === `Team IaaS — ${date}`)!;
      sim.state.setIssueState(issue, "closed", "alice", "not_planned");
    }
    await runActionCommand(jobContext(sim, NOW), loadedConfig(), { command: "calendar" });
    const text = calendarFile()!;
    expect(text).toContain("DTSTART;TZID=Europe/Berlin:20250113T140000");
    expect(text).toContain("EXDATE;TZID=Europe/Berlin:20250113T140000");
    expect(text).toContain("EXDATE;TZID=Europe/Berlin:20250127T140000");
    const schedule = occurrencesFrom("iaas", loadedConfig().config.meetings.iaas!, new Date(NOW), 5).map((o) => new Date(o.start).toISOString());
    expect(instants(parse(text), "iaas", 3)).toEqual(schedule.slice(2));
    expect(schedule.slice(2, 3)).toEqual(["2025-02-10T13:00:00.000Z"]);
  });

  it("a multi-day event whose issue was closed as not planned keeps its days, each STATUS:CANCELLED for ical.js; reopened, they are plain days again", async () => {
    await syncAgenda(jobContext(sim, NOW), loadedConfig(), "meetup-2025");
    const event = [...sim.state.repo("sovereign", "meetings")!.issues.values()].find((i) => i.title === "Team Meetup 2025 — 2025-02-03")!;
    const statuses = async () => {
      await runActionCommand(jobContext(sim, NOW), loadedConfig(), { command: "calendar" });
      const events = parse(calendarFile()!);
      const of = (prefix: string) => events.filter((e) => e.uid.startsWith(prefix)).map((e) => e.component.getFirstPropertyValue("status"));
      return { meetup: of("meetup-2025-"), iaas: [...new Set(of("iaas"))] };
    };
    sim.state.setIssueState(event, "closed", "alice", "not_planned");
    expect(await statuses()).toEqual({ meetup: Array(10).fill("CANCELLED"), iaas: [null] });
    sim.state.setIssueState(event, "open", "alice");
    expect(await statuses()).toEqual({ meetup: Array(10).fill(null), iaas: [null] });
  });

  it("keeps the EXDATE of a meeting cancelled far ahead after 30 newer meeting issues of the series", async () => {
    const meetings = sim.state.repo("sovereign", "meetings")!;
    const body = '<!-- docket:meeting {"series":"iaas","date":"2025-03-10"} -->\n';
    const ahead = sim.state.createIssue(meetings, { title: "Team IaaS — 2025-03-10", body, labels: ["docket/iaas"], author: "alice" });
    sim.state.setIssueState(ahead, "closed", "alice", "not_planned");
    for (let n = 1; n <= 31; n++) {
      const held = sim.state.createIssue(meetings, { title: `Team IaaS — extra ${n}`, body: "", labels: ["docket/iaas"], author: "alice" });
      sim.state.setIssueState(held, "closed", "alice", "completed");
    }
    await runActionCommand(jobContext(sim, NOW), loadedConfig(), { command: "calendar" });
    expect(calendarFile()).toContain("EXDATE;TZID=Europe/Berlin:20250310T140000");
  });

  it("publishes at calendar.path through a pull request when configured; the summary names the events", async () => {
    const config = `${CONFIG}calendar:\n  path: docs/meetings.ics\n  publish: pull-request\n`;
    const result = await runActionCommand(jobContext(sim, NOW), loadedConfig(config), { command: "calendar" });
    expect(result.outputs.path).toBe("docs/meetings.ics");
    expect(result.outputs.url).toMatch(/^https:\/\/github\.com\/sovereign\/meetings\/pull\/\d+$/);
    expect(result.summary).toContain("(VEVENT) from Team IaaS, Team Meetup 2025.");
    expect(writesSince(sim)).toEqual([
      "POST /repos/sovereign/meetings/git/refs",
      "PUT /repos/sovereign/meetings/contents/docs%2Fmeetings.ics",
      "POST /repos/sovereign/meetings/pulls",
    ]);
  });

  it("dry run: nothing written; the summary names the file", async () => {
    const result = await runActionCommand(jobContext(sim, NOW, { dryRun: true }), loadedConfig(), { command: "calendar" });
    expect(writesSince(sim)).toEqual([]);
    expect(result.summary).toContain("> - create file: sovereign/meetings:main:calendar/docket.ics");
  });

  it("compares files without their DTSTAMP lines, folded ones included", () => {
    expect(withoutStamps("BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20250108T090000Z\r\nSUMMARY:x\r\n")).toBe("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\n");
    expect(withoutStamps("DTSTAMP;VALUE=DATE-TIME:2025\r\n 0108T090000Z\r\nX:1\r\n")).toBe("X:1\r\n");
  });
});
