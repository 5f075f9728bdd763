import { TEAM_IAAS } from "../fixtures/acme.js";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { parseConfigText, seriesLabel } from "../../src/config/load.js";
import { occurrencesFrom, seriesRRule, type ScheduleSeries } from "../../src/domain/schedule.js";
import {
  biweeklyRuns,
  localTimeLine,
  seriesCalendar,
  utcLine,
  utcLink,
  vtimezone,
  type CalendarOptions,
  type CalendarSeries,
  type CalendarSeriesConfig,
} from "../../src/render/calendar.js";

/** The design's example: odd ISO weeks, Monday 14:00-14:30 Europe/Berlin. */
const iaas: CalendarSeriesConfig = TEAM_IAAS;
const meetup: CalendarSeriesConfig = {
  title: "Team Meetup 2025",
  duration: 60,
  timezone: "UTC",
  label: "meetup-topic",
  event: { from: "2025-02-03", to: "2025-02-14", weekdays: true, start: "09:00", timezone: "UTC", "daily-budget": 150 },
};

const options: CalendarOptions = { prodId: "-//Docket//Docket//EN", from: new Date("2025-11-20T00:00:00Z"), stamp: new Date("2025-11-20T06:00:00Z") };

interface Parsed {
  text: string;
  events: ICAL.Event[];
  /** Every instance of every VEVENT (RRULEs expanded with the file's own VTIMEZONEs) as UTC instants, sorted. */
  instants(max: number): string[];
}

/** Parses with ical.js, registering the file's VTIMEZONE blocks (and nothing else) so times resolve through them. */
function parse(text: string): Parsed {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtz of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(vtz);
  const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  return {
    text,
    events,
    instants(max) {
      const out: string[] = [];
      for (const event of events) {
        const it = event.iterator();
        for (let i = 0; i < max; i++) {
          const t = it.next();
          if (!t) break;
          out.push(t.toJSDate().toISOString());
        }
      }
      return out.sort().slice(0, max);
    },
  };
}

const calendar = (series: CalendarSeries[], extra: Partial<CalendarOptions> = {}) => parse(seriesCalendar(series, { ...options, ...extra }));
const expected = (series: ScheduleSeries, from: Date, n: number) => occurrencesFrom("s", series, from, n).map((o) => new Date(o.start).toISOString());
/** The unfolded lines of the VEVENTs (not of the VTIMEZONEs) that start with `prefix`. */
const lines = (text: string, prefix: string) =>
  text
    .replace(/\r\n[ \t]/g, "")
    .split("BEGIN:VEVENT")
    .slice(1)
    .flatMap((event) => event.split("\r\n").filter((l) => l.startsWith(prefix)));

describe("seriesCalendar: a recurring series", () => {
  it("starts on the first meeting after `from`, 14:00 local with TZID Europe/Berlin and its VTIMEZONE", () => {
    const { text, events } = calendar([{ id: "iaas", config: { ...iaas, cadence: "weekly", weeks: undefined } }]);
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.uid).toBe("iaas@docket");
    expect(event.summary).toBe("Team IaaS");
    expect(event.description).toBe('Topics: issues and pull requests labelled "agenda/iaas".');
    expect(event.startDate.toString()).toBe("2025-11-24T14:00:00");
    expect(event.startDate.zone?.tzid).toBe("Europe/Berlin");
    expect(event.startDate.toJSDate().toISOString()).toBe("2025-11-24T13:00:00.000Z");
    expect(event.endDate.toString()).toBe("2025-11-24T14:30:00");
    expect(lines(text, "DTSTART;")).toEqual(["DTSTART;TZID=Europe/Berlin:20251124T140000"]);
    expect(lines(text, "DTEND;")).toEqual(["DTEND;TZID=Europe/Berlin:20251124T143000"]);
    expect(lines(text, "RRULE:")).toEqual(["RRULE:FREQ=WEEKLY;BYDAY=MO"]);
    expect(text.match(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin\r\n/g)).toHaveLength(1);
    expect(text).toContain("DTSTAMP:20251120T060000Z");
    expect(text).toContain("PRODID:-//Docket//Docket//EN");
  });

  it("writes the RRULE of seriesRRule, and its expansion matches occurrencesFrom across daylight saving changes", () => {
    const weekly: CalendarSeriesConfig = { ...iaas, cadence: "weekly", weeks: undefined, day: "thursday" };
    const monthly: CalendarSeriesConfig = { ...iaas, cadence: "monthly", weeks: undefined, day: "friday", nth: -1, time: "16:30", duration: 60 };
    const from = new Date("2026-01-01T00:00:00Z");
    for (const series of [weekly, monthly]) {
      const parsed = calendar([{ id: "s", config: series }], { from });
      expect(lines(parsed.text, "RRULE:")).toEqual([`RRULE:${seriesRRule(series)}`]);
      // 60 weeks or months: both March and October changes, twice for the weekly one.
      expect(parsed.instants(60)).toEqual(expected(series, from, 60));
    }
  });

  it("keeps a user RRULE's phase (INTERVAL) and its UNTIL", () => {
    const every3: CalendarSeriesConfig = { ...iaas, cadence: "FREQ=WEEKLY;INTERVAL=3;BYDAY=TH;UNTIL=20270630", weeks: undefined, day: undefined };
    const from = new Date("2026-02-10T00:00:00Z");
    const parsed = calendar([{ id: "s", config: every3 }], { from });
    expect(lines(parsed.text, "RRULE:")).toEqual(["RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=TH;UNTIL=20270630T215959Z"]);
    const want = expected(every3, from, 100);
    expect(want.length).toBeLessThan(100);
    expect(parsed.instants(100)).toEqual(want);
  });

  it("leaves out a series whose UNTIL has passed", () => {
    const ended: CalendarSeriesConfig = { ...iaas, cadence: "FREQ=WEEKLY;BYDAY=MO;UNTIL=20240101", weeks: undefined, day: undefined };
    const { events } = calendar(
      [
        { id: "old", config: ended },
        { id: "meetup", config: meetup },
      ],
      { from: new Date("2025-01-01T00:00:00Z") },
    );
    expect(events.map((e) => e.uid)).not.toContain("old@docket");
    expect(events).toHaveLength(10);
  });

  it("starts on a regular meeting, not on one a DST gap moved", () => {
    // 02:30 does not exist in Berlin on 2026-03-29; that Sunday's meeting is at 03:30.
    const night: CalendarSeriesConfig = { ...iaas, cadence: "weekly", weeks: undefined, day: "sunday", time: "02:30" };
    const from = new Date("2026-03-28T00:00:00Z");
    expect(occurrencesFrom("s", night, from, 1)[0]?.start).toBe("2026-03-29T03:30:00.000+02:00");
    const { events } = calendar([{ id: "s", config: night }], { from });
    expect(events[0]!.startDate.toString()).toBe("2026-04-05T02:30:00");
  });
});

describe("seriesCalendar: a biweekly series keeps its ISO week parity", () => {
  it("expands to occurrencesFrom's dates through ISO week 53 of 2026: 2026-12-28 and 2027-01-04 (odd weeks)", () => {
    const from = new Date("2026-10-01T00:00:00Z");
    const parsed = calendar([{ id: "iaas", config: iaas }], { from });
    const want = expected(iaas, from, 170);
    expect(want).toContain("2026-12-28T13:00:00.000Z");
    expect(want).toContain("2027-01-04T13:00:00.000Z");
    expect(want).toContain("2032-12-27T13:00:00.000Z");
    expect(want).toContain("2033-01-03T13:00:00.000Z");
    // Six and a half years: every October and March change, and the next week 53 (2032) as well.
    expect(parsed.instants(170)).toEqual(want);
    expect(lines(parsed.text, "RRULE:")).toEqual([
      "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=MO;UNTIL=20261228T130000Z",
      "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=MO;UNTIL=20321227T130000Z",
      "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=MO",
    ]);
    expect(parsed.events.map((e) => e.uid)).toEqual(["iaas@docket", "iaas-2027-01-04@docket", "iaas-2033-01-03@docket"]);
    expect(parsed.events.map((e) => e.startDate.toString())).toEqual(["2026-10-05T14:00:00", "2027-01-04T14:00:00", "2033-01-03T14:00:00"]);
  });

  it("does the same for even weeks (three weeks apart after a week 53) and another zone", () => {
    const even: CalendarSeriesConfig = { ...iaas, weeks: "even", day: "wednesday", time: "09:00", timezone: "America/New_York" };
    const from = new Date("2026-06-01T00:00:00Z");
    const parsed = calendar([{ id: "e", config: even }], { from });
    const want = expected(even, from, 80);
    expect(want).toContain("2026-12-23T14:00:00.000Z");
    expect(want).toContain("2027-01-13T14:00:00.000Z");
    expect(parsed.instants(80)).toEqual(want);
    expect(lines(parsed.text, "DTSTART;TZID=America/New_York")).toHaveLength(3);
  });

  it("writes runs only up to `years` ahead, the last one open-ended", () => {
    const runs = biweeklyRuns("iaas", iaas, new Date("2026-10-01T00:00:00Z"), 2);
    expect(runs.map((r) => [r.first.date, r.rrule])).toEqual([
      ["2026-10-05", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=MO;UNTIL=20261228T130000Z"],
      ["2027-01-04", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=MO"],
    ]);
    expect(() => biweeklyRuns("x", { ...iaas, cadence: "weekly" }, new Date())).toThrow(/biweekly/);
  });

  it("is written in runs because ical.js misreads the BYWEEKNO rule seriesRRule uses", () => {
    // If this starts failing, ical.js reads BYWEEKNO with BYDAY correctly now.
    const rule = ICAL.Recur.fromString(seriesRRule(iaas));
    const it = rule.iterator(ICAL.Time.fromDateTimeString("2026-10-05T14:00:00"));
    const dates = [1, 2, 3].map(() => it.next().toString().slice(0, 10));
    expect(dates).toEqual(["2026-10-05", "2026-10-12", "2026-10-19"]); // every week, not every other
  });
});

describe("seriesCalendar: a multi-day event", () => {
  it("has one VEVENT per day, from the start for the daily budget, with stable UIDs", () => {
    const { text, events } = calendar([{ id: "meetup-2025", config: meetup }]);
    expect(events).toHaveLength(10);
    expect(events.map((e) => e.uid)).toEqual(["03", "04", "05", "06", "07", "10", "11", "12", "13", "14"].map((d) => `meetup-2025-2025-02-${d}@docket`));
    expect(events.every((e) => !e.isRecurring())).toBe(true);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe("2025-02-03T09:00:00.000Z");
    expect(events[0]!.endDate.toJSDate().toISOString()).toBe("2025-02-03T11:30:00.000Z");
    expect(lines(text, "DTSTART")).toContain("DTSTART:20250203T090000Z");
    expect(text).not.toContain("BEGIN:VTIMEZONE");
  });

  it("places each day in its zone across a DST change", () => {
    const berlin = { ...meetup, event: { ...meetup.event!, from: "2025-03-28", to: "2025-03-31", weekdays: false, timezone: "Europe/Berlin" } };
    const { events } = calendar([{ id: "m", config: berlin }]);
    expect(events.map((e) => e.startDate.toString())).toEqual(["2025-03-28T09:00:00", "2025-03-29T09:00:00", "2025-03-30T09:00:00", "2025-03-31T09:00:00"]);
    expect(events.map((e) => e.startDate.toJSDate().toISOString().slice(11, 16))).toEqual(["08:00", "08:00", "07:00", "07:00"]);
  });
});

describe("seriesCalendar: the file", () => {
  it("puts several series in one calendar, each zone's VTIMEZONE once", () => {
    const ny: CalendarSeriesConfig = { ...iaas, title: "NY", cadence: "weekly", weeks: undefined, timezone: "America/New_York" };
    const { text, events } = calendar(
      [
        { id: "iaas", config: iaas },
        { id: "scs", config: { ...iaas, title: "SCS", weeks: "even" } },
        { id: "ny", config: ny },
        { id: "meetup", config: { ...meetup, event: { ...meetup.event!, from: "2026-02-02", to: "2026-02-03" } } },
      ],
      { name: "Docket", url: "https://example.org/docket.ics" },
    );
    expect(events.map((e) => e.uid)).toEqual([
      "iaas@docket",
      "iaas-2027-01-04@docket",
      "iaas-2033-01-03@docket",
      "scs@docket",
      "scs-2027-01-11@docket",
      "scs-2033-01-10@docket",
      "ny@docket",
      "meetup-2026-02-02@docket",
      "meetup-2026-02-03@docket",
    ]);
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(2);
    expect(text).toContain("X-WR-CALNAME:Docket");
    expect(text).toContain("\r\nURL:https://example.org/docket.ics\r\n");
  });

  it("takes the series as the config loader gives them", () => {
    const loaded = parseConfigText(
      [
        "meetings:",
        "  iaas: { title: Team IaaS, cadence: biweekly, weeks: odd, day: monday, time: '14:00', duration: 30m, timezone: Europe/Berlin, label: agenda/iaas }",
        "  meetup-2025:",
        "    title: Team Meetup 2025",
        "    event: { from: 2025-02-03, to: 2025-02-14, weekdays: true, start: '09:00', timezone: UTC, daily-budget: 2h30m }",
      ].join("\n"),
    );
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const series: CalendarSeries[] = Object.entries(loaded.config.meetings).map(([id, config]) => ({
      id,
      config: { ...config, label: seriesLabel(id, config) },
    }));
    const { events } = calendar(series, { from: new Date("2025-01-01T00:00:00Z") });
    expect(events.map((e) => e.uid).filter((uid) => uid.startsWith("iaas"))).toEqual(["iaas@docket", "iaas-2027-01-04@docket", "iaas-2033-01-03@docket"]);
    expect(events[0]!.startDate.toString()).toBe("2025-01-13T14:00:00");
    expect(events.filter((e) => e.uid.startsWith("meetup-2025-"))).toHaveLength(10);
    expect(events.at(-1)!.description).toBe('Topics: issues and pull requests labelled "agenda/meetup-2025".');
  });

  it("is deterministic: same input, same bytes; DTSTAMP defaults to `from`", () => {
    const a = seriesCalendar([{ id: "iaas", config: iaas }], { prodId: "//Docket//Docket//EN", from: new Date("2025-11-20T00:00:00Z") });
    const b = seriesCalendar([{ id: "iaas", config: iaas }], { prodId: "//Docket//Docket//EN", from: new Date("2025-11-20T00:00:00Z") });
    expect(a).toBe(b);
    expect(a).toContain("DTSTAMP:20251120T000000Z");
    expect(a).toContain("PRODID:-//Docket//Docket//EN");
  });

  it("writes a UTC series in UTC, an alias zone under its own name, and takes another UID domain", () => {
    const { text, events } = calendar(
      [
        { id: "u", config: { ...iaas, cadence: "weekly", weeks: undefined, timezone: "UTC" } },
        { id: "k", config: { ...iaas, cadence: "weekly", weeks: undefined, timezone: "Europe/Kiev" } },
      ],
      { domain: "docket.example.org" },
    );
    expect(lines(text, "DTSTART")).toEqual(expect.arrayContaining(["DTSTART:20251124T140000Z", "DTSTART;TZID=Europe/Kiev:20251124T140000"]));
    expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Kiev\r\nX-LIC-LOCATION:Europe/Kiev\r\n");
    expect(events.map((e) => e.uid)).toEqual(["u@docket.example.org", "k@docket.example.org"]);
    expect(events[1]!.startDate.toJSDate().toISOString()).toBe("2025-11-24T12:00:00.000Z");
  });

  it("escapes text as RFC 5545 asks", () => {
    const { events } = calendar([{ id: "x", config: { ...meetup, title: "Sync; planning, and\nmore", label: "a,b" } }]);
    expect(events[0]!.summary).toBe("Sync; planning, and\nmore");
    expect(events[0]!.description).toBe('Topics: issues and pull requests labelled "a,b".');
  });
});

describe("seriesCalendar: where", () => {
  const hostile = `Room 4; Building B, \\main\\ <!-- docket:end agenda --> END:VEVENT${" and a long way down the corridor".repeat(4)}`;

  it("writes the location as LOCATION and the join link as URL, escaped and folded, as ical.js reads them", () => {
    const { text, events } = calendar([
      { id: "iaas", config: { ...iaas, cadence: "weekly", weeks: undefined, location: hostile, "join-url": "https://meet.example.org/iaas?room=a,b;c" } },
    ]);
    expect(events).toHaveLength(1);
    expect(events[0]!.location).toBe(hostile);
    // A URI is not escaped in iCalendar: `,` and `;` are percent-encoded instead, which means the same link.
    expect(events[0]!.component.getFirstPropertyValue("url")).toBe("https://meet.example.org/iaas?room=a%2Cb%3Bc");
    // Folded at 75 octets: no line of the file is longer, and the hostile text ends no VEVENT.
    expect(text.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(text.split("\r\n").filter((line) => line === "END:VEVENT")).toHaveLength(1);
  });

  it("takes an event's own location and join link over the series'", () => {
    const config = {
      ...meetup,
      location: "Series room",
      "join-url": "https://meet.example.org/series",
      event: { ...meetup.event!, location: "Event hall\nfloor 2", "join-url": "https://meet.example.org/event" },
    };
    const { events } = calendar([{ id: "meetup-2025", config }]);
    expect(events.map((e) => e.location)).toEqual(Array(10).fill("Event hall floor 2"));
    expect(events.map((e) => e.component.getFirstPropertyValue("url"))).toEqual(Array(10).fill("https://meet.example.org/event"));
  });

  it("writes no URL that is not http(s), and the location all the same", () => {
    const { text } = calendar([
      { id: "iaas", config: { ...iaas, cadence: "weekly", weeks: undefined, location: "Room 4", "join-url": "javascript:alert(1)" } },
    ]);
    expect(lines(text, "LOCATION")).toEqual(["LOCATION:Room 4"]);
    expect(lines(text, "URL")).toEqual([]);
  });
});

describe("vtimezone", () => {
  it("gives the library's block under the zone's own name, null for UTC, and refuses a zone it does not know", () => {
    expect(vtimezone("Europe/Berlin")?.tzid).toBe("Europe/Berlin");
    expect(vtimezone("Asia/Calcutta")?.block).toMatch(/^BEGIN:VTIMEZONE\r\nTZID:Asia\/Calcutta\r\n[\s\S]*TZOFFSETTO:\+0530/);
    expect(vtimezone("GMT")).toBeNull();
    expect(vtimezone("Europe/Berlin")?.block).toMatch(/^BEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin\r\n[\s\S]*END:VTIMEZONE$/);
    expect(vtimezone("UTC")).toBeNull();
    expect(vtimezone("Etc/UTC")).toBeNull();
    expect(() => vtimezone("Mars/Olympus_Mons")).toThrow(/no VTIMEZONE/);
  });
});

describe("the time in the reader's zone", () => {
  const occurrence = { start: "2023-12-04T14:00:00.000+01:00", timezone: "Europe/Berlin" };

  it("links timeanddate.com's fixed-time page at the UTC instant", () => {
    expect(utcLink(occurrence)).toBe("https://www.timeanddate.com/worldclock/fixedtime.html?iso=20231204T1300&p1=1440");
    expect(utcLink(occurrence, "Team IaaS — 2023-12-04")).toBe(
      "https://www.timeanddate.com/worldclock/fixedtime.html?msg=Team+IaaS+%E2%80%94+2023-12-04&iso=20231204T1300&p1=1440",
    );
    expect(utcLink({ start: "2024-07-01T14:00:00.000+02:00" })).toContain("iso=20240701T1200&");
    expect(() => utcLink({ start: "soon" })).toThrow(/invalid start/);
  });

  it('says "14:00 Europe/Berlin = 13:00 UTC", with the UTC date when it differs', () => {
    expect(utcLine(occurrence)).toBe("14:00 Europe/Berlin = 13:00 UTC");
    expect(utcLine({ start: "2024-07-01T14:00:00.000+02:00", timezone: "Europe/Berlin" })).toBe("14:00 Europe/Berlin = 12:00 UTC");
    expect(utcLine({ start: "2023-12-05T00:30:00.000+09:00", timezone: "Asia/Tokyo" })).toBe("00:30 Asia/Tokyo = 15:30 UTC on 4 December");
    expect(utcLine({ start: "2025-02-03T09:00:00.000Z", timezone: "UTC" })).toBe("09:00 UTC");
    expect(localTimeLine(occurrence, "Team IaaS")).toBe(
      "14:00 Europe/Berlin = 13:00 UTC ([in your time zone](https://www.timeanddate.com/worldclock/fixedtime.html?msg=Team+IaaS&iso=20231204T1300&p1=1440))",
    );
  });
});
