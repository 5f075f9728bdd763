/**
 * Stable plans over random histories (issue 13): topics leave and join, estimates change, a day's
 * budget changes or a day leaves the event; after every step of every history, no scheduled topic
 * changed its day unless that day overflowed or disappeared, the waiting list kept its order,
 * nothing overlaps, no day holds more than its budget, and under keep-times no kept topic's start
 * changed unless an estimate grew.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agendaState, packAgenda } from "../../src/domain/agenda.js";
import type { Agenda, Candidate, Slot, WaitingListPolicy } from "../../src/domain/types.js";
import { candidate } from "../helpers/topics.js";

const DATES = ["2025-02-03", "2025-02-04", "2025-02-05", "2025-02-06", "2025-02-07"];
const minutes = fc.integer({ min: 0, max: 18 }).map((n) => n * 5);

type Step =
  | { kind: "leave"; pick: number }
  | { kind: "join"; minutes: number }
  | { kind: "estimate"; pick: number; minutes: number }
  | { kind: "budget"; day: number; capacity: number }
  | { kind: "drop-day"; day: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("leave" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("join" as const), minutes }),
  fc.record({ kind: fc.constant("estimate" as const), pick: fc.nat(), minutes }),
  fc.record({ kind: fc.constant("budget" as const), day: fc.nat(), capacity: fc.integer({ min: 6, max: 24 }).map((n) => n * 5) }),
  fc.record({ kind: fc.constant("drop-day" as const), day: fc.nat() }),
);

const history = fc.record({
  days: fc.integer({ min: 1, max: 5 }),
  capacity: fc.integer({ min: 6, max: 24 }).map((n) => n * 5),
  initial: fc.array(minutes, { maxLength: 16 }),
  steps: fc.array(step, { minLength: 1, maxLength: 12 }),
  policy: fc.constantFrom<WaitingListPolicy>("first-fit", "strict"),
  keepTimes: fc.boolean(),
});

const dateOf = (agenda: Agenda, id: string) => {
  const s = agenda.scheduled.find((x) => x.topic.id === id);
  return s === undefined ? undefined : agenda.slots[s.day]!.date;
};

/** Checks one rebuild against the plan before it; `grew`: the step made an estimate larger. */
function checkStep(before: Agenda, after: Agenda, candidates: readonly Candidate[], slots: readonly Slot[], keepTimes: boolean, grew: boolean): void {
  const byId = new Map(candidates.map((c) => [c.topic.id, c]));
  // Whether the day of `date` overflowed: its kept topics (still there, current estimates) no longer fit it.
  const overflowed = (date: string) => {
    const slot = slots.find((s) => s.date === date);
    if (slot === undefined) return true; // the day disappeared
    const kept = before.scheduled.filter((s) => before.slots[s.day]!.date === date && byId.has(s.topic.id)).sort((a, b) => a.offset - b.offset);
    let end = 0;
    for (const k of kept) {
      const m = byId.get(k.topic.id)!.minutes;
      if (m > slot.capacity) return true;
      end = (keepTimes ? Math.max(k.offset, end) : end) + m;
    }
    return end > slot.capacity;
  };

  for (const s of before.scheduled) {
    const was = before.slots[s.day]!.date!;
    const now = dateOf(after, s.topic.id);
    if (now !== undefined && now !== was) expect(overflowed(was), `${s.topic.title} moved from ${was} to ${now}`).toBe(true);
    if (now === undefined && byId.has(s.topic.id)) expect(overflowed(was), `${s.topic.title} left the agenda of ${was}`).toBe(true);
  }

  // Topics kept on a day keep their order; under keep-times their start, unless an estimate grew.
  for (const date of new Set(before.slots.map((s) => s.date!))) {
    if (overflowed(date)) continue;
    const order = (a: Agenda) => a.scheduled.filter((s) => a.slots[s.day]!.date === date).sort((x, y) => x.offset - y.offset);
    const keptIds = new Set(order(before).map((s) => s.topic.id));
    const nowOnDay = order(after).filter((s) => keptIds.has(s.topic.id));
    expect(nowOnDay.map((s) => s.topic.id)).toEqual(
      order(before)
        .filter((s) => byId.has(s.topic.id))
        .map((s) => s.topic.id),
    );
    if (keepTimes && !grew)
      for (const s of nowOnDay) expect(s.offset, `${s.topic.title} on ${date}`).toBe(before.scheduled.find((b) => b.topic.id === s.topic.id)!.offset);
  }

  // The waiting list keeps its order: who waited before and waits still is in the same order.
  const waitingNow = [...after.waiting].sort((a, b) => a.position - b.position).map((w) => w.topic.id);
  const stillWaiting = [...before.waiting]
    .sort((a, b) => a.position - b.position)
    .map((w) => w.topic.id)
    .filter((id) => waitingNow.includes(id));
  expect(waitingNow.filter((id) => stillWaiting.includes(id))).toEqual(stillWaiting);

  // Nothing overlaps, nothing runs past its day, no day holds more than its budget.
  after.slots.forEach((slot, day) => {
    const onDay = after.scheduled.filter((s) => s.day === day).sort((a, b) => a.offset - b.offset);
    onDay.forEach((s, i) => {
      expect(s.offset + s.minutes).toBeLessThanOrEqual(slot.capacity);
      const next = onDay[i + 1];
      if (next !== undefined) expect(s.offset + s.minutes).toBeLessThanOrEqual(next.offset);
    });
    expect(after.used[day]).toBeLessThanOrEqual(slot.capacity);
  });
}

describe("stable plans over random histories", () => {
  it("hold their promises after every step", () => {
    fc.assert(
      fc.property(history, (h) => {
        let slots: Slot[] = DATES.slice(0, h.days).map((date) => ({ capacity: h.capacity, date }));
        let queued = 0;
        let topics: Candidate[] = h.initial.map((m) => candidate(`T${queued}`, m, queued++));
        const options = { policy: h.policy, order: "fifo" as const, keepTimes: h.keepTimes };
        let agenda = packAgenda(topics, { ...options, slots });
        for (const s of h.steps) {
          let grew = false;
          if (s.kind === "leave" && topics.length > 0) topics = topics.filter((_, i) => i !== s.pick % topics.length);
          if (s.kind === "join") topics = [...topics, candidate(`T${queued}`, s.minutes, queued++)];
          if (s.kind === "estimate" && topics.length > 0) {
            const i = s.pick % topics.length;
            grew = s.minutes > topics[i]!.minutes;
            topics = topics.map((c, j) => (j === i ? { ...c, minutes: s.minutes } : c));
          }
          if (s.kind === "budget") slots = slots.map((slot, i) => (i === s.day % slots.length ? { ...slot, capacity: s.capacity } : slot));
          if (s.kind === "drop-day" && slots.length > 1) slots = slots.filter((_, i) => i !== s.day % slots.length);
          const next = packAgenda(topics, { ...options, slots, previous: agendaState(agenda) });
          checkStep(agenda, next, topics, slots, h.keepTimes, grew);
          agenda = next;
        }
      }),
      { numRuns: 200 },
    );
  });
});
