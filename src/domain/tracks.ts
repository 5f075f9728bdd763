/**
 * Multi-track gatherings (issue 15): several teams meet at once, each in its own room and time,
 * and a topic labelled for two or more tracks is one joint session at the same time in each.
 * Pure: the same candidates (and previous plan) give the same gathering.
 *
 * Times are in ONE frame for every track: minutes after the event day's `start` (the event's
 * `start` local time on that day). A track that starts later (its own `start`) begins at
 * `from` > 0; recurring items take `recurring-time` at the start of every track day. So a joint
 * session's offset is the same number in every track it joins, and the plan kept in the event
 * issue's state (topic id -> local date and offset, as for single-room events) holds one place
 * per session however many tracks it joins.
 *
 * Packing (packGathering) follows ./agenda.ts's rules per track: queue order (fifo or votes),
 * first-fit or strict, a topic longer than every day it could use waits as "too-long" without
 * blocking anyone. A joint session takes the earliest day and start at which every track it
 * names has the room free ("no-common-slot" otherwise, also when its tracks share no day: it
 * waits on each of its tracks' waiting lists, and under `strict` does not block those tracks,
 * because what failed is the combination, not the queue; it is itself held back, as "no-room",
 * behind a track that a single-track topic blocked). A track with a `total` takes no more minutes
 * over all its days ("over-total"). A fresh strict packing fills each track's days in order, never
 * going back to an earlier day for a single-track topic; a joint session takes no day earlier than
 * any of its tracks has reached, and moves none of them on. New sessions take the earliest start
 * free in all their tracks, so they fill gaps (before a joint session, or kept by keep-times).
 * No two sessions of a track share a start: a zero-minute session holds its start minute (the
 * schedule gives every session its own row), so the next one starts a minute later.
 *
 * Stable plans (issue 13's rules, for every track at once), with the previous state (plan: topic
 * id -> local date and offset, one place per session; `tracks`: each session's track ids):
 * 1. Keep: a session still a candidate keeps its date, and its order by previous offset in every
 *    track it names. Laid out in that order, it starts at the end of what precedes it in each of
 *    the tracks it had before (not before their `from`; a track it joined since does not move it,
 *    see 2.; a state without `tracks`, or a session that had a track no longer configured (renamed
 *    or removed), counts every track as had): single-track sessions close up behind a topic that
 *    left, and a joint session moves to the earliest start at or after the end of what precedes it
 *    in ALL its tracks, so a joint session whose other track is still busy stays put and leaves a
 *    gap in front of it that placement may fill. With `keep-times` every kept session keeps its
 *    offset unless what precedes it now runs into it (a grown estimate). One offset per session:
 *    moving it in one track moves it in all, and nothing overlaps in any track.
 * 2. Back into placement: a session whose date left one of its tracks (the track's `days`
 *    changed) or that no longer fits that day in one of them; a session that joined a track since
 *    (labels changed; known from the state's `tracks`) when its kept place there lies outside that
 *    track's day or collides with a kept session of it (it keeps its place where that is free; leaving a track frees the
 *    place and moves it nowhere); a day that overflows in a track (its budget shrank, an estimate
 *    grew, its start moved later) gives back that track's last single-track session first, and its
 *    last joint session only when no single-track one is left, until it fits; a track whose kept
 *    sessions exceed its `total` gives back the sessions that joined it since first, then its last
 *    sessions the same way (latest day first).
 * 3. Place the rest as above: what Docket listed before (given back in 2., or waiting) in queue
 *    order, ahead of new topics in queue order; first-fit: the earliest day with a common free
 *    start; strict: the same, but once a single-track topic does not fit, everything behind it in
 *    its track waits. Kept sessions count toward `total`; a newcomer that would exceed it waits.
 * Without a previous plan the gathering is packed afresh. gatheringChanges tells who was promoted
 * (waited, scheduled now), moved (date or offset changed) or dropped (scheduled, waiting now).
 */
import type { SeriesConfig } from "../config/schema.js";
import type { AgendaState, Candidate, TopicOrder, WaitingListPolicy, WaitingReason } from "./types.js";
import { orderCandidates } from "./agenda.js";
import { eventDays } from "./schedule.js";
import { uniqueBy } from "./unique.js";

export type EventConfig = NonNullable<SeriesConfig["event"]>;
export type TrackConfig = NonNullable<EventConfig["tracks"]>[number];

/** One day of one track: when its time runs, in the event's frame. */
export interface TrackDay {
  /** Index among the event's days (eventDays), the same for every track. */
  day: number;
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Minutes after the event day's start at which this track's topics may begin (its `start`, then recurring time). */
  from: number;
  /** Minutes for topics on this day. */
  capacity: number;
}

/** A track as packing and rendering need it (resolveTracks). */
export interface TrackSpec {
  id: string;
  title: string;
  /** The room (column of the schedule): the track's `room`, else its title. */
  room: string;
  /** The label that puts a topic on this track. */
  label: string;
  /** The days the track runs, in date order. */
  days: TrackDay[];
  /** Cap on the minutes scheduled over all its days; null: none. */
  total: number | null;
  chairs: string[];
  /** Whether the track has its own issue (opt-in). */
  issue: boolean;
  getInvolved: string[];
}

/** A topic with the tracks it is labelled for (ids, in the configuration's order; two or more: a joint session). */
export interface TrackCandidate extends Candidate {
  tracks: string[];
}

/** A scheduled session: in every track it names, on `day` at `offset`. */
export interface Session extends TrackCandidate {
  /** Index among the event's days. */
  day: number;
  /** Its local date. */
  date: string;
  /** Minutes after the event day's start (the event's frame; see the header). */
  offset: number;
}

export type TrackWaitingReason = WaitingReason | "no-common-slot" | "over-total";

/** A topic that waits: on the waiting list of every track it names. */
export interface TrackWaiting extends TrackCandidate {
  reason: TrackWaitingReason;
  /** 1-based place in the gathering's waiting order (each track's list is this order filtered). */
  position: number;
  /** Track id -> its 1-based place in that track's list, as the event issue numbers them (set by packGathering). */
  places?: Readonly<Record<string, number>>;
}

export interface TrackAgenda {
  track: TrackSpec;
  /** Its sessions, joint ones included, by day and offset. */
  sessions: Session[];
  /** Its waiting list, in order. */
  waiting: TrackWaiting[];
  /** Minutes used per day of `track.days`. */
  used: number[];
}

export interface Gathering {
  /** Every track's agenda, in the configuration's order. */
  tracks: TrackAgenda[];
  /** Every scheduled session once, by day, offset, then first track. */
  sessions: Session[];
  /** Every waiting topic once, in waiting order. */
  waiting: TrackWaiting[];
}

export interface GatheringOptions {
  tracks: readonly TrackSpec[];
  policy: WaitingListPolicy;
  order: TopicOrder;
  /** The plan of the last write (the event issue's state); without its `plan` the gathering is packed afresh. */
  previous?: Pick<GatheringState, "scheduled" | "waiting" | "plan" | "tracks"> | null;
  /** Kept sessions keep their offsets and the gaps stay (series `keep-times`); default: they close up. */
  keepTimes?: boolean;
}

/**
 * The state a gathering keeps in its event issue: an AgendaState whose plan holds one place per
 * session, and each session's track ids (`tracks`, written in the state line: without it, as in
 * a state written before, a topic that joined a track since is not noticed, and simply keeps its
 * place in its new track set's order).
 */
export type GatheringState = AgendaState;

/** What a rebuild changed, for telling people (gatheringChanges). */
export interface GatheringChanges {
  /** Waited at the last write, scheduled now. */
  promoted: Session[];
  /** On the previous plan and on this one, at another date or offset. */
  moved: Session[];
  /** Scheduled at the last write, waiting now. */
  dropped: TrackWaiting[];
}

/** Minutes of a track's `total`, whose days are the track's days (its daily budget each). */
export function trackTotalMinutes(total: { days: number; minutes: number }, dailyBudget: number): number {
  return Math.round(total.days * dailyBudget) + total.minutes;
}

function clockMinutes(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`invalid time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The default label of a track: `<event id>/<track id>`. */
export function trackLabel(seriesId: string, track: Pick<TrackConfig, "id" | "label">): string {
  return track.label ?? `${seriesId}/${track.id}`;
}

/** The tracks of an event as packing needs them; [] for an event without tracks. */
export function resolveTracks(seriesId: string, event: EventConfig, recurringMinutes = 0): TrackSpec[] {
  if (!event.tracks) return [];
  const days = eventDays(event);
  const eventStart = clockMinutes(event.start);
  return event.tracks.map((t) => {
    const budget = t["daily-budget"] ?? event["daily-budget"];
    const runs = t.days === undefined ? null : new Set(t.days);
    const from = (t.start === undefined ? 0 : clockMinutes(t.start) - eventStart) + recurringMinutes;
    return {
      id: t.id,
      title: t.title,
      room: t.room ?? t.title,
      label: trackLabel(seriesId, t),
      days: days
        .filter((d) => runs === null || runs.has(d.date))
        .map((d) => ({ day: d.index, date: d.date, from, capacity: Math.max(0, budget - recurringMinutes) })),
      total: t.total === undefined ? null : trackTotalMinutes(t.total, budget),
      chairs: t.chairs,
      issue: t.issue,
      getInvolved: t["get-involved"] ?? [],
    };
  });
}

/** The ids of the tracks whose labels a topic has (label names compare case-insensitively, as GitHub's do), in the tracks' order. */
export function tracksOf(labels: readonly string[], tracks: readonly Pick<TrackSpec, "id" | "label">[]): string[] {
  const has = new Set(labels.map((l) => l.toLowerCase()));
  return tracks.filter((t) => has.has(t.label.toLowerCase())).map((t) => t.id);
}

/** Busy intervals [start, end) of one track on one day, in the event's frame. */
type Busy = Array<[number, number]>;

/**
 * The minutes a session holds in its track: its own, and at least its start minute, so no two
 * sessions of a track share a start (a zero-minute one included: the schedule gives each its row).
 */
function held(minutes: number): number {
  return Math.max(1, minutes);
}

/**
 * The earliest start at or after `day.from` where `minutes` fit within the day and clear of `busy`
 * (sorted by start; each interval at least its start minute, see held), or null.
 */
function firstFree(day: TrackDay, busy: Busy, minutes: number, notBefore = day.from): number | null {
  let cursor = Math.max(day.from, notBefore);
  for (const [start, end] of busy) {
    if (cursor + held(minutes) <= start) break;
    cursor = Math.max(cursor, end);
  }
  return cursor + minutes <= day.from + day.capacity ? cursor : null;
}

/** Whether [a, a + am) and [b, b + bm) collide (two starts at the same minute do, as zero-minute topics never share a start). */
function collide(a: number, am: number, b: number, bm: number): boolean {
  return a === b || (a < b + bm && b < a + am);
}

/** A session kept from the previous plan while its day is laid out. */
interface Kept {
  c: TrackCandidate;
  day: number;
  date: string;
  /** Its offset on the previous plan. */
  was: number;
  /** Its place in the previous order (ties of equal offsets). */
  rank: number;
  /** Tracks it has joined since the previous plan (known when the state kept its tracks): its place must be free there. */
  joined: Set<string>;
  offset: number;
}

/**
 * Lays out the kept sessions of one day in their previous order (see the header, "Stable plans"):
 * each starts at the end of what precedes it in every track it kept (and not before any of its
 * tracks' `from`; with keep-times, not before its previous offset). Returns the offsets in `set`.
 */
function layOut(set: Kept[], day: number, specs: ReadonlyMap<string, TrackSpec>, keepTimes: boolean): void {
  const cursor = new Map<string, number>();
  for (const k of set) {
    // Only the tracks it kept place it; in a track it joined, its place is checked afterwards (keepPlan).
    const had = k.c.tracks.filter((id) => !k.joined.has(id));
    const froms = had.map((id) => trackDay(specs.get(id)!, day)!.from);
    // A session moved wholly into other tracks has no predecessor to close up behind: its kept place is its offset.
    // Not floored at 0: a track that starts before the event has `from` < 0 (the event's frame), and its first session starts there.
    const start = Math.max(...froms, ...had.flatMap((id) => cursor.get(id) ?? []), ...(keepTimes || had.length === 0 ? [k.was] : []));
    k.offset = start;
    for (const id of had) cursor.set(id, start + held(k.c.minutes));
  }
}

/** The previous order of a day's sessions: by offset, a zero-minute one before a session starting at its minute (it ends there), then as listed. */
function byKeptOrder(a: Kept, b: Kept): number {
  return a.was - b.was || Math.min(a.c.minutes, 1) - Math.min(b.c.minutes, 1) || a.rank - b.rank;
}

function trackDay(track: TrackSpec, day: number): TrackDay | undefined {
  return track.days.find((d) => d.day === day);
}

/**
 * Keeps the previous plan (see the header): returns the kept sessions at their new offsets and
 * the topics that go back into placement (their day left one of their tracks, they no longer fit
 * it, their place in a track they joined is taken, or their day or their track's total overflowed).
 */
function keepPlan(
  ordered: readonly TrackCandidate[],
  options: GatheringOptions,
  specs: ReadonlyMap<string, TrackSpec>,
): { kept: Kept[]; dropped: Set<string> } {
  const previous = options.previous!;
  const plan = previous.plan!;
  const rank = new Map(previous.scheduled.map((id, i) => [id, i]));
  const keptTracks = previous.tracks;
  const dropped = new Set<string>();
  const byDay = new Map<number, Kept[]>();
  for (const c of ordered) {
    const place = plan[c.topic.id];
    if (place === undefined) continue;
    const days = c.tracks.map((id) => specs.get(id)!.days.find((d) => d.date === place.date));
    // Its day left one of its tracks, or it no longer fits that day in one of them: back into placement.
    if (days.some((d) => d === undefined || c.minutes > d.capacity)) {
      dropped.add(c.topic.id);
      continue;
    }
    const before = keptTracks?.[c.topic.id];
    // It had a track that is no longer configured (renamed, or removed): which of its tracks it joined since cannot be
    // told (a renamed track keeps its label and its sessions), so it counts every one as had, as a state without `tracks`.
    const unknown = before === undefined || before.some((id) => !specs.has(id));
    const joined = new Set(unknown ? [] : c.tracks.filter((id) => !before.includes(id)));
    const day = days[0]!.day;
    const k: Kept = { c, day, date: place.date, was: place.offset, rank: rank.get(c.topic.id) ?? Number.MAX_SAFE_INTEGER, joined, offset: place.offset };
    byDay.set(day, [...(byDay.get(day) ?? []), k]);
  }
  const sets = [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([day, set]) => ({ day, set: set.sort(byKeptOrder) }));
  const remove = (k: Kept) => {
    for (const s of sets) s.set = s.set.filter((x) => x !== k);
    dropped.add(k.c.topic.id);
  };
  /** What an overflowing track gives back first: its last single-track session, else its last session. */
  const lastOf = (mine: Kept[]): Kept => [...mine].reverse().find((k) => k.c.tracks.length === 1) ?? mine.at(-1)!;
  for (let changed = true; changed; ) {
    changed = false;
    for (const { day, set } of sets) {
      layOut(set, day, specs, options.keepTimes === true);
      // A session's place in a track it joined must be free, within that track's day: otherwise it is placed again.
      const taken = set.find((k) =>
        [...k.joined].some((id) => {
          const d = trackDay(specs.get(id)!, day)!;
          const outside = k.offset < d.from || k.offset + k.c.minutes > d.from + d.capacity;
          return outside || set.some((o) => o !== k && o.c.tracks.includes(id) && collide(k.offset, k.c.minutes, o.offset, o.c.minutes));
        }),
      );
      if (taken !== undefined) {
        remove(taken);
        changed = true;
        break;
      }
      // A day that overflows in a track (its budget shrank, an estimate grew) gives back its last sessions.
      const over = options.tracks.find((t) => {
        const d = trackDay(t, day);
        return d !== undefined && set.some((k) => k.c.tracks.includes(t.id) && k.offset + k.c.minutes > d.from + d.capacity);
      });
      if (over !== undefined) {
        remove(lastOf(set.filter((k) => k.c.tracks.includes(over.id)).sort((a, b) => a.offset - b.offset)));
        changed = true;
        break;
      }
    }
    if (changed) continue;
    // A track whose kept sessions exceed its total gives back what joined it since, then its last sessions (latest day first).
    for (const t of options.tracks) {
      if (t.total === null) continue;
      const mine = sets.flatMap((s) => s.set.filter((k) => k.c.tracks.includes(t.id)).sort((a, b) => a.offset - b.offset));
      if (mine.reduce((sum, k) => sum + k.c.minutes, 0) > t.total) {
        remove(mine.filter((k) => k.joined.has(t.id)).at(-1) ?? lastOf(mine));
        changed = true;
        break;
      }
    }
  }
  return { kept: sets.flatMap((s) => s.set), dropped };
}

/** Packs the gathering, keeping the previous plan when there is one. See the header for the rules. */
export function packGathering(candidates: readonly TrackCandidate[], options: GatheringOptions): Gathering {
  const specs = new Map(options.tracks.map((t) => [t.id, t]));
  const order = options.tracks.map((t) => t.id);
  const busy = new Map(options.tracks.map((t) => [t.id, new Map(t.days.map((d) => [d.day, [] as Busy]))]));
  const used = new Map(options.tracks.map((t) => [t.id, 0]));
  const ordered = orderTrackCandidates(candidates, options.order)
    .map((c) => ({ ...c, tracks: c.tracks.filter((id, i) => specs.has(id) && c.tracks.indexOf(id) === i).sort((a, b) => order.indexOf(a) - order.indexOf(b)) }))
    .filter((c) => c.tracks.length > 0);
  const sessions: Session[] = [];
  const take = (c: TrackCandidate, day: number, date: string, offset: number) => {
    for (const id of c.tracks) {
      const b = busy.get(id)!.get(day)!;
      b.push([offset, offset + held(c.minutes)]);
      b.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      used.set(id, used.get(id)! + c.minutes);
    }
    sessions.push({ ...c, day, date, offset });
  };

  const plan = options.previous?.plan;
  let pool: TrackCandidate[];
  if (plan) {
    const { kept, dropped } = keepPlan(ordered, options, specs);
    for (const k of kept) take(k.c, k.day, k.date, k.offset);
    // The rest: what Docket listed before (given back above, or waiting) in queue order, ahead of new topics.
    const listed = new Set([...options.previous!.scheduled, ...options.previous!.waiting]);
    const rest = ordered.filter((c) => dropped.has(c.topic.id) || plan[c.topic.id] === undefined);
    pool = [...rest.filter((c) => listed.has(c.topic.id)), ...rest.filter((c) => !listed.has(c.topic.id))];
  } else {
    pool = ordered;
  }

  const strict = options.policy === "strict";
  const blocked = new Set<string>();
  // A fresh strict packing fills each track's days in order and never goes back to an earlier one (as ./agenda.ts).
  const fromDay = new Map<string, number>();
  const waiting: Array<Omit<TrackWaiting, "position">> = [];
  for (const c of pool) {
    const tracks = c.tracks.map((id) => specs.get(id)!);
    const shared = tracks[0]!.days.filter((d) => tracks.every((t) => trackDay(t, d.day) !== undefined));
    if (shared.length === 0 && tracks.length > 1) {
      waiting.push({ ...c, reason: "no-common-slot" });
      continue;
    }
    // Too long: longer than every day it could use (for a joint session, a day all its tracks share).
    const longest = Math.max(0, ...shared.map((d) => Math.min(...tracks.map((t) => trackDay(t, d.day)!.capacity))));
    if (c.minutes > longest) {
      waiting.push({ ...c, reason: "too-long" });
      continue;
    }
    if (tracks.some((t) => t.total !== null && used.get(t.id)! + c.minutes > t.total)) {
      waiting.push({ ...c, reason: "over-total" });
      continue;
    }
    if (strict && c.tracks.some((id) => blocked.has(id))) {
      waiting.push({ ...c, reason: "no-room" });
      continue;
    }
    const earliest = Math.max(0, ...c.tracks.map((id) => fromDay.get(id) ?? 0));
    let found: { day: number; date: string; offset: number } | null = null;
    for (const d of shared) {
      if (d.day < earliest) continue;
      // The earliest start free in every track: raise the candidate start until all agree.
      let at: number | null = Math.max(...tracks.map((t) => trackDay(t, d.day)!.from));
      for (let agreed = false; at !== null && !agreed; ) {
        agreed = true;
        for (const t of tracks) {
          const next: number | null = firstFree(trackDay(t, d.day)!, busy.get(t.id)!.get(d.day)!, c.minutes, at);
          if (next === null) {
            at = null;
            break;
          }
          if (next !== at) {
            at = next;
            agreed = false;
          }
        }
      }
      if (at !== null) {
        found = { day: d.day, date: d.date, offset: at };
        break;
      }
    }
    if (found === null) {
      waiting.push({ ...c, reason: tracks.length > 1 ? "no-common-slot" : "no-room" });
      if (strict && tracks.length === 1) blocked.add(tracks[0]!.id);
      continue;
    }
    if (strict && !plan && tracks.length === 1) fromDay.set(tracks[0]!.id, found.day);
    take(c, found.day, found.date, found.offset);
  }
  return assemble(options.tracks, sessions, waiting);
}

/** The gathering from its sessions and waiting topics: per track, and each once. */
function assemble(tracks: readonly TrackSpec[], sessions: Session[], waiting: ReadonlyArray<Omit<TrackWaiting, "position">>): Gathering {
  const order = tracks.map((t) => t.id);
  const sorted = [...sessions].sort((a, b) => a.day - b.day || a.offset - b.offset || order.indexOf(a.tracks[0]!) - order.indexOf(b.tracks[0]!));
  const counted = new Map<string, number>();
  const listed = waiting.map((w, i) => {
    const places = Object.fromEntries(w.tracks.map((id) => [id, counted.set(id, (counted.get(id) ?? 0) + 1).get(id)!]));
    return { ...w, position: i + 1, places };
  });
  return {
    tracks: tracks.map((track) => {
      const own = sorted.filter((s) => s.tracks.includes(track.id));
      return {
        track,
        sessions: own,
        waiting: listed.filter((w) => w.tracks.includes(track.id)),
        used: track.days.map((d) => own.filter((s) => s.day === d.day).reduce((sum, s) => sum + s.minutes, 0)),
      };
    }),
    sessions: sorted,
    waiting: listed,
  };
}

/** Queue order of ./agenda.ts (orderCandidates), kept for the track lists. */
function orderTrackCandidates(candidates: readonly TrackCandidate[], order: TopicOrder): TrackCandidate[] {
  const unique = uniqueBy(candidates, (c) => c.topic.id);
  const byId = new Map(unique.map((c) => [c.topic.id, c]));
  return orderCandidates(unique, order).map((c) => byId.get(c.topic.id)!);
}

/**
 * What changed since the previous state, as ./agenda.ts's promotedSince, movedSince and
 * droppedSince: promoted (waited, scheduled now; never also moved), moved (date or offset changed
 * on the plan), dropped (scheduled, waiting now). Nothing without a previous state; nothing moved
 * without its plan.
 */
export function gatheringChanges(previous: Pick<AgendaState, "scheduled" | "waiting" | "plan"> | null | undefined, gathering: Gathering): GatheringChanges {
  if (!previous) return { promoted: [], moved: [], dropped: [] };
  const waitingBefore = new Set(previous.waiting);
  const scheduledBefore = new Set(previous.scheduled);
  const plan = previous.plan ?? {};
  return {
    promoted: gathering.sessions.filter((s) => waitingBefore.has(s.topic.id) && plan[s.topic.id] === undefined),
    moved: gathering.sessions.filter((s) => {
      const before = plan[s.topic.id];
      return before !== undefined && (before.date !== s.date || before.offset !== s.offset);
    }),
    dropped: gathering.waiting.filter((w) => scheduledBefore.has(w.topic.id)),
  };
}

/** The state kept in the event issue: ids in schedule and waiting order, queue times, each session's date and offset, and its tracks. */
export function gatheringState(gathering: Gathering): GatheringState {
  const queuedAt: Record<string, string> = {};
  for (const c of [...gathering.sessions, ...gathering.waiting]) queuedAt[c.topic.id] = c.queuedAt;
  return {
    scheduled: gathering.sessions.map((s) => s.topic.id),
    waiting: gathering.waiting.map((w) => w.topic.id),
    queuedAt,
    plan: Object.fromEntries(gathering.sessions.map((s) => [s.topic.id, { date: s.date, offset: s.offset }])),
    tracks: Object.fromEntries(gathering.sessions.map((s) => [s.topic.id, [...s.tracks]])),
  };
}
