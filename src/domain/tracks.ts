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
 * names has the room free ("no-common-slot" otherwise: it waits on each of its tracks' waiting
 * lists, and under `strict` does not block those tracks, because what failed is the combination,
 * not the queue). A track with a `total` takes no more minutes over all its days ("over-total").
 */
import type { SeriesConfig } from "../config/schema.js";
import type { AgendaState, Candidate, TopicOrder, WaitingListPolicy, WaitingReason } from "./types.js";
import { orderCandidates } from "./agenda.js";
import { eventDays } from "./schedule.js";

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
  previous?: Pick<AgendaState, "scheduled" | "waiting" | "plan"> | null;
  keepTimes?: boolean;
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
      days: days.filter((d) => runs === null || runs.has(d.date)).map((d) => ({ day: d.index, date: d.date, from, capacity: Math.max(0, budget - recurringMinutes) })),
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
 * The earliest start at or after `day.from` where `minutes` fit within the day and clear of `busy`
 * (sorted by start), or null.
 */
function firstFree(day: TrackDay, busy: Busy, minutes: number, notBefore = day.from): number | null {
  let cursor = Math.max(day.from, notBefore);
  for (const [start, end] of busy) {
    if (cursor + minutes <= start && (minutes > 0 || cursor < start)) break;
    cursor = Math.max(cursor, end);
  }
  return cursor + minutes <= day.from + day.capacity ? cursor : null;
}

/** Packs the gathering afresh (the previous plan is not kept yet). See the header for the rules. */
export function packGathering(candidates: readonly TrackCandidate[], options: GatheringOptions): Gathering {
  const specs = new Map(options.tracks.map((t) => [t.id, t]));
  const busy = new Map(options.tracks.map((t) => [t.id, new Map(t.days.map((d) => [d.day, [] as Busy]))]));
  const used = new Map(options.tracks.map((t) => [t.id, 0]));
  const blocked = new Set<string>();
  const ordered = orderTrackCandidates(candidates, options.order).filter((c) => c.tracks.some((id) => specs.has(id)));
  const sessions: Session[] = [];
  const waiting: Array<Omit<TrackWaiting, "position">> = [];
  for (const candidate of ordered) {
    const tracks = candidate.tracks.filter((id) => specs.has(id)).map((id) => specs.get(id)!);
    const c = { ...candidate, tracks: tracks.map((t) => t.id) };
    // Too long: longer than every day it could use (for a joint session, a day all its tracks share).
    const shared = tracks[0]!.days.filter((d) => tracks.every((t) => t.days.some((x) => x.day === d.day)));
    const longest = Math.max(0, ...shared.map((d) => Math.min(...tracks.map((t) => t.days.find((x) => x.day === d.day)!.capacity))));
    if (c.minutes > longest) {
      waiting.push({ ...c, reason: "too-long" });
      continue;
    }
    if (tracks.some((t) => t.total !== null && used.get(t.id)! + c.minutes > t.total)) {
      waiting.push({ ...c, reason: "over-total" });
      continue;
    }
    if (tracks.length === 1 && blocked.has(tracks[0]!.id)) {
      waiting.push({ ...c, reason: "no-room" });
      continue;
    }
    let found: { day: number; date: string; offset: number } | null = null;
    for (const d of shared) {
      // The earliest start free in every track: raise the candidate start until all agree.
      let at: number | null = Math.max(...tracks.map((t) => t.days.find((x) => x.day === d.day)!.from));
      for (let agreed = false; at !== null && !agreed; ) {
        agreed = true;
        for (const t of tracks) {
          const next: number | null = firstFree(t.days.find((x) => x.day === d.day)!, busy.get(t.id)!.get(d.day)!, c.minutes, at);
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
      if (options.policy === "strict" && tracks.length === 1) blocked.add(tracks[0]!.id);
      continue;
    }
    for (const t of tracks) {
      const b = busy.get(t.id)!.get(found.day)!;
      b.push([found.offset, found.offset + c.minutes]);
      b.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      used.set(t.id, used.get(t.id)! + c.minutes);
    }
    sessions.push({ ...c, ...found });
  }
  return assemble(options.tracks, sessions, waiting);
}

/** The gathering from its sessions and waiting topics: per track, and each once. */
function assemble(tracks: readonly TrackSpec[], sessions: Session[], waiting: ReadonlyArray<Omit<TrackWaiting, "position">>): Gathering {
  const order = tracks.map((t) => t.id);
  const sorted = [...sessions].sort((a, b) => a.day - b.day || a.offset - b.offset || order.indexOf(a.tracks[0]!) - order.indexOf(b.tracks[0]!));
  const listed = waiting.map((w, i) => ({ ...w, position: i + 1 }));
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
  const seen = new Set<string>();
  const unique = candidates.filter((c) => (seen.has(c.topic.id) ? false : (seen.add(c.topic.id), true)));
  const byId = new Map(unique.map((c) => [c.topic.id, c]));
  return orderCandidates(unique, order).map((c) => byId.get(c.topic.id)!);
}

/** The state kept in the event issue: ids in schedule and waiting order, queue times, and each session's date and offset. */
export function gatheringState(gathering: Gathering): AgendaState {
  const queuedAt: Record<string, string> = {};
  for (const c of [...gathering.sessions, ...gathering.waiting]) queuedAt[c.topic.id] = c.queuedAt;
  return {
    scheduled: gathering.sessions.map((s) => s.topic.id),
    waiting: gathering.waiting.map((w) => w.topic.id),
    queuedAt,
    plan: Object.fromEntries(gathering.sessions.map((s) => [s.topic.id, { date: s.date, offset: s.offset }])),
  };
}
