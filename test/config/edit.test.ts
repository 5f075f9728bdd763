/**
 * `setEventDates` (src/config/edit.ts): the dates of one event in the text of
 * `.github/docket.yml`, everything else byte for byte.
 */
import { describe, expect, it } from "vitest";
import { setEventDates, type EventDates } from "../../src/config/edit.js";
import { parseConfigText } from "../../src/config/load.js";

const CHOSEN: EventDates = { from: "2025-02-04", to: "2025-02-06", weekdays: true, start: "10:30", timezone: "Europe/Berlin" };

const BLOCK = `# Docket configuration for every repository of the organisation.
repository: meetings
meetings:
  iaas:
    title: Team IaaS
    cadence: weekly
    day: monday
    time: "14:00"      # Berlin time
  meetup-2025:
    title: "Team Meetup 2025"   # the yearly one
    event:
      from: 2025-02-03   # first day
      to: '2025-02-14'
      weekdays: true
      start: "09:00"
      timezone: UTC
      daily-budget: 2h30m   # keep this
    label: meetup-topic

backlog:   { label: idea,    title: Idea Backlog }
`;

function edited(text: string, series = "meetup-2025", event: EventDates = CHOSEN): string {
  const result = setEventDates(text, series, event);
  if ("problem" in result) throw new Error(`expected an edit, got: ${result.problem}`);
  return result.text;
}

function problem(text: string, series = "meetup-2025"): string {
  const result = setEventDates(text, series, CHOSEN);
  if (!("problem" in result)) throw new Error(`expected a problem, got:\n${result.text}`);
  return result.problem;
}

/** The lines that differ, as [before, after] pairs (same number of lines). */
function changedLines(before: string, after: string): Array<[string, string]> {
  const a = before.split("\n");
  const b = after.split("\n");
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]!] as [string, string]]));
}

describe("setEventDates", () => {
  it("changes only the five values of a block map: comments, quoting, alignment and other keys stay", () => {
    const after = edited(BLOCK);
    expect(changedLines(BLOCK, after)).toEqual([
      ["      from: 2025-02-03   # first day", "      from: 2025-02-04   # first day"],
      ["      to: '2025-02-14'", "      to: '2025-02-06'"],
      ['      start: "09:00"', '      start: "10:30"'],
      ["      timezone: UTC", "      timezone: Europe/Berlin"],
    ]);
    const config = parseConfigText(after);
    expect(config.ok && config.config.meetings["meetup-2025"]!.event).toEqual({ ...CHOSEN, "daily-budget": 150 });
  });

  it("edits a flow map in place, keeping daily-budget and the rest of the line", () => {
    const text = `meetings:\n  meetup-2025:\n    title: Team Meetup 2025\n    event: { from: 2025-02-03, to: 2025-02-14, weekdays: true, start: "09:00", timezone: UTC, daily-budget: 2h30m }  # the week\n    label: meetup-topic\n`;
    expect(edited(text, "meetup-2025", { ...CHOSEN, weekdays: false })).toBe(
      `meetings:\n  meetup-2025:\n    title: Team Meetup 2025\n    event: { from: 2025-02-04, to: 2025-02-06, weekdays: false, start: "10:30", timezone: Europe/Berlin, daily-budget: 2h30m }  # the week\n    label: meetup-topic\n`,
    );
  });

  it("adds the keys the event leaves to their defaults, after its last key (block) or before the brace (flow)", () => {
    const block = `meetings:\n  m:\n    title: M\n    event:\n      from: 2025-02-03\n      to: 2025-02-14\n      start: '09:00'\n      daily-budget: 2h # budget\n    label: x\n`;
    expect(edited(block, "m")).toBe(
      `meetings:\n  m:\n    title: M\n    event:\n      from: 2025-02-04\n      to: 2025-02-06\n      start: '10:30'\n      daily-budget: 2h # budget\n      weekdays: true\n      timezone: Europe/Berlin\n    label: x\n`,
    );
    const flow = `meetings:\n  m: { title: M, event: { from: 2025-02-03, to: 2025-02-14, start: "09:00", daily-budget: 2h } }`;
    expect(edited(flow, "m")).toBe(
      `meetings:\n  m: { title: M, event: { from: 2025-02-04, to: 2025-02-06, start: "10:30", daily-budget: 2h, weekdays: true, timezone: Europe/Berlin } }`,
    );
    // The event at the very end of a file without a final newline.
    const last = `meetings:\n  m:\n    title: M\n    event:\n      from: 2025-02-03\n      to: 2025-02-14\n      start: "09:00"\n      daily-budget: 2h`;
    expect(edited(last, "m")).toBe(
      `meetings:\n  m:\n    title: M\n    event:\n      from: 2025-02-04\n      to: 2025-02-06\n      start: "10:30"\n      daily-budget: 2h\n      weekdays: true\n      timezone: Europe/Berlin`,
    );
  });

  it("keeps CRLF line endings, also on added lines", () => {
    const text = BLOCK.replace("      timezone: UTC\n", "").replace(/\n/g, "\r\n");
    const after = edited(text);
    expect(after.split("\r\n").join("")).not.toContain("\n");
    expect(after).toContain("      daily-budget: 2h30m   # keep this\r\n      timezone: Europe/Berlin\r\n    label: meetup-topic\r\n");
    expect(after).toContain("      from: 2025-02-04   # first day\r\n");
    expect(parseConfigText(after).ok).toBe(true);
  });

  it("quotes start always, and a date only where it was quoted", () => {
    const text = BLOCK.replace('start: "09:00"', "start: '09:00'").replace("to: '2025-02-14'", 'to: "2025-02-14"');
    const after = edited(text);
    expect(after).toContain("      start: '10:30'\n");
    expect(after).toContain('      to: "2025-02-06"\n');
    expect(after).toContain("      from: 2025-02-04   # first day\n");
  });

  it("leaves the text as it is when the event already has these dates", () => {
    const once = edited(BLOCK);
    expect(edited(once)).toBe(once);
  });

  it("refuses a series that comes from _extends, saying so", () => {
    expect(problem(`_extends: .github\nbacklog: { label: idea }\n`)).toBe(
      "the series `meetup-2025` is not in this file: it comes from `_extends: .github`; change its dates there",
    );
    expect(problem(`_extends: .github\nmeetings:\n  iaas: { title: IaaS, cadence: weekly, day: monday, time: "14:00" }\n`)).toMatch(
      /^the series `meetup-2025` is not in this file: it comes from `_extends: .github`/,
    );
    expect(problem(BLOCK, "retro")).toBe("there is no series `retro` in this file");
  });

  it("refuses a series that is not an event, and an event it cannot edit safely", () => {
    expect(problem(BLOCK, "iaas")).toBe("the series `iaas` is not an event (it has no `event:`); only an event's dates can be written");
    expect(problem(BLOCK.replace("    event:\n", "    event: &week\n"))).toMatch(/alias or anchor/);
    expect(problem(BLOCK.replace("from: 2025-02-03", "from: &d 2025-02-03"))).toMatch(/`meetings.meetup-2025.event.from` is not a plain value/);
    expect(problem("meetings: [a, b]\n")).toBe("there is no series `meetup-2025` in this file");
    expect(problem("meetings:\n  meetup-2025: {\n")).toMatch(/^the file has YAML errors/);
  });

  it("never proposes a config that does not validate", () => {
    // The event would end before it starts: the schema refuses it, and so does the edit.
    const result = setEventDates(BLOCK, "meetup-2025", { ...CHOSEN, from: "2025-02-10", to: "2025-02-04" });
    expect(result).toEqual({
      problem: expect.stringMatching(
        /^the edited file would not be a valid configuration: \.github\/docket\.yml:\d+:\d+ meetings\.meetup-2025\.event\.to: expected a date on or after `from`/,
      ),
    });
    // A file that is already invalid elsewhere is not proposed either.
    expect(problem(BLOCK.replace("day: monday", "day: someday"))).toMatch(/^the edited file would not be a valid configuration: .*meetings\.iaas\.day/);
  });
});
