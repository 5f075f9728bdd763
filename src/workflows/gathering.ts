/**
 * A multi-track gathering (an event with `tracks`, issue 15): its topics, packed into the tracks.
 *
 * - readGathering: read-only, the gathering as the event issue's next sync would write it (the
 *   calendar, `/next` and the recap use it); once the event is over (or its issue closed) the
 *   plan last written stands: the topics it lists, closed ones too.
 * - syncGathering: syncAgenda's branch for an event with tracks (./agenda.ts).
 *
 * Topics join through their TRACK labels only (one search, `label:"a","b"`: any of them); a topic
 * with two or more is a joint session. Whoever may not read a topic never sees it: gatherTopics
 * leaves out what the event issue's readers may not read.
 */
import { meetingRepository } from "../config/load.js";
import type { SeriesConfig } from "../config/schema.js";
import { eventDays, type EventDay } from "../domain/schedule.js";
import { keepQueueTimes } from "../domain/topics.js";
import { trackCandidates, trackLabels } from "../domain/track-topics.js";
import { packGathering, resolveTracks, type Gathering, type TrackSpec } from "../domain/tracks.js";
import type { AgendaState, Topic } from "../domain/types.js";
import type { Audience } from "../domain/visibility.js";
import type { DocketIssue, RepoRef } from "../github/gateway.js";
import { readState } from "../render/markers.js";
import { findMeetingIssue, meetingIssueLabel, pickEvent } from "./agenda.js";
import type { JobContext, LoadedConfig } from "./context.js";
import { gatherTopics, topicQuery } from "./gather.js";

/** What readGathering returns: the gathering and what it was built from. */
export interface GatheringRead {
  series: SeriesConfig;
  tracks: TrackSpec[];
  days: EventDay[];
  /** The event's meeting issue (open or closed), or null when none was opened yet. */
  issue: DocketIssue | null;
  gathering: Gathering;
  problems: string[];
}

/** The tracks of a series (its event's), or [] for a series or single-room event. */
export function tracksOfSeries(seriesId: string, series: SeriesConfig): TrackSpec[] {
  return series.event?.tracks ? resolveTracks(seriesId, series.event, series["recurring-time"]) : [];
}

/** The search for a gathering's topics: the open ones with any track's label. */
export function gatheringQuery(loaded: LoadedConfig, tracks: readonly TrackSpec[]): string {
  return topicQuery(loaded, trackLabels(tracks));
}

/**
 * The gathering of `seriesId` as the next sync would write it, writing nothing; null when the
 * series is not an event with tracks. Reads: one request (the event's issues with the search's
 * first page), the rest of the search, fresh reads of what the issue's state lists.
 */
export async function readGathering(ctx: JobContext, loaded: LoadedConfig, seriesId: string): Promise<GatheringRead | null> {
  const series = loaded.config.meetings[seriesId];
  const tracks = series ? tracksOfSeries(seriesId, series) : [];
  if (!series?.event || tracks.length === 0) return null;
  const days = eventDays(series.event);
  const at = meetingRepository(loaded.config, series, loaded.home);
  const inputs = await ctx.gateway.agendaInputs(at, meetingIssueLabel(seriesId), gatheringQuery(loaded, tracks), []);
  const picked = pickEvent(seriesId, series, ctx.now, inputs.issues);
  // Over (or closed): the plan last written stands; the event issue is found all the same.
  let issue = picked.target?.issue ?? (days[0] ? findMeetingIssue(inputs.issues, seriesId, series.title, days[0]) : null);
  if (issue?.withoutBody) issue = await ctx.gateway.issue(at, issue.number);
  const packed = await packTracks(ctx, loaded, { seriesId, series, tracks, at, issue, frozen: picked.target === null, read: { ...(inputs.searched ? { searched: inputs.searched } : {}), fresh: inputs.fresh }, fresh: [] });
  return { series, tracks, days, issue, gathering: packed.gathering, problems: [...packed.problems] };
}

export interface PackRequest {
  seriesId: string;
  series: SeriesConfig;
  tracks: TrackSpec[];
  /** The meeting repository (the event issue's). */
  at: RepoRef;
  issue: DocketIssue | null;
  /** The event is over (or its issue closed): the topics its state lists, as they were packed, closed ones too. */
  frozen: boolean;
  /** What the first request read already (the search, fresh reads). */
  read: { searched?: { topics: Topic[]; total: number; truncated: boolean }; fresh: ReadonlyMap<string, Topic | null> };
  /** Node ids to read fresh (the topics the triggering events named). */
  fresh: readonly string[];
}

export interface Packed {
  gathering: Gathering;
  previous: AgendaState | null;
  /** Who may read the event issue. */
  output: Audience;
  problems: string[];
  warnings: string[];
  hidden: number;
}

/** Gathers the topics of every track and packs them, keeping the previous plan (the event issue's state). */
export async function packTracks(ctx: JobContext, loaded: LoadedConfig, req: PackRequest): Promise<Packed> {
  const { series, tracks, issue } = req;
  const previous = issue ? readState(issue.body) : null;
  const output = await ctx.gateway.repoAudience(req.at);
  const gathered = await gatherTopics(ctx, loaded, {
    output,
    label: trackLabels(tracks),
    fresh: req.fresh,
    listed: previous ? [...previous.scheduled, ...previous.waiting] : [],
    what: "topics",
    read: req.read,
  });
  const warnings = [...gathered.warnings];
  if (series.board) warnings.push(`meetings.${req.seriesId}.board: an event with tracks takes its topics from the tracks' labels; the board is not read`);
  const { config } = loaded;
  const estimate = { labelPrefix: config["estimate-label-prefix"], formField: config["estimate-field"], defaultMinutes: series["default-estimate"] };
  let candidates = keepQueueTimes(trackCandidates(gathered.labelled, tracks, estimate, { closedToo: req.frozen }), previous?.queuedAt);
  if (req.frozen) {
    const listed = new Set(previous ? [...previous.scheduled, ...previous.waiting] : []);
    candidates = candidates.filter((c) => listed.has(c.topic.id));
  }
  const gathering = packGathering(candidates, { tracks, policy: series["waiting-list"], order: series.order, previous, keepTimes: series["keep-times"] });
  return { gathering, previous, output, problems: gathered.problems, warnings, hidden: gathered.hidden };
}
