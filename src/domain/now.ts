/**
 * "Now and next" during a multi-track gathering (issue 15): a track's chair says in the event's
 * meeting issue what its room is on now and what comes next, so people in the hallway see where
 * to go.
 *
 *   /now <track> #12 | owner/repo#12 | <free text>   the room is on that session now
 *   /now <track> clear | -                            nothing now
 *   /next <track> #14 | owner/repo#14 | <free text>   what comes next there (`clear`, `-`: nothing)
 *   /next <track>                                     what was next becomes now; next becomes the
 *                                                     session that follows it on the track's schedule
 *
 * Pure: commands are read (interpretNowCommand), references resolved by the workflow, then applied
 * in order to the state kept in the section (applyNow). Nothing here knows GitHub or the clock.
 */
import type { CommandLine } from "./commands.js";

/** What a track's room is on: a topic readers may see, a topic they may not (nothing about it is kept), or free text. */
export type NowSession =
  | { kind: "topic"; id: string; repo: string; number: number; title: string; url: string }
  | { kind: "private" }
  | { kind: "text"; text: string };

export interface TrackNow {
  now: NowSession | null;
  next: NowSession | null;
}

/** The state kept (hidden) in the "Happening now" section. */
export interface NowState {
  /** Per track id. A track not listed has nothing now and nothing next. */
  tracks: Record<string, TrackNow>;
  /**
   * The ids of the comments whose commands were applied, ascending, the newest APPLIED_KEPT: a
   * comment is never applied twice (a retried job, a redelivery), and one delivered after a newer
   * one (GitHub does not promise the order) still applies (wasApplied).
   */
  applied: number[];
}

export const emptyNowState = (): NowState => ({ tracks: {}, applied: [] });

/** How many applied comment ids the state keeps (about 12 characters each in the event issue). */
export const APPLIED_KEPT = 50;

/**
 * Whether a comment's commands were applied before: its id is kept, or it is older than every id
 * kept once the list is full (it was applied before the ids it would sit among were dropped).
 */
export function wasApplied(state: Pick<NowState, "applied">, commentId: number): boolean {
  const ids = state.applied;
  return ids.includes(commentId) || (ids.length >= APPLIED_KEPT && commentId < ids[0]!);
}

/** The state with `commentId` among the applied ones (the oldest dropped beyond APPLIED_KEPT). */
export function markApplied<T extends Pick<NowState, "applied">>(state: T, commentId: number): T {
  const ids = [...new Set([...state.applied, commentId])].sort((a, b) => a - b);
  return { ...state, applied: ids.slice(-APPLIED_KEPT) };
}

/** What a command names: an issue or pull request (`#12`: the event issue's repository), or free text. */
export type NowTarget = { kind: "ref"; repo: string | null; number: number } | { kind: "text"; text: string };

export type NowCommand =
  | { kind: "set"; which: "now" | "next"; track: string; target: NowTarget }
  | { kind: "clear"; which: "now" | "next"; track: string }
  | { kind: "advance"; track: string }
  | { kind: "unknown-track"; name: "now" | "next"; track: string }
  | { kind: "usage"; name: "now" | "next" };

const REF = /^(?:([A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}))?#(\d{1,9})$/;

/** Reads one `/now` or `/next` line against the event's track ids (compared case-insensitively). */
export function interpretNowCommand(cmd: CommandLine, trackIds: readonly string[]): NowCommand {
  const name = cmd.name === "next" ? "next" : "now";
  const [first, ...more] = cmd.args;
  if (first === undefined) return { kind: "usage", name };
  const track = trackIds.find((id) => id.toLowerCase() === first.toLowerCase());
  if (track === undefined) return { kind: "unknown-track", name, track: first };
  const rest = cmd.rest.slice(first.length).trim();
  if (rest === "") return name === "next" ? { kind: "advance", track } : { kind: "usage", name };
  if (more.length === 1 && (rest.toLowerCase() === "clear" || rest === "-")) return { kind: "clear", which: name, track };
  const ref = more.length === 1 ? REF.exec(rest) : null;
  if (ref !== null) return { kind: "set", which: name, track, target: { kind: "ref", repo: ref[1] ?? null, number: Number(ref[2]) } };
  return { kind: "set", which: name, track, target: { kind: "text", text: rest } };
}

/** A session of a track's schedule, in schedule order, with when it starts (epoch milliseconds). */
export interface ScheduledSession {
  session: Extract<NowSession, { kind: "topic" }>;
  startsAt: number;
}

/**
 * The session that follows `current` on a track's schedule: the one after it when it is a
 * scheduled topic; otherwise (free text, a private topic, a topic not on the schedule, nothing)
 * the first session that starts at or after `now`. Null when the schedule has none.
 */
export function followingSession(current: NowSession | null, schedule: readonly ScheduledSession[], now: number): NowSession | null {
  if (current?.kind === "topic") {
    const at = schedule.findIndex((s) => s.session.id === current.id);
    if (at >= 0) return schedule[at + 1]?.session ?? null;
  }
  return schedule.find((s) => s.startsAt >= now)?.session ?? null;
}

/** A command ready to apply: what a `set` names, resolved by the workflow. */
export type ResolvedNowCommand =
  | { kind: "set"; which: "now" | "next"; track: string; session: NowSession }
  | { kind: "clear"; which: "now" | "next"; track: string }
  | { kind: "advance"; track: string };

/**
 * Applies one command to the state (a new state; the old one is left as it was). `advance`: what
 * was next becomes now (with nothing next, the session after the current one on the schedule),
 * and next becomes the session after the new one; null when there is nothing to move to.
 */
export function applyNow(state: NowState, command: ResolvedNowCommand, schedule: readonly ScheduledSession[], now: number): NowState | null {
  const current = state.tracks[command.track] ?? { now: null, next: null };
  let updated: TrackNow;
  if (command.kind === "set") updated = { ...current, [command.which]: command.session };
  else if (command.kind === "clear") updated = { ...current, [command.which]: null };
  else {
    const moved = current.next ?? followingSession(current.now, schedule, now);
    if (moved === null) return null;
    updated = { now: moved, next: followingSession(moved, schedule, now) };
  }
  return { ...state, tracks: { ...state.tracks, [command.track]: updated } };
}

function isSession(value: unknown): value is NowSession {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.kind === "private") return true;
  if (v.kind === "text") return typeof v.text === "string";
  return (
    v.kind === "topic" &&
    typeof v.id === "string" &&
    typeof v.repo === "string" &&
    Number.isSafeInteger(v.number) &&
    typeof v.title === "string" &&
    typeof v.url === "string"
  );
}

/** The state from its JSON (see render/now.ts); what does not read as one is left out, never thrown. */
export function parseNowState(value: Record<string, unknown> | null): NowState {
  const state = emptyNowState();
  if (value === null) return state;
  const applied = Array.isArray(value.applied) ? value.applied : [];
  // `last`: the one id the first version kept.
  const ids = [...applied, value.last].filter((id): id is number => typeof id === "number" && Number.isSafeInteger(id));
  state.applied = [...new Set(ids)].sort((a, b) => a - b).slice(-APPLIED_KEPT);
  const tracks = value.tracks;
  if (typeof tracks !== "object" || tracks === null || Array.isArray(tracks)) return state;
  for (const [id, entry] of Object.entries(tracks as Record<string, unknown>)) {
    if (typeof entry !== "object" || entry === null) continue;
    const e = entry as Record<string, unknown>;
    state.tracks[id] = { now: isSession(e.now) ? e.now : null, next: isSession(e.next) ? e.next : null };
  }
  return state;
}
