/**
 * One calendar per track of a multi-track gathering (trackCalendars), read back with ical.js
 * (Mozilla's parser): a calendar per track, the joint sessions in each of their tracks' calendars
 * as one event (same UID, same bytes), the times right on both sides of a change to summer time,
 * and what the calendars' readers may not read left out.
 */
import ICAL from "ical.js";
import { readCalendar } from "../helpers/ical.js";
import { describe, expect, it } from "vitest";
import type { Audience } from "../../src/domain/visibility.js";
import { trackCalendars, type TrackCalendarInput } from "../../src/render/calendar.js";
import { ptgCandidates, ptgGathering, ptgSeries } from "../helpers/gathering.js";

// Friday 27 March and Monday 30 March 2026 (weekdays only): Europe/Berlin moves to summer time on Sunday 29 March.
const series = ptgSeries();
const event = series.event!;
const candidates = ptgCandidates();
const gathering = ptgGathering(series, candidates);
const PUBLIC: Audience = { visibility: "public", owner: "acme" };
const input: TrackCalendarInput = {
  seriesId: "ptg",
  title: series.title,
  event,
  gathering,
  pads: { [candidates[1]!.topic.id]: "https://pad.example.org/joint-1" },
  audience: PUBLIC,
};
const options = { prodId: "-//Docket//Docket//EN", domain: "docket.acme", stamp: new Date("2026-03-01T06:00:00Z") };

const parse = readCalendar;
/** The unfolded VEVENT blocks of a file. */
const vevents = (text: string) => text.replace(/\r\n[ \t]/g, "").match(/BEGIN:VEVENT[\s\S]*?END:VEVENT/g) ?? [];

describe("trackCalendars", () => {
  it("writes one calendar per track, named after the event and the track, with the track's sessions in the event's zone across the change to summer time", () => {
    const { calendars, hidden } = trackCalendars(input, options);
    expect(calendars.map((c) => c.track.id)).toEqual(["edge", "tripleo", "nova"]);
    const [edge, tripleo, nova] = calendars.map((c) => parse(c.text));
    expect([edge!.name, tripleo!.name, nova!.name]).toEqual(["PTG 2026 — Edge computing", "PTG 2026 — TripleO", "PTG 2026 — Nova"]);
    const times = (c: ReturnType<typeof parse>) => c.events.map((e) => [e.summary, e.start, e.end]);
    // Friday 09:00 in Berlin is 08:00 UTC; TripleO starts at 10:00 and is full on Friday, so its hour moves to Monday, 10:00 summer time (08:00 UTC).
    expect(times(edge!)).toEqual([
      ["Edge intro", "2026-03-27T08:00:00.000Z", "2026-03-27T09:00:00.000Z"],
      ["Edge, meet TripleO", "2026-03-27T09:00:00.000Z", "2026-03-27T09:30:00.000Z"],
      ["Nova at the edge", "2026-03-27T09:30:00.000Z", "2026-03-27T10:00:00.000Z"],
    ]);
    expect(times(tripleo!)).toEqual([
      ["Edge, meet TripleO", "2026-03-27T09:00:00.000Z", "2026-03-27T09:30:00.000Z"],
      ["TripleO upgrades", "2026-03-30T08:00:00.000Z", "2026-03-30T09:00:00.000Z"],
    ]);
    expect(calendars[1]!.text).toContain("DTSTART;TZID=Europe/Berlin:20260330T100000");
    expect(calendars[1]!.text).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin");
    // The private topic is left out of the published calendars, counted.
    expect(times(nova!)).toEqual([["Nova at the edge", "2026-03-27T09:30:00.000Z", "2026-03-27T10:00:00.000Z"]]);
    expect(hidden).toBe(1);
    expect(calendars.map((c) => c.events)).toEqual([3, 2, 1]);
  });

  it("puts a joint session into each of its tracks' calendars as the same event: same UID, same bytes, naming all its tracks and rooms", () => {
    const { calendars } = trackCalendars(input, options);
    const [edge, tripleo] = calendars.map((c) => parse(c.text));
    const joint = edge!.events.find((e) => e.summary === "Edge, meet TripleO")!;
    expect(joint).toEqual({
      uid: `ptg-session-${candidates[1]!.topic.id}@docket.acme`,
      summary: "Edge, meet TripleO",
      location: "Room A, Room B",
      description: "Joint session of Edge computing and TripleO.\nTopic: acme/edge#2\nNotes: https://pad.example.org/joint-1",
      url: "https://github.com/acme/edge/issues/2",
      start: "2026-03-27T09:00:00.000Z",
      end: "2026-03-27T09:30:00.000Z",
    });
    expect(tripleo!.events.find((e) => e.uid === joint.uid)).toEqual(joint);
    const block = (text: string) => vevents(text).find((v) => v.includes(`UID:${joint.uid}`));
    expect(block(calendars[1]!.text)).toBe(block(calendars[0]!.text));
    // A session of one track says only its topic; its room is its track's.
    expect(edge!.events[0]).toMatchObject({ location: "Room A", description: "Topic: acme/edge#1" });
  });

  it("shows a private topic in calendars published where only its owner's members read; gives the same bytes for the same gathering", () => {
    const inside = trackCalendars({ ...input, audience: { visibility: "private", owner: "acme" } }, options);
    expect(inside.hidden).toBe(0);
    expect(parse(inside.calendars[2]!.text).events.map((e) => e.summary)).toEqual(["Nova secrets", "Nova at the edge"]);
    expect(trackCalendars(input, options)).toEqual(trackCalendars(input, options));
  });

  it("marks every session of a cancelled event STATUS:CANCELLED, keeping it in the calendars", () => {
    const status = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((v) => v.getFirstPropertyValue("status"));
    expect(trackCalendars({ ...input, cancelled: true }, options).calendars.map((c) => status(c.text))).toEqual([
      Array(3).fill("CANCELLED"),
      Array(2).fill("CANCELLED"),
      ["CANCELLED"],
    ]);
    expect(status(trackCalendars(input, options).calendars[1]!.text)).toEqual([null, null]);
  });
});
