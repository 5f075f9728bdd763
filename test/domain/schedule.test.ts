import { TEAM_IAAS } from "../fixtures/acme.js";
import { DateTime } from "luxon";
import rrulePkg from "rrule";
import { describe, expect, it } from "vitest";
import {
  RRULE_ANCHOR,
  eventDays,
  nextOccurrence,
  occurrenceNumber,
  occurrenceOn,
  occurrencesFrom,
  previousOccurrence,
  seriesRRule,
  validateRRule,
  type ScheduleSeries,
} from "../../src/domain/schedule.js";

const { RRule } = rrulePkg;

/** The design's example: odd ISO weeks, Monday 14:00-14:30 Europe/Berlin. */
const iaas: ScheduleSeries = TEAM_IAAS;
const even: ScheduleSeries = { ...iaas, weeks: "even" };

const at = (iso: string) => new Date(iso);
const starts = (series: ScheduleSeries, now: string, count: number) => occurrencesFrom("s", series, at(now), count).map((o) => o.start);
const dates = (series: ScheduleSeries, now: string, count: number) => occurrencesFrom("s", series, at(now), count).map((o) => o.date);
const utc = (iso: string) => new Date(iso).toISOString();

describe("seriesRRule", () => {
  it("weekly: one BYDAY", () => {
    expect(seriesRRule({ ...iaas, cadence: "weekly", weeks: undefined, day: "thursday" })).toBe("FREQ=WEEKLY;BYDAY=TH");
  });

  it("biweekly odd: the odd ISO weeks 1..53, not INTERVAL=2", () => {
    const rule = seriesRRule(iaas);
    expect(rule).toBe("FREQ=YEARLY;BYWEEKNO=1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31,33,35,37,39,41,43,45,47,49,51,53;BYDAY=MO;WKST=MO");
    expect(rule).not.toContain("INTERVAL");
  });

  it("biweekly even: the even ISO weeks 2..52", () => {
    expect(seriesRRule(even)).toBe("FREQ=YEARLY;BYWEEKNO=2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32,34,36,38,40,42,44,46,48,50,52;BYDAY=MO;WKST=MO");
  });

  it("monthly: nth weekday, -1 for the last", () => {
    const monthly = { ...iaas, cadence: "monthly", weeks: undefined };
    expect(seriesRRule({ ...monthly, day: "tuesday", nth: 1 })).toBe("FREQ=MONTHLY;BYDAY=1TU");
    expect(seriesRRule({ ...monthly, day: "friday", nth: -1 })).toBe("FREQ=MONTHLY;BYDAY=-1FR");
    expect(seriesRRule({ ...monthly, day: "thursday", nth: 4 })).toBe("FREQ=MONTHLY;BYDAY=4TH");
    expect(seriesRRule({ ...monthly, day: "monday", nth: undefined })).toBe("FREQ=MONTHLY;BYDAY=1MO");
  });

  it("a user RRULE is normalised: no RRULE: prefix, upper case, no spaces or trailing ;", () => {
    expect(seriesRRule({ ...iaas, weeks: undefined, cadence: "rrule:freq=weekly; interval=3;byday=th;" })).toBe("FREQ=WEEKLY;INTERVAL=3;BYDAY=TH");
  });

  it("a user UNTIL is written in UTC, as RFC 5545 requires with a TZID DTSTART; a date includes that local day", () => {
    const base = { ...iaas, weeks: undefined };
    expect(seriesRRule({ ...base, cadence: "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231" })).toBe("FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231T225959Z");
    expect(seriesRRule({ ...base, cadence: "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260701T140000" })).toBe("FREQ=WEEKLY;BYDAY=MO;UNTIL=20260701T120000Z");
    expect(seriesRRule({ ...base, cadence: "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260701T140000Z" })).toBe("FREQ=WEEKLY;BYDAY=MO;UNTIL=20260701T140000Z");
  });

  it("every built-in rule parses as RFC 5545 (rrule) and round-trips", () => {
    const rules = [
      seriesRRule(iaas),
      seriesRRule(even),
      seriesRRule({ ...iaas, cadence: "weekly", weeks: undefined }),
      seriesRRule({ ...iaas, cadence: "monthly", weeks: undefined, nth: -1, day: "friday" }),
    ];
    for (const rule of rules) {
      expect(validateRRule(rule)).toBeNull();
      const parsed = RRule.fromString(`RRULE:${rule}`);
      expect(parsed.options.freq).toBeTypeOf("number");
    }
  });

  it("throws for a series without cadence (a multi-day event)", () => {
    expect(() => seriesRRule({ duration: 60, timezone: "UTC" })).toThrow(/eventDays/);
  });
});

describe("biweekly by ISO week parity", () => {
  it("odd weeks: next after Wednesday 2023-11-29 is Monday 2023-12-04 (week 49) at 14:00 Berlin", () => {
    const next = nextOccurrence("iaas", iaas, at("2023-11-29T10:00:00Z"));
    expect(next).toEqual({
      seriesId: "iaas",
      date: "2023-12-04",
      start: "2023-12-04T14:00:00.000+01:00",
      end: "2023-12-04T14:30:00.000+01:00",
      timezone: "Europe/Berlin",
    });
    expect(DateTime.fromISO("2023-12-04").weekNumber).toBe(49);
  });

  it("odd weeks: every other Monday, 2023-12-04, 12-18, 2024-01-01 (2023 has 52 weeks)", () => {
    expect(dates(iaas, "2023-11-29T10:00:00Z", 3)).toEqual(["2023-12-04", "2023-12-18", "2024-01-01"]);
  });

  it("ISO week 53 of 2026: odd weeks meet 2026-12-28 (W53) AND 2027-01-04 (W01), a week apart", () => {
    expect(DateTime.fromISO("2026-12-28").weekNumber).toBe(53);
    expect(dates(iaas, "2026-12-01T00:00:00Z", 4)).toEqual(["2026-12-14", "2026-12-28", "2027-01-04", "2027-01-18"]);
  });

  it("ISO week 53 of 2026: even weeks meet 2026-12-21 (W52) then 2027-01-11 (W02), three weeks apart", () => {
    expect(dates(even, "2026-12-01T00:00:00Z", 4)).toEqual(["2026-12-07", "2026-12-21", "2027-01-11", "2027-01-25"]);
  });

  it("every date over 30 years is in a week of the right parity, on the right weekday, and none is missed", () => {
    for (const [series, parity] of [
      [iaas, 1],
      [even, 0],
    ] as const) {
      const got = dates(series, "2020-01-01T00:00:00Z", 800);
      for (const d of got) {
        const dt = DateTime.fromISO(d);
        expect(dt.weekday).toBe(1);
        expect(dt.weekNumber % 2).toBe(parity);
      }
      const expected: string[] = [];
      for (let d = DateTime.fromISO("2020-01-06"); expected.length < 800; d = d.plus({ weeks: 1 })) {
        if (d.weekNumber % 2 === parity) expected.push(d.toISODate() ?? "");
      }
      expect(got).toEqual(expected);
    }
  });

  it("weekend days at a year boundary follow ISO weeks (2011-01-01 is a Saturday of 2010-W52, even)", () => {
    const saturday = { ...iaas, day: "saturday" as const };
    expect(occurrenceOn("s", saturday, "2011-01-01")).toBeNull();
    expect(occurrenceOn("s", { ...saturday, weeks: "even" }, "2011-01-01")?.start).toBe("2011-01-01T14:00:00.000+01:00");
  });
});

describe("daylight saving time: the local time stays, the UTC time moves", () => {
  it("end of DST in Berlin: 2023-10-16 14:00 is 12:00Z, 2023-10-30 14:00 is 13:00Z (even weeks)", () => {
    const [before, after] = occurrencesFrom("s", even, at("2023-10-10T00:00:00Z"), 2);
    expect(before?.start).toBe("2023-10-16T14:00:00.000+02:00");
    expect(after?.start).toBe("2023-10-30T14:00:00.000+01:00");
    expect(utc(before?.start ?? "")).toBe("2023-10-16T12:00:00.000Z");
    expect(utc(after?.start ?? "")).toBe("2023-10-30T13:00:00.000Z");
    expect(after?.end).toBe("2023-10-30T14:30:00.000+01:00");
  });

  it("start of DST in Berlin: weekly Monday 2024-03-25 14:00+01:00, then 2024-04-01 14:00+02:00", () => {
    const weekly = { ...iaas, cadence: "weekly", weeks: undefined };
    expect(starts(weekly, "2024-03-20T00:00:00Z", 2)).toEqual(["2024-03-25T14:00:00.000+01:00", "2024-04-01T14:00:00.000+02:00"]);
  });

  it("a time in the spring-forward gap is shifted forward by the gap: Sunday 02:30 on 2024-03-31 is 03:30+02:00", () => {
    const night = { ...iaas, cadence: "weekly", weeks: undefined, day: "sunday" as const, time: "02:30" };
    expect(starts(night, "2024-03-24T12:00:00Z", 2)).toEqual(["2024-03-31T03:30:00.000+02:00", "2024-04-07T02:30:00.000+02:00"]);
    expect(occurrenceOn("s", night, "2024-03-31")?.date).toBe("2024-03-31");
  });

  it("a time that occurs twice (fall back) is the first one: Sunday 02:30 on 2024-10-27 is 02:30+02:00 (00:30Z)", () => {
    const night = { ...iaas, cadence: "weekly", weeks: undefined, day: "sunday" as const, time: "02:30" };
    const occ = occurrenceOn("s", night, "2024-10-27");
    expect(occ?.start).toBe("2024-10-27T02:30:00.000+02:00");
    expect(utc(occ?.start ?? "")).toBe("2024-10-27T00:30:00.000Z");
  });

  it("America/New_York: Tuesday 09:00 is 14:00Z before 2024-03-10 and 13:00Z after", () => {
    const ny: ScheduleSeries = { cadence: "weekly", day: "tuesday", time: "09:00", duration: 60, timezone: "America/New_York" };
    const [a, b] = occurrencesFrom("ny", ny, at("2024-03-01T00:00:00Z"), 2);
    expect([a?.start, b?.start]).toEqual(["2024-03-05T09:00:00.000-05:00", "2024-03-12T09:00:00.000-04:00"]);
    expect([utc(a?.start ?? ""), utc(b?.start ?? "")]).toEqual(["2024-03-05T14:00:00.000Z", "2024-03-12T13:00:00.000Z"]);
    expect(b?.end).toBe("2024-03-12T10:00:00.000-04:00");
  });

  it("Australia/Lord_Howe (a 30-minute DST shift): Monday 10:00 is +10:30, then +11:00 after 2024-10-06", () => {
    const lh: ScheduleSeries = { cadence: "weekly", day: "monday", time: "10:00", duration: 30, timezone: "Australia/Lord_Howe" };
    expect(starts(lh, "2024-09-25T00:00:00Z", 2)).toEqual(["2024-09-30T10:00:00.000+10:30", "2024-10-07T10:00:00.000+11:00"]);
  });

  it("Australia/Lord_Howe gap is 30 minutes: 02:15 on 2024-10-06 becomes 02:45", () => {
    const lh: ScheduleSeries = { cadence: "weekly", day: "sunday", time: "02:15", duration: 30, timezone: "Australia/Lord_Howe" };
    expect(occurrenceOn("lh", lh, "2024-10-06")?.start).toBe("2024-10-06T02:45:00.000+11:00");
  });
});

describe("other zones and cadences", () => {
  it("Asia/Kolkata (+05:30): monthly first Tuesday 18:30", () => {
    const ind: ScheduleSeries = { cadence: "monthly", day: "tuesday", nth: 1, time: "18:30", duration: 45, timezone: "Asia/Kolkata" };
    const next = nextOccurrence("in", ind, at("2024-01-01T00:00:00Z"));
    expect(next).toMatchObject({ date: "2024-01-02", start: "2024-01-02T18:30:00.000+05:30", end: "2024-01-02T19:15:00.000+05:30" });
    expect(utc(next?.start ?? "")).toBe("2024-01-02T13:00:00.000Z");
  });

  it("UTC: the offset is written as Z", () => {
    const u: ScheduleSeries = { cadence: "weekly", day: "friday", time: "09:00", duration: 15, timezone: "UTC" };
    expect(nextOccurrence("u", u, at("2025-02-03T00:00:00Z"))?.start).toBe("2025-02-07T09:00:00.000Z");
  });

  it("weekly: every Monday, also across a year end", () => {
    const weekly = { ...iaas, cadence: "weekly", weeks: undefined };
    expect(dates(weekly, "2026-12-20T00:00:00Z", 4)).toEqual(["2026-12-21", "2026-12-28", "2027-01-04", "2027-01-11"]);
  });

  it("monthly first Tuesday: 2024-01-02, 02-06, 03-05, 04-02", () => {
    const m: ScheduleSeries = { ...iaas, cadence: "monthly", weeks: undefined, day: "tuesday", nth: 1 };
    expect(dates(m, "2024-01-01T00:00:00Z", 4)).toEqual(["2024-01-02", "2024-02-06", "2024-03-05", "2024-04-02"]);
  });

  it("monthly last Friday: the 5th Friday in a month that has five (March 2024: 1, 8, 15, 22, 29)", () => {
    const m: ScheduleSeries = { ...iaas, cadence: "monthly", weeks: undefined, day: "friday", nth: -1 };
    expect(dates(m, "2024-01-01T00:00:00Z", 4)).toEqual(["2024-01-26", "2024-02-23", "2024-03-29", "2024-04-26"]);
  });

  it("monthly 4th Thursday is not the last: 2024-10-24 (October has a 5th, the 31st), then 2024-11-28", () => {
    const m: ScheduleSeries = { ...iaas, cadence: "monthly", weeks: undefined, day: "thursday", nth: 4 };
    expect(dates(m, "2024-10-01T00:00:00Z", 2)).toEqual(["2024-10-24", "2024-11-28"]);
  });
});

describe("user RRULE", () => {
  const every3: ScheduleSeries = { ...iaas, weeks: undefined, cadence: "FREQ=WEEKLY;INTERVAL=3;BYDAY=TH" };

  it(`INTERVAL=3 is phased from the fixed anchor week of ${RRULE_ANCHOR}: every third Thursday`, () => {
    const got = dates(every3, "2026-12-01T00:00:00Z", 4);
    expect(got).toEqual(["2026-12-03", "2026-12-24", "2027-01-14", "2027-02-04"]);
    const anchorWeek = DateTime.fromISO(RRULE_ANCHOR, { zone: "UTC" });
    for (const d of got) {
      const weeks = DateTime.fromISO(d, { zone: "UTC" }).startOf("week").diff(anchorWeek, "weeks").weeks;
      expect(weeks % 3).toBe(0);
    }
  });

  it("the phase does not depend on when Docket asks (a search from 2025 and from 2026 agree)", () => {
    const all = dates(every3, "2025-01-01T00:00:00Z", 40);
    const later = dates(every3, "2026-12-01T00:00:00Z", 4);
    expect(all).toEqual(expect.arrayContaining(later));
  });

  it("INTERVAL=2 monthly meets in odd months (January, March, ...), daily INTERVAL=5 every fifth day since the anchor", () => {
    const m = { ...every3, cadence: "FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU" };
    expect(dates(m, "2026-12-01T00:00:00Z", 3)).toEqual(["2027-01-05", "2027-03-02", "2027-05-04"]);
    const d = { ...every3, cadence: "FREQ=DAILY;INTERVAL=5" };
    const got = dates(d, "2026-12-01T00:00:00Z", 3);
    expect(got).toEqual(["2026-12-02", "2026-12-07", "2026-12-12"]);
    const days = DateTime.fromISO(got[0] ?? "", { zone: "UTC" }).diff(DateTime.fromISO(RRULE_ANCHOR, { zone: "UTC" }), "days").days;
    expect(days % 5).toBe(0);
  });

  it("uses the series' time and zone: 14:00 Berlin on both sides of DST", () => {
    const r = { ...every3, cadence: "RRULE:FREQ=WEEKLY;BYDAY=WE" };
    expect(starts(r, "2024-10-20T00:00:00Z", 2)).toEqual(["2024-10-23T14:00:00.000+02:00", "2024-10-30T14:00:00.000+01:00"]);
  });

  it("UNTIL (a date) includes that local day, then the series has no next meeting", () => {
    const r = { ...every3, cadence: "FREQ=WEEKLY;BYDAY=MO;UNTIL=20250113" };
    expect(dates(r, "2025-01-01T00:00:00Z", 5)).toEqual(["2025-01-06", "2025-01-13"]);
    expect(nextOccurrence("s", r, at("2025-01-14T00:00:00Z"))).toBeNull();
    expect(previousOccurrence("s", r, at("2026-06-01T00:00:00Z"))?.date).toBe("2025-01-13");
  });

  it("a rule that never matches (30 February) has no occurrence, and says so quickly", () => {
    const r = { ...every3, cadence: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" };
    expect(nextOccurrence("s", r, at("2025-01-01T00:00:00Z"))).toBeNull();
  });
});

describe("now, during and after a meeting", () => {
  it("during the meeting, the next occurrence is that meeting", () => {
    expect(nextOccurrence("iaas", iaas, at("2023-12-04T13:20:00Z"))?.start).toBe("2023-12-04T14:00:00.000+01:00");
  });

  it("exactly at its start, it is that meeting", () => {
    expect(nextOccurrence("iaas", iaas, at("2023-12-04T13:00:00Z"))?.date).toBe("2023-12-04");
  });

  it("exactly at its end, it is over: the next is two weeks later", () => {
    expect(nextOccurrence("iaas", iaas, at("2023-12-04T13:30:00Z"))?.date).toBe("2023-12-18");
  });

  it("count 0 gives nothing", () => {
    expect(occurrencesFrom("iaas", iaas, at("2023-12-04T13:30:00Z"), 0)).toEqual([]);
  });

  it("the series id is carried into every occurrence", () => {
    const list = occurrencesFrom("team-iaas", iaas, at("2023-11-29T00:00:00Z"), 2);
    expect(list.map((o) => [o.seriesId, o.timezone])).toEqual([
      ["team-iaas", "Europe/Berlin"],
      ["team-iaas", "Europe/Berlin"],
    ]);
  });
});

describe("previousOccurrence", () => {
  it("is the latest meeting that started before the instant: the one whose minutes are due", () => {
    expect(previousOccurrence("iaas", iaas, at("2023-12-10T00:00:00Z"))?.start).toBe("2023-12-04T14:00:00.000+01:00");
  });

  it("while a meeting runs, it is that meeting; at its exact start, the one before", () => {
    expect(previousOccurrence("iaas", iaas, at("2023-12-04T13:10:00Z"))?.date).toBe("2023-12-04");
    expect(previousOccurrence("iaas", iaas, at("2023-12-04T13:00:00Z"))?.date).toBe("2023-11-20");
  });

  it("reaches back over a year for a yearly rule", () => {
    const yearly = { ...iaas, weeks: undefined, cadence: "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=15" };
    expect(previousOccurrence("s", yearly, at("2026-06-01T00:00:00Z"))?.date).toBe("2025-06-15");
  });
});

describe("occurrenceOn", () => {
  it("a meeting date gives its occurrence", () => {
    expect(occurrenceOn("iaas", iaas, "2023-12-04")).toEqual({
      seriesId: "iaas",
      date: "2023-12-04",
      start: "2023-12-04T14:00:00.000+01:00",
      end: "2023-12-04T14:30:00.000+01:00",
      timezone: "Europe/Berlin",
    });
  });

  it("a Monday of an even week, another weekday, or a non-date gives null", () => {
    expect(occurrenceOn("iaas", iaas, "2023-12-11")).toBeNull();
    expect(occurrenceOn("iaas", iaas, "2023-12-05")).toBeNull();
    expect(occurrenceOn("iaas", iaas, "2023-02-30")).toBeNull();
    expect(occurrenceOn("iaas", iaas, "4.12.2023")).toBeNull();
  });

  it("looks at the local date: 23:30 in Kolkata on Monday is still Monday, though UTC says 18:00", () => {
    const late: ScheduleSeries = { cadence: "weekly", day: "monday", time: "23:30", duration: 60, timezone: "Asia/Kolkata" };
    expect(occurrenceOn("s", late, "2024-01-01")?.start).toBe("2024-01-01T23:30:00.000+05:30");
    expect(occurrenceOn("s", late, "2024-01-02")).toBeNull();
  });
});

describe("occurrenceNumber (for round-robin roles)", () => {
  it("consecutive meetings get consecutive numbers, across ISO week 53", () => {
    const list = dates(iaas, "2026-12-01T00:00:00Z", 5);
    const numbers = list.map((d) => occurrenceNumber(iaas, d));
    expect(numbers.slice(1).map((n, i) => n - (numbers[i] ?? 0))).toEqual([1, 1, 1, 1]);
  });

  it("counts from the anchor: weekly Monday, 2000-01-03 is number 0 and 2000-01-10 number 1", () => {
    const weekly = { ...iaas, cadence: "weekly", weeks: undefined };
    expect(occurrenceNumber(weekly, "2000-01-03")).toBe(0);
    expect(occurrenceNumber(weekly, "2000-01-10")).toBe(1);
    expect(occurrenceNumber(weekly, "1999-06-01")).toBe(0);
  });

  it("a day without a meeting has the number of the next meeting", () => {
    expect(occurrenceNumber(iaas, "2023-12-05")).toBe(occurrenceNumber(iaas, "2023-12-18"));
  });

  it("rejects a malformed date", () => {
    expect(() => occurrenceNumber(iaas, "04.12.2023")).toThrow(/YYYY-MM-DD/);
  });
});

describe("validateRRule", () => {
  it.each([
    "FREQ=WEEKLY;BYDAY=MO",
    "RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=TH",
    "freq=monthly;byday=-1fr",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=15",
    "FREQ=DAILY",
    "FREQ=WEEKLY;BYDAY=MO;UNTIL=20200101",
    "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231T235959Z;WKST=SU",
  ])("accepts %s", (rule) => {
    expect(validateRRule(rule)).toBeNull();
  });

  it.each([
    ["FREQ=WEEKLY;BYDAY=MO;BYHOUR=9", /BYHOUR.*time/],
    ["FREQ=WEEKLY;BYDAY=MO;BYMINUTE=30", /BYMINUTE/],
    ["FREQ=HOURLY", /once a day/],
    ["FREQ=DAILY;COUNT=10", /COUNT.*UNTIL/],
    ["FREQ=WEEKLY", /needs a day/],
    ["FREQ=MONTHLY", /needs a day/],
    ["FREQ=FORTNIGHTLY;BYDAY=MO", /FREQ must be/],
    ["BYDAY=MO", /start with FREQ/],
    ["", /expected an RRULE/],
    ["every monday", /NAME=VALUE/],
    ["FREQ=WEEKLY;BYDAY=XX", /BYDAY/],
    ["FREQ=WEEKLY;BYDAY=1MO", /MONTHLY or FREQ=YEARLY/],
    ["FREQ=MONTHLY;BYDAY=0MO", /ordinal/],
    ["FREQ=WEEKLY;BYMONTHDAY=1", /BYMONTHDAY/],
    ["FREQ=MONTHLY;BYWEEKNO=1;BYDAY=MO", /BYWEEKNO needs FREQ=YEARLY/],
    ["FREQ=YEARLY;BYMONTH=13;BYMONTHDAY=1", /BYMONTH/],
    ["FREQ=MONTHLY;BYMONTHDAY=32", /BYMONTHDAY/],
    ["FREQ=WEEKLY;INTERVAL=0;BYDAY=MO", /INTERVAL/],
    ["FREQ=WEEKLY;BYDAY=MO;UNTIL=2026-12-31", /UNTIL/],
    ["FREQ=WEEKLY;BYDAY=MO;BYDAY=TU", /twice/],
    ["FREQ=YEARLY;BYEASTER=0", /not supported/],
    ["FREQ=WEEKLY;BYDAY=MO;DTSTART=20200101T000000Z", /not supported/],
    ["FREQ=DAILY;BYSETPOS=1", /BYSETPOS/],
  ])("rejects %j", (rule, message) => {
    expect(validateRRule(rule)).toMatch(message);
  });

  it("an invalid cadence is refused where it is used, with the reason", () => {
    expect(() => nextOccurrence("s", { ...iaas, weeks: undefined, cadence: "FREQ=WEEKLY;BYHOUR=9;BYDAY=MO" }, at("2025-01-01T00:00:00Z"))).toThrow(/BYHOUR/);
  });
});

describe("eventDays", () => {
  const meetup = { from: "2025-02-03", to: "2025-02-14", weekdays: true, start: "09:00", timezone: "UTC" };

  it("weekdays only: 2025-02-03..14 has 10 days, no Saturday or Sunday", () => {
    const days = eventDays(meetup);
    expect(days).toHaveLength(10);
    expect(days.map((d) => d.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(days.map((d) => d.date)).not.toContain("2025-02-08");
    expect(days.map((d) => d.date)).not.toContain("2025-02-09");
    expect(days[0]).toEqual({ index: 0, date: "2025-02-03", start: "2025-02-03T09:00:00.000Z" });
    expect(days[5]).toEqual({ index: 5, date: "2025-02-10", start: "2025-02-10T09:00:00.000Z" });
    expect(days[9]?.date).toBe("2025-02-14");
  });

  it("with weekdays: false, all 12 days, the weekend included", () => {
    const days = eventDays({ ...meetup, weekdays: false });
    expect(days).toHaveLength(12);
    expect(days[5]).toEqual({ index: 5, date: "2025-02-08", start: "2025-02-08T09:00:00.000Z" });
  });

  it("starts are local to the event's zone, across a DST change (Berlin, 2025-03-28..31)", () => {
    const days = eventDays({ from: "2025-03-28", to: "2025-03-31", weekdays: false, start: "09:00", timezone: "Europe/Berlin" });
    expect(days.map((d) => d.start)).toEqual([
      "2025-03-28T09:00:00.000+01:00",
      "2025-03-29T09:00:00.000+01:00",
      "2025-03-30T09:00:00.000+02:00",
      "2025-03-31T09:00:00.000+02:00",
    ]);
  });

  it("a one-day event on a Saturday with weekdays: true has no days", () => {
    expect(eventDays({ ...meetup, from: "2025-02-08", to: "2025-02-08" })).toEqual([]);
  });
});
