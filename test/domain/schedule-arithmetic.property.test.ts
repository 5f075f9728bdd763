/**
 * Schedule arithmetic against the rrule/luxon expansion it replaces on hot paths: biweeklyStartsFrom
 * (date arithmetic and two offset reads a meeting) gives exactly the meetings occurrencesFrom gives,
 * over random zones, days, times and dates, daylight saving changes and days a zone skipped
 * included (placeInZone's shortcut against luxon's own placement, too); occurrenceNumber counts a built-in cadence's meetings since 2000 as the expansion did.
 */
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Weekday } from "../../src/config/schema.js";
import {
  biweeklyStartsFrom,
  isoWeekNumber,
  occurrenceNumber,
  occurrencesFrom,
  occurrenceStartingAt,
  placeInZone,
  placeInZoneByLuxon,
  type ScheduleSeries,
} from "../../src/domain/schedule.js";

const DAYS: Weekday[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const ZONES = Intl.supportedValuesOf("timeZone");
// Zones with odd changes: a skipped day (Samoa 2011, Kiribati 1994), midnight changes, 30-minute and 2-hour DST.
const ODD_ZONES = ["Pacific/Apia", "Pacific/Kiritimati", "America/Santiago", "Asia/Beirut", "Australia/Lord_Howe", "Antarctica/Troll"];

const series = fc.record({
  cadence: fc.constant("biweekly"),
  weeks: fc.constantFrom("odd" as const, "even" as const),
  day: fc.constantFrom(...DAYS),
  time: fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
    .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`),
  duration: fc.constantFrom(15, 60, 90, 600),
  timezone: fc.oneof(fc.constantFrom(...ZONES), fc.constantFrom(...ODD_ZONES, "Europe/Berlin", "America/New_York", "UTC")),
});
const now = fc.integer({ min: Date.UTC(1975, 0, 1), max: Date.UTC(2045, 0, 1) }).map((ms) => new Date(ms));

function expected(s: ScheduleSeries, at: Date, count: number) {
  return occurrencesFrom("s", s, at, count).map((o) => ({ date: o.date, startMs: Date.parse(o.start) }));
}

describe("biweeklyStartsFrom", () => {
  it("gives occurrencesFrom's meetings for any zone, day, time and date", () => {
    fc.assert(
      fc.property(series, now, fc.integer({ min: 1, max: 40 }), (s, at, count) => {
        expect(biweeklyStartsFrom(s, at, count)).toEqual(expected(s, at, count));
      }),
      { numRuns: 60 },
    );
  });

  it("gives them across daylight saving changes and skipped days", () => {
    for (const timezone of ODD_ZONES) {
      for (const time of ["00:30", "23:30"]) {
        for (const day of ["friday", "saturday"] as const) {
          const s = { cadence: "biweekly", weeks: "even" as const, day, time, duration: 60, timezone };
          // Kiribati skipped Saturday 1994-12-31, Samoa Friday 2011-12-30 (both in even weeks).
          for (const at of [new Date("1994-06-01T00:00:00Z"), new Date("2011-06-01T00:00:00Z")]) {
            expect(biweeklyStartsFrom(s, at, 30), `${timezone} ${day} ${time} ${at.toISOString()}`).toEqual(expected(s, at, 30));
          }
        }
      }
    }
  });

  it("builds the occurrence that starts at an instant as occurrencesFrom does", () => {
    const s = { cadence: "biweekly", weeks: "odd" as const, day: "monday" as const, time: "14:00", duration: 60, timezone: "Europe/Berlin" };
    const [o] = occurrencesFrom("s", s, new Date("2026-03-20T00:00:00Z"), 1);
    expect(o).toBeDefined();
    expect(occurrenceStartingAt("s", s, Date.parse(o?.start ?? ""))).toEqual(o);
  });
});

describe("isoWeekNumber", () => {
  it("is luxon's weekNumber", () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 60_000 }), (days) => {
        const ms = days * 86_400_000;
        expect(isoWeekNumber(ms)).toBe(DateTime.fromMillis(ms, { zone: "UTC" }).weekNumber);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("occurrenceNumber of a built-in cadence (counted by arithmetic)", () => {
  const date = fc.integer({ min: Date.UTC(1999, 10, 1), max: Date.UTC(2040, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
  const day = fc.constantFrom(...DAYS);
  const base = { time: "10:00", duration: 60, timezone: "Europe/Berlin" };

  it("weekly and monthly: what expanding the same rule as an RRULE counts", () => {
    const cadence = fc.oneof(
      day.map((d) => ({ day: d, cadence: "weekly", rrule: `FREQ=WEEKLY;BYDAY=${d.slice(0, 2).toUpperCase()}` })),
      fc
        .tuple(day, fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, -1 as const))
        .map(([d, nth]) => ({ day: d, nth, cadence: "monthly", rrule: `FREQ=MONTHLY;BYDAY=${nth}${d.slice(0, 2).toUpperCase()}` })),
    );
    fc.assert(
      fc.property(cadence, date, ({ rrule, ...c }, d) => {
        expect(occurrenceNumber({ ...base, ...c }, d)).toBe(occurrenceNumber({ ...base, cadence: rrule }, d));
      }),
      { numRuns: 60 },
    );
  });

  it("biweekly: the weeks of its parity since 2000-01-03, counted one by one", () => {
    fc.assert(
      fc.property(day, fc.constantFrom("odd" as const, "even" as const), date, (d, weeks, until) => {
        let n = 0;
        const end = DateTime.fromISO(until, { zone: "UTC" });
        let t = DateTime.fromISO("2000-01-03", { zone: "UTC" });
        while (t.weekday !== DAYS.indexOf(d) + 1) t = t.plus({ days: 1 });
        for (; t < end; t = t.plus({ weeks: 1 })) if (t.weekNumber % 2 === (weeks === "odd" ? 1 : 0)) n++;
        expect(occurrenceNumber({ ...base, cadence: "biweekly", weeks, day: d }, until)).toBe(n);
      }),
      { numRuns: 40 },
    );
  });
});

describe("placeInZone", () => {
  const same = (floating: Date, zone: string) => {
    const fast = placeInZone(floating, zone);
    const luxon = placeInZoneByLuxon(floating, zone);
    expect([fast.toISO(), fast.toMillis(), fast.zoneName], `${floating.toISOString()} ${zone}`).toEqual([luxon.toISO(), luxon.toMillis(), luxon.zoneName]);
  };

  it("is luxon's placement for any zone and wall-clock time", () => {
    const floating = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2060, 0, 1) }).map((ms) => new Date(ms - (ms % 60_000)));
    fc.assert(
      fc.property(fc.constantFrom(...ZONES, ...ODD_ZONES), floating, (zone, f) => same(f, zone)),
      { numRuns: 300 },
    );
  });

  it("is luxon's placement every 30 minutes of the days around each offset change", () => {
    for (const zone of [...ODD_ZONES, "Europe/Berlin", "America/New_York", "Asia/Tehran", "Europe/Dublin"]) {
      for (const year of [1994, 2011]) {
        // An offset change between two noons (read as instants): test that day and its neighbours.
        let previous = DateTime.fromObject({ year, month: 1, day: 1, hour: 12 }, { zone: "UTC" });
        for (let day = previous.plus({ days: 1 }); day.year === year; previous = day, day = day.plus({ days: 1 })) {
          if (DateTime.fromMillis(day.toMillis(), { zone }).offset === DateTime.fromMillis(previous.toMillis(), { zone }).offset) continue;
          for (let m = -30 * 60; m <= 30 * 60; m += 30) same(new Date(day.toMillis() + m * 60_000), zone);
        }
      }
    }
  });
});

describe("occurrenceNumber of an RRULE with UNTIL (placed only near UNTIL)", () => {
  it("counts the meetings before the date that start by UNTIL, as the rule without UNTIL numbers them", () => {
    const until = fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms - (ms % 60_000)));
    fc.assert(
      fc.property(
        fc.constantFrom(...ODD_ZONES, "Europe/Berlin", "America/New_York", "Pacific/Kiritimati", "Etc/GMT+12"),
        fc.constantFrom("MO", "FR", "SA"),
        fc.constantFrom("00:30", "11:00", "23:30"),
        until,
        fc.integer({ min: -20, max: 20 }),
        (timezone, byday, time, u, shift) => {
          const stamp = u.toISOString().replace(/[-:]/g, "").slice(0, 15);
          const open = { time, duration: 60, timezone, cadence: `FREQ=WEEKLY;BYDAY=${byday}` };
          const closed = { ...open, cadence: `${open.cadence};UNTIL=${stamp}Z` };
          const after = occurrencesFrom("s", open, new Date(u.getTime() - 3 * 86_400_000), 10).find((o) => Date.parse(o.start) > u.getTime());
          const date = DateTime.fromJSDate(u, { zone: "UTC" }).plus({ days: shift }).toISODate() ?? "";
          const stop = after !== undefined && after.date < date ? after.date : date;
          expect(occurrenceNumber(closed, date)).toBe(occurrenceNumber(open, stop));
        },
      ),
      { numRuns: 25 },
    );
  });
});
