import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import type { Occurrence } from "../../src/domain/types.js";
import { eventDays } from "../../src/domain/schedule.js";
import { meetingBody } from "../../src/render/agenda.js";
import { whenLine } from "../../src/render/format.js";

/** An event's days as the agenda workflow builds them: eventDays, each ending `budget` minutes after its start. */
function event(from: string, to: string, opts: { weekdays?: boolean; start?: string; timezone?: string; budget?: number } = {}): Occurrence[] {
  const timezone = opts.timezone ?? "UTC";
  const budget = opts.budget ?? 150;
  return eventDays({ from, to, weekdays: opts.weekdays ?? true, start: opts.start ?? "09:00", timezone }).map((d) => ({
    seriesId: "meetup",
    date: d.date,
    start: d.start,
    end: DateTime.fromISO(d.start, { setZone: true }).plus({ minutes: budget }).toISO() ?? "",
    timezone,
  }));
}

/** The whole event as one occurrence, as the meeting issue has it: the first day's start to the last day's end. */
function whole(days: readonly Occurrence[]): Occurrence {
  const first = days[0] as Occurrence;
  return { ...first, end: (days.at(-1) as Occurrence).end };
}

const when = (days: Occurrence[]) => whenLine(whole(days), days);

describe("whenLine for a multi-day event", () => {
  it("says the days once and the times once, for each day (a one-day event reads as a meeting)", () => {
    expect(when(event("2025-02-03", "2025-02-07"))).toBe("3–7 February 2025, 09:00–11:30 UTC each day");
    expect(when(event("2025-02-03", "2025-02-03"))).toBe("Monday, 3 February 2025, 09:00–11:30 UTC");
  });

  it("names the month and the year only where they change", () => {
    expect(when(event("2025-02-28", "2025-03-04", { weekdays: false }))).toBe("28 February – 4 March 2025, 09:00–11:30 UTC each day");
    expect(when(event("2025-12-30", "2026-01-02", { weekdays: false }))).toBe("30 December 2025 – 2 January 2026, 09:00–11:30 UTC each day");
  });

  it("names the days inside the range that the event leaves out", () => {
    expect(when(event("2025-02-03", "2025-02-14"))).toBe("3–14 February 2025, 09:00–11:30 UTC each day except Saturday 8 and Sunday 9 February");
    expect(when(event("2025-02-27", "2025-03-11"))).toBe(
      "27 February – 11 March 2025, 09:00–11:30 UTC each day except Saturday 1, Sunday 2, Saturday 8 and Sunday 9 March",
    );
    expect(when(event("2025-02-21", "2025-03-03"))).toBe(
      "21 February – 3 March 2025, 09:00–11:30 UTC each day except Saturday 22, Sunday 23 February, Saturday 1 and Sunday 2 March",
    );
    expect(when(event("2025-12-26", "2026-01-05"))).toBe(
      "26 December 2025 – 5 January 2026, 09:00–11:30 UTC each day except Saturday 27, Sunday 28 December 2025, Saturday 3 and Sunday 4 January 2026",
    );
  });

  it("gives the start in UTC for another zone, and says when it changes with summer time", () => {
    expect(when(event("2025-02-03", "2025-02-07", { timezone: "Europe/Berlin" }))).toBe("3–7 February 2025, 09:00–11:30 Europe/Berlin (08:00 UTC) each day");
    expect(when(event("2025-03-27", "2025-04-01", { weekdays: false, timezone: "Europe/Berlin" }))).toBe(
      "27 March – 1 April 2025, 09:00–11:30 Europe/Berlin (08:00 UTC; 07:00 UTC from 30 March) each day",
    );
    expect(when(event("2025-02-03", "2025-02-05", { start: "08:00", timezone: "Australia/Sydney", budget: 60 }))).toBe(
      "3–5 February 2025, 08:00–09:00 Australia/Sydney (21:00 UTC the day before) each day",
    );
  });

  it("names a day whose local times differ (a start in a daylight-saving gap)", () => {
    expect(when(event("2025-03-28", "2025-03-31", { weekdays: false, start: "02:30", timezone: "Europe/Berlin", budget: 90 }))).toBe(
      "28–31 March 2025, 02:30–04:00 Europe/Berlin (01:30 UTC; 00:30 UTC from 31 March) each day; 03:30–05:00 on Sunday 30 March",
    );
  });

  it("is the When line of the event's meeting issue", () => {
    const days = event("2025-02-03", "2025-02-14");
    const body = meetingBody({
      agenda: { slots: days.map(() => ({ capacity: 150 })), used: days.map(() => 0), scheduled: [], waiting: [] },
      occurrence: whole(days),
      days,
      recurring: [],
      recurringMinutes: 0,
      roles: [],
      label: "meetup-topic",
    });
    expect(body.split("\n")[2]).toMatch(/^\*\*When:\*\* 3–14 February 2025, 09:00–11:30 UTC each day except Saturday 8 and Sunday 9 February · /);
  });
});
