/**
 * Stable gatherings over random histories (issue 15): three tracks with their own days, starts,
 * budgets and totals; topics for one track or joint for two; topics leave and join, estimates
 * change, a track's budget changes or it drops a day, a topic changes its track labels. After
 * every step: nothing overlaps in any track, every session lies within each of its tracks' day
 * windows, a joint session is at one day and offset in all its tracks, no track exceeds its total,
 * the waiting list keeps its order, and a step that frees room or changes nothing for anyone else
 * moves no kept session later (with keep-times: moves no kept session at all).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gatheringState, packGathering, type Gathering, type TrackCandidate, type TrackSpec } from "../../src/domain/tracks.js";
import type { WaitingListPolicy } from "../../src/domain/types.js";
import { candidate } from "../helpers/topics.js";

const DATES = ["2026-04-06", "2026-04-07", "2026-04-08"];
const IDS = ["edge", "nova", "ironic"];
const minutes = fc.integer({ min: 0, max: 6 }).map((n) => n * 15);
const trackSet = fc.oneof(
  fc.integer({ min: 0, max: 2 }).map((i) => [IDS[i]!]),
  fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: 2 }).map((is) => is.map((i) => IDS[i]!)),
);
const track = fc.record({
  days: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
  from: fc.constantFrom(0, 30, 60),
  capacity: fc.integer({ min: 4, max: 12 }).map((n) => n * 15),
  total: fc.option(fc.integer({ min: 6, max: 20 }).map((n) => n * 15)),
});

type Step =
  | { kind: "leave"; pick: number }
  | { kind: "join"; minutes: number; tracks: string[] }
  | { kind: "estimate"; pick: number; minutes: number }
  | { kind: "relabel"; pick: number; tracks: string[] }
  | { kind: "budget"; track: number; capacity: number }
  | { kind: "drop-day"; track: number; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("leave" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("join" as const), minutes, tracks: trackSet }),
  fc.record({ kind: fc.constant("estimate" as const), pick: fc.nat(), minutes }),
  fc.record({ kind: fc.constant("relabel" as const), pick: fc.nat(), tracks: trackSet }),
  fc.record({ kind: fc.constant("budget" as const), track: fc.integer({ min: 0, max: 2 }), capacity: fc.integer({ min: 4, max: 12 }).map((n) => n * 15) }),
  fc.record({ kind: fc.constant("drop-day" as const), track: fc.integer({ min: 0, max: 2 }), pick: fc.nat() }),
);

const history = fc.record({
  tracks: fc.tuple(track, track, track),
  initial: fc.array(fc.record({ minutes, tracks: trackSet }), { maxLength: 16 }),
  steps: fc.array(step, { minLength: 1, maxLength: 10 }),
  policy: fc.constantFrom<WaitingListPolicy>("first-fit", "strict"),
  keepTimes: fc.boolean(),
});

/** Checks the promises every gathering keeps. */
function checkGathering(g: Gathering, specs: readonly TrackSpec[]): void {
  const byId = new Map(g.sessions.map((s) => [s.topic.id, s]));
  for (const { track, sessions, waiting } of g.tracks) {
    // A joint session is the same session (one day, one offset) in every track it names.
    for (const s of sessions) expect(byId.get(s.topic.id), `${s.topic.title} in ${track.id}`).toMatchObject({ day: s.day, offset: s.offset });
    for (const d of track.days) {
      const onDay = sessions.filter((s) => s.day === d.day).sort((a, b) => a.offset - b.offset || a.minutes - b.minutes);
      onDay.forEach((s, i) => {
        expect(s.offset, `${s.topic.title} starts within ${track.id}'s day`).toBeGreaterThanOrEqual(d.from);
        expect(s.offset + s.minutes, `${s.topic.title} ends within ${track.id}'s day`).toBeLessThanOrEqual(d.from + d.capacity);
        const next = onDay[i + 1];
        if (next !== undefined) expect(s.offset + s.minutes, `${s.topic.title} overlaps ${next.topic.title} in ${track.id}`).toBeLessThanOrEqual(next.offset);
      });
    }
    // Only days the track runs.
    for (const s of sessions) expect(track.days.map((d) => d.day)).toContain(s.day);
    if (track.total !== null) expect(sessions.reduce((sum, s) => sum + s.minutes, 0)).toBeLessThanOrEqual(track.total);
    // Each track's waiting list is the gathering's, filtered.
    expect(waiting.map((w) => w.topic.id)).toEqual(g.waiting.filter((w) => w.tracks.includes(track.id)).map((w) => w.topic.id));
  }
  expect(g.tracks.map((t) => t.track.id)).toEqual(specs.map((t) => t.id));
}

describe("stable gatherings over random histories", () => {
  it("hold their promises after every step", () => {
    fc.assert(
      fc.property(history, (h) => {
        let specs: TrackSpec[] = h.tracks.map((t, i) => ({
          id: IDS[i]!,
          title: IDS[i]!,
          room: IDS[i]!,
          label: `ptg/${IDS[i]!}`,
          days: [...t.days].sort().map((day) => ({ day, date: DATES[day]!, from: t.from, capacity: t.capacity })),
          total: t.total,
          chairs: [],
          issue: false,
          getInvolved: [],
        }));
        let queued = 0;
        const make = (m: number, tracks: string[]): TrackCandidate => ({ ...candidate(`T${queued}`, m, queued++), tracks });
        let topics = h.initial.map((t) => make(t.minutes, t.tracks));
        const options = { policy: h.policy, order: "fifo" as const, keepTimes: h.keepTimes };
        let g = packGathering(topics, { ...options, tracks: specs });
        checkGathering(g, specs);
        for (const s of h.steps) {
          // Steps that only free room or add a topic at the end of the queue: no kept session may move later.
          let freeing = s.kind === "leave" || s.kind === "join";
          let relabelled: string | null = null;
          if (s.kind === "leave" && topics.length > 0) topics = topics.filter((_, i) => i !== s.pick % topics.length);
          if (s.kind === "join") topics = [...topics, make(s.minutes, s.tracks)];
          if (s.kind === "estimate" && topics.length > 0) {
            const i = s.pick % topics.length;
            freeing = s.minutes <= topics[i]!.minutes;
            topics = topics.map((c, j) => (j === i ? { ...c, minutes: s.minutes } : c));
          }
          if (s.kind === "relabel" && topics.length > 0) {
            const i = s.pick % topics.length;
            relabelled = topics[i]!.topic.id;
            // A topic that leaves a track or joins one: nobody else moves for it (with keep-times; or later, without).
            freeing = true;
            topics = topics.map((c, j) => (j === i ? { ...c, tracks: s.tracks } : c));
          }
          if (s.kind === "budget") specs = specs.map((t, i) => (i === s.track ? { ...t, days: t.days.map((d) => ({ ...d, capacity: s.capacity })) } : t));
          if (s.kind === "drop-day")
            specs = specs.map((t, i) => (i === s.track && t.days.length > 1 ? { ...t, days: t.days.filter((_, j) => j !== s.pick % t.days.length) } : t));
          const next = packGathering(topics, { ...options, tracks: specs, previous: gatheringState(g) });
          checkGathering(next, specs);

          if (freeing) {
            for (const before of g.sessions) {
              if (before.topic.id === relabelled) continue;
              const now = next.sessions.find((x) => x.topic.id === before.topic.id);
              if (!topics.some((c) => c.topic.id === before.topic.id)) continue;
              expect(now, `${before.topic.title} stays scheduled`).toBeDefined();
              expect(now!.date, `${before.topic.title} keeps its day`).toBe(before.date);
              if (h.keepTimes) expect(now!.offset, `${before.topic.title} keeps its start`).toBe(before.offset);
              else expect(now!.offset, `${before.topic.title} never moves later`).toBeLessThanOrEqual(before.offset);
            }
          }
          // Who waited before and waits still waits in the same order.
          const waitingNow = next.waiting.map((w) => w.topic.id);
          const stillWaiting = g.waiting.map((w) => w.topic.id).filter((id) => waitingNow.includes(id));
          expect(waitingNow.filter((id) => stillWaiting.includes(id))).toEqual(stillWaiting);
          g = next;
        }
      }),
      { numRuns: 200 },
    );
  });
});
