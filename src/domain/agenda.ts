/**
 * Packing topics into a time budget. Pure: same candidates (and previous plan), same agenda.
 *
 * Order first (fifo by the time the agenda label was added, or most 👍 first),
 * then fill the slots (one for a meeting, one per day for a multi-day event):
 * - first-fit: each topic, in order, takes the first slot that still has room;
 *   a topic that fits nowhere waits, and a later, shorter one may take the room.
 * - strict: first come, first served: slots fill in order and, once a topic does
 *   not fit, it and everything after it waits (no skipping ahead).
 * A topic longer than the largest slot can never be scheduled. It waits with
 * reason "too-long" but does not block the queue behind it, even when strict:
 * otherwise one mis-estimated topic would stall a series forever.
 *
 * Stable plans (issue 13): people plan which days to attend around the agenda, so a rebuild
 * changes as little as it can. With the previous plan (the state in the meeting issue: each
 * scheduled topic's day as a LOCAL DATE and its offset):
 * 1. Keep: a previously scheduled topic that is still a candidate keeps its day (found by its
 *    date, so an event whose days change maps correctly) and its order on that day. Its start
 *    closes up behind the topics before it (default), or with `keep-times` keeps its offset
 *    (pushed later only where a grown estimate of the topic before it now overlaps), so gaps stay.
 * 2. Overflow: a day whose budget shrank or whose estimates grew drops its LAST topics until
 *    it fits (a topic longer than its day first); they go back into placement. A topic whose
 *    day disappeared from the configuration goes back into placement too.
 * 3. Place the rest: what Docket listed before (topics dropped in 2. and topics that waited,
 *    together in queue order) ahead of new topics (in queue order), so a newcomer never
 *    overtakes somebody who waited, even with a queue time kept from an earlier meeting.
 *    first-fit: each takes the first day with room (with `keep-times`, the first gap that fits on
 *    it, else after its last topic); strict: the same, but once one does not fit, everything
 *    behind it waits (the head of the waiting list must fit before anything behind it moves in).
 *    The waiting list is what is left, in that order.
 * Without a previous plan (a new meeting issue, or a state written before plans were kept) the
 * agenda is packed afresh as described first. Topics whose day or offset changed are found by
 * movedSince, those that moved up from the waiting list by promotedSince (disjoint: a promoted
 * topic was on no plan), those that dropped back to the waiting list by droppedSince. A changed `recurring-time` shifts every start but no offset: the
 * configuration asked for it, nobody's place changed, nobody is told.
 */
import type { Agenda, AgendaState, Candidate, Topic, ScheduledTopic, Slot, TopicOrder, WaitingListPolicy, WaitingTopic } from "./types.js";
import { uniqueBy } from "./unique.js";

/**
 * Total order on candidates: by queue time, then creation time, then by where
 * the topic lives (repository, then number: #5 before #10), so equal
 * timestamps still give one answer people find natural.
 */
export function orderCandidates(candidates: readonly Candidate[], order: TopicOrder): Candidate[] {
  const byQueue = (a: Candidate, b: Candidate): number =>
    compareInstants(a.queuedAt, b.queuedAt) || compareInstants(a.topic.createdAt, b.topic.createdAt) || compareTopicPlace(a.topic, b.topic);
  const sorted = [...candidates];
  if (order === "votes") sorted.sort((a, b) => b.topic.thumbsUp - a.topic.thumbsUp || byQueue(a, b));
  else sorted.sort(byQueue);
  return sorted;
}

/** Repository, then number (numerically), then URL: a stable, human order for otherwise equal topics. */
export function compareTopicPlace(a: Pick<Topic, "repo" | "number" | "url">, b: Pick<Topic, "repo" | "number" | "url">): number {
  const repo = a.repo < b.repo ? -1 : a.repo > b.repo ? 1 : 0;
  return repo || (a.number ?? 0) - (b.number ?? 0) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}

function compareInstants(a: string, b: string): number {
  const d = Date.parse(a) - Date.parse(b);
  return Number.isNaN(d) ? 0 : Math.sign(d);
}

export interface PackOptions {
  slots: readonly Slot[];
  policy: WaitingListPolicy;
  order: TopicOrder;
  /** The plan of the last write (the meeting issue's state); without its `plan` the agenda is packed afresh. */
  previous?: Pick<AgendaState, "scheduled" | "waiting" | "plan"> | null;
  /** Kept topics keep their offsets and the gaps stay (series `keep-times`); default: later topics of a day close up. */
  keepTimes?: boolean;
}

/** A topic placed on a day while packing; `seq` keeps the placing order among equal offsets (zero-minute topics). */
interface Placed {
  candidate: Candidate;
  offset: number;
  seq: number;
}

export function packAgenda(candidates: readonly Candidate[], options: PackOptions): Agenda {
  const slots: Slot[] = options.slots.map((s) => ({ ...s, capacity: Math.max(0, s.capacity) }));
  const largest = Math.max(0, ...slots.map((s) => s.capacity));
  const ordered = orderCandidates(dedupe(candidates), options.order);
  const plan = options.previous?.plan;
  const days: Placed[][] = slots.map(() => []);
  let seq = 0;

  // 1. Keep: a topic of the previous plan whose day is still there stays on it, in its order.
  const pool: Candidate[] = [];
  if (plan) {
    const dayOf = new Map(slots.flatMap((s, i) => (s.date === undefined ? [] : [[s.date, i] as const])));
    const rank = new Map((options.previous?.scheduled ?? []).map((id, i) => [id, i]));
    const keptOn: Array<Array<{ candidate: Candidate; offset: number; rank: number }>> = slots.map(() => []);
    const dropped: Candidate[] = [];
    for (const candidate of ordered) {
      const place = plan[candidate.topic.id];
      if (place === undefined) continue;
      const day = dayOf.get(place.date);
      if (day === undefined || candidate.minutes > slots[day]!.capacity) dropped.push(candidate);
      else keptOn[day]!.push({ candidate, offset: place.offset, rank: rank.get(candidate.topic.id) ?? Number.MAX_SAFE_INTEGER });
    }
    keptOn.forEach((kept, day) => {
      kept.sort((a, b) => a.offset - b.offset || a.rank - b.rank);
      let end = 0;
      for (const k of kept) {
        const offset = options.keepTimes ? Math.max(k.offset, end) : end;
        days[day]!.push({ candidate: k.candidate, offset, seq: seq++ });
        end = offset + k.candidate.minutes;
      }
      // The day overflowed (its budget shrank, an estimate grew): its last topics go back into placement.
      while (end > slots[day]!.capacity) {
        dropped.push(days[day]!.pop()!.candidate);
        const last = days[day]!.at(-1);
        end = last === undefined ? 0 : last.offset + last.candidate.minutes;
      }
    });
    // 2. The rest take free room: what Docket listed before (dropped or waiting, in queue order) ahead of new topics (in queue order).
    const listed = new Set([...(options.previous?.scheduled ?? []), ...(options.previous?.waiting ?? [])]);
    const droppedIds = new Set(dropped.map((c) => c.topic.id));
    const rest = ordered.filter((c) => droppedIds.has(c.topic.id) || plan[c.topic.id] === undefined);
    pool.push(...rest.filter((c) => listed.has(c.topic.id)), ...rest.filter((c) => !listed.has(c.topic.id)));
  } else {
    pool.push(...ordered);
  }

  const waiting: Array<Omit<WaitingTopic, "position">> = [];
  let strictSlot = 0;
  let strictBlocked = false;
  for (const candidate of pool) {
    if (candidate.minutes > largest) {
      waiting.push({ ...candidate, reason: "too-long" });
      continue;
    }
    let found: { day: number; offset: number } | null = null;
    if (!strictBlocked) {
      if (plan || options.policy === "first-fit") {
        // Freed room first: the first day with room (with keep-times, the first gap that fits).
        for (let day = 0; day < slots.length && found === null; day++) {
          const offset = roomOn(days[day]!, slots[day]!.capacity, candidate.minutes, options.keepTimes === true && plan !== undefined);
          if (offset !== null) found = { day, offset };
        }
      } else {
        // A fresh strict packing fills the days in order and never goes back to an earlier one.
        for (; strictSlot < slots.length && found === null; ) {
          const offset = roomOn(days[strictSlot]!, slots[strictSlot]!.capacity, candidate.minutes, false);
          if (offset === null) strictSlot++;
          else found = { day: strictSlot, offset };
        }
      }
      if (found === null && options.policy === "strict") strictBlocked = true;
    }
    if (found === null) {
      waiting.push({ ...candidate, reason: "no-room" });
      continue;
    }
    days[found.day]!.push({ candidate, offset: found.offset, seq: seq++ });
    days[found.day]!.sort(byOffset);
  }

  const scheduled: ScheduledTopic[] = days.flatMap((placed, day) => placed.map((p) => ({ ...p.candidate, day, offset: p.offset })));
  return {
    slots,
    scheduled,
    waiting: waiting.map((w, i) => ({ ...w, position: i + 1 })),
    used: days.map((placed) => placed.reduce((total, p) => total + p.candidate.minutes, 0)),
  };
}

function byOffset(a: Placed, b: Placed): number {
  return a.offset - b.offset || a.seq - b.seq;
}

/**
 * Where a topic of `minutes` fits on a day whose topics are `placed` (by offset), or null: at the
 * end of what is planned; with `gaps`, in the first gap between planned topics that is long enough,
 * else after the last (a zero-minute topic never lands on another topic's start).
 */
function roomOn(placed: readonly Placed[], capacity: number, minutes: number, gaps: boolean): number | null {
  let cursor = 0;
  for (const p of placed) {
    if (gaps && cursor + minutes <= p.offset && (minutes > 0 || cursor < p.offset)) return cursor;
    cursor = Math.max(cursor, p.offset + p.candidate.minutes);
  }
  return cursor + minutes <= capacity ? cursor : null;
}

/** The same topic may arrive twice (search result and a fresh read): keep the first. */
function dedupe(candidates: readonly Candidate[]): Candidate[] {
  return uniqueBy(candidates, (c) => c.topic.id);
}

/** Topics that were waiting at the last write and are scheduled now: their authors are told. */
export function promotedSince(previous: { waiting: readonly string[] } | null, agenda: Agenda): ScheduledTopic[] {
  if (!previous) return [];
  const waitingBefore = new Set(previous.waiting);
  return agenda.scheduled.filter((s) => waitingBefore.has(s.topic.id));
}

/**
 * Topics that were scheduled at the last write and wait now (their day overflowed: its budget
 * shrank or an estimate before them grew): their authors are told their place on the waiting list.
 */
export function droppedSince(previous: { scheduled: readonly string[] } | null, agenda: Agenda): WaitingTopic[] {
  if (!previous) return [];
  const scheduledBefore = new Set(previous.scheduled);
  return agenda.waiting.filter((w) => scheduledBefore.has(w.topic.id));
}

/**
 * Topics on the previous plan and on this one whose day (local date) or offset changed: their
 * authors are told the new day and start. Promoted and new topics are not among them (they were
 * on no plan), nor is anything without a previous plan.
 */
export function movedSince(previous: Pick<AgendaState, "plan"> | null, agenda: Agenda): ScheduledTopic[] {
  const plan = previous?.plan;
  if (!plan) return [];
  return agenda.scheduled.filter((s) => {
    const before = plan[s.topic.id];
    const date = agenda.slots[s.day]?.date;
    return before !== undefined && date !== undefined && (before.date !== date || before.offset !== s.offset);
  });
}

/**
 * The state Docket remembers in the agenda section: ids in agenda and waiting order (to detect
 * promotions next time), when each joined the queue (kept), and the plan (each scheduled topic's
 * day as a local date, and its offset) that the next packing keeps stable.
 */
export function agendaState(agenda: Agenda): AgendaState {
  const scheduled = [...agenda.scheduled].sort((a, b) => a.day - b.day || a.offset - b.offset);
  const waiting = [...agenda.waiting].sort((a, b) => a.position - b.position);
  const queuedAt: Record<string, string> = {};
  for (const c of [...scheduled, ...waiting]) queuedAt[c.topic.id] = c.queuedAt;
  const state: AgendaState = { scheduled: scheduled.map((s) => s.topic.id), waiting: waiting.map((w) => w.topic.id), queuedAt };
  // The plan, when every day is known by its date (the meeting's, or each day's of an event).
  if (agenda.slots.every((s) => s.date !== undefined)) {
    state.plan = Object.fromEntries(scheduled.map((s) => [s.topic.id, { date: agenda.slots[s.day]!.date!, offset: s.offset }]));
  }
  return state;
}
