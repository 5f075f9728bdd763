/**
 * publishRecaps: the Action's `recap` command. The recap of a multi-track gathering (an event with
 * `tracks`), built from each session's notes and published as one Markdown file like the minutes.
 *
 * 1. Which gatherings: the one named (`series`; it must be an event with tracks), else every
 *    event with tracks whose last day is over in its time zone. A configuration without any such
 *    event is an error that names what to configure; one whose gatherings have not ended yet has
 *    nothing to do.
 * 2. Read, writing nothing: the gathering as the event issue holds it (./gathering.ts
 *    readGathering: once the event is over, the plan last written), the event issue's body and
 *    comments, its notes area and meeting pad (./minutes.ts readNotes, as the minutes read them),
 *    and each session's pad (kept in the issue by ./session-pads.ts). A pad that cannot be read stops the recap, as it
 *    stops the minutes: nothing is published without it.
 * 3. Private stays private, as in the minutes: the recap is published in the minutes' repository
 *    (`minutes.repository`, default the meeting repository); a session some of its readers may not
 *    read is left out with its notes and pad (../domain/recap.ts), counted in the summary.
 * 4. Publish at `event.recap` (default `recaps/{series}.md`) with the minutes' mode (`minutes.publish`:
 *    commit, or pull request from the branch `docket/recap/<series>`). The same notes give the
 *    same bytes, so a rerun with nothing new writes nothing.
 */
import { DateTime } from "luxon";
import { meetingRepository, resolveRepository } from "../config/load.js";
import type { SeriesConfig } from "../config/schema.js";
import { topicRef } from "../domain/minutes.js";
import { recapModel, type RecapModel } from "../domain/recap.js";
import type { Session } from "../domain/tracks.js";
import { canShow } from "../domain/visibility.js";
import { repoKey, type IssueDetails, type RepoRef } from "../github/gateway.js";
import { inline, linkMarkdown } from "../render/escape.js";
import { readPadState, type PadState } from "../render/notes.js";
import { PadError } from "../pads/pads.js";
import { recapMarkdown } from "../render/recap.js";
import { CommandError, selectSeries } from "./command-error.js";
import type { JobContext, LoadedConfig } from "./context.js";
import { readGathering } from "./gathering.js";
import { readNotes } from "./minutes.js";
import { readSessionPadStates } from "./session-pads.js";
import { fillPath, publishFile, type PublishResult } from "./publish.js";

export const DEFAULT_RECAP_PATH = "recaps/{series}.md";

export interface RecapJobInput {
  /** An event id; default: every event with tracks whose last day is over. */
  series?: string;
}

export interface PublishedRecap {
  seriesId: string;
  /** The event issue the recap was built from. */
  issue: IssueDetails;
  model: RecapModel;
  markdown: string;
  published: PublishResult;
}

export interface RecapJobResult {
  recaps: PublishedRecap[];
  /** Why there was nothing to do (no gathering has ended yet); null when a recap was made. */
  skipped: string | null;
  /** Things worth a look that do not fail the step (lines that could not be read). */
  warnings: string[];
}

/** The events with tracks of the configuration. */
function gatherings(meetings: Readonly<Record<string, SeriesConfig>>): string[] {
  return Object.keys(meetings).filter((id) => meetings[id]!.event?.tracks !== undefined);
}

/** The event's last day is over in its time zone. */
function isOver(series: SeriesConfig, now: Date): boolean {
  const event = series.event!;
  return DateTime.fromJSDate(now, { zone: event.timezone }).toISODate()! > event.to;
}

export async function publishRecaps(ctx: JobContext, loaded: LoadedConfig, input: RecapJobInput = {}): Promise<RecapJobResult> {
  const { meetings } = loaded.config;
  const withTracks = gatherings(meetings);
  const result: RecapJobResult = { recaps: [], skipped: null, warnings: [] };
  let ids: string[];
  if (input.series) {
    selectSeries(meetings, input.series);
    if (!withTracks.includes(input.series)) {
      const others = withTracks.length === 0 ? "" : ` (events with tracks: ${withTracks.join(", ")})`;
      throw new CommandError(
        `\`${input.series}\` is not an event with tracks: the recap is of a multi-track gathering, whose \`event.tracks\` it reports on${others}`,
        `meetings.${input.series}`,
      );
    }
    ids = [input.series];
  } else {
    if (withTracks.length === 0) {
      throw new CommandError(
        "there is no event with tracks in the configuration: the recap is of a multi-track gathering (a series' `event` with `tracks`)",
        "meetings",
      );
    }
    ids = withTracks.filter((id) => isOver(meetings[id]!, ctx.now));
    if (ids.length === 0) {
      const names = withTracks.map((id) => `${meetings[id]!.title} (until ${meetings[id]!.event!.to})`).join(", ");
      result.skipped = `no gathering has ended yet: ${names}; name one with \`series\` for a recap so far`;
      ctx.log.info({ gatherings: withTracks }, `no recap: ${result.skipped}`);
      return result;
    }
  }
  for (const id of ids) result.recaps.push(await publishRecap(ctx, loaded, id, result.warnings));
  return result;
}

async function publishRecap(ctx: JobContext, loaded: LoadedConfig, seriesId: string, warnings: string[]): Promise<PublishedRecap> {
  const where = `meetings.${seriesId}`;
  const read = await readGathering(ctx, loaded, seriesId);
  if (read === null) throw new CommandError(`\`${seriesId}\` is not an event with tracks`, where);
  const { series, gathering, days } = read;
  const event = series.event!;
  warnings.push(...read.problems.map((p) => `${where}: ${p}`));
  if (read.issue === null) {
    throw new CommandError(
      `there is no event issue for ${series.title} yet: the recap is built from the notes in it and its sessions' pads (the app or the \`agenda\` command opens it)`,
      where,
    );
  }
  const at: RepoRef = meetingRepository(loaded.config, series, loaded.home);
  const issue = await ctx.gateway.issue(at, read.issue.number);
  if (issue === null) throw new CommandError(`the event issue ${read.issue.url} could not be read`, where);

  // Private stays private: the sessions some readers of the minutes' repository may not read are left out.
  const recapAt = resolveRepository(series.minutes.repository, at);
  const output = await ctx.gateway.repoAudience(recapAt);
  const leftOut = new Set(gathering.sessions.filter((s) => !canShow(s.topic.audience, output)).map((s) => s.topic.id));
  if (leftOut.size > 0) ctx.log.info({ series: seriesId, hidden: leftOut.size }, "sessions left out of the recap: some readers of the recap may not read them");

  const comments = await ctx.gateway.issueComments(at, issue.number);
  const notes = await readNotes(ctx, seriesId, series, issue, warnings, "recap");
  const sessionPads = readSessionPadStates(issue.body);
  const sessionNotes = await readSessionNotes(
    ctx,
    seriesId,
    series,
    issue,
    gathering.sessions.filter((s) => !leftOut.has(s.topic.id)),
    sessionPads,
  );
  const model = recapModel({
    seriesId,
    title: series.title,
    days,
    timezone: event.timezone,
    location: event.location ?? series.location ?? null,
    meeting: { url: issue.url, number: issue.number, body: issue.body, author: issue.author },
    gathering,
    comments,
    notes: notes.map(({ source, text }) => ({ source, text })),
    sessionNotes: sessionNotes.map(({ topicId, source, text }) => ({ topicId, source, text })),
    pads: { meeting: readPadState(issue.body)?.url ?? null, sessions: Object.fromEntries(Object.entries(sessionPads).map(([id, pad]) => [id, pad.url])) },
    recurring: series.recurring,
    getInvolved: event["get-involved"] ?? [],
    leftOut,
  });
  for (const p of model.problems) {
    const place = p.notes
      ? ([...notes, ...sessionNotes].find((n) => n.source === p.commentId)?.where ?? String(p.commentId))
      : `${issue.url}#issuecomment-${p.commentId} (@${p.author}`;
    warnings.push(`${place}, line ${p.line}): ${p.message}`);
  }
  const markdown = recapMarkdown(model);

  const path = fillPath(event.recap ?? DEFAULT_RECAP_PATH, { series: seriesId }, `${where}.event.recap`);
  const published = await publishFile(ctx, {
    at: recapAt,
    path,
    text: markdown,
    mode: series.minutes.publish,
    message: `Recap of ${series.title}`,
    branch: `docket/recap/${seriesId}`,
    pullRequest: {
      title: `Recap of ${series.title}`,
      body: `The recap of ${linkMarkdown(inline(series.title), issue.url)}, written by Docket from the notes of its sessions. Merge to publish it at \`${path}\`.`,
    },
  });
  ctx.log.info({ series: seriesId, meeting: issue.url, published: published.status, url: published.url, repository: repoKey(recapAt) }, "recap published");
  return { seriesId, issue, model, markdown, published };
}

/**
 * Each session's pad (kept in the event issue's `session-pads` section), read from the series' pad
 * server by its id, for the sessions given (those the recap may show). A pad that cannot be read
 * stops the recap, as the meeting pad stops the minutes: nothing is published without its notes.
 */
async function readSessionNotes(
  ctx: JobContext,
  seriesId: string,
  series: SeriesConfig,
  issue: IssueDetails,
  sessions: readonly Session[],
  pads: Readonly<Record<string, PadState>>,
): Promise<Array<{ topicId: string; source: string; text: string; where: string }>> {
  const out: Array<{ topicId: string; source: string; text: string; where: string }> = [];
  for (const s of sessions) {
    const pad = pads[s.topic.id];
    if (pad === undefined) continue;
    const name = topicRef(s.topic) ?? s.topic.title;
    const stop = (why: string) =>
      new CommandError(
        `${issue.url} links the pad ${pad.url} of the session ${name}, but ${why}; no recap was published. Run again when the pad can be read`,
        `meetings.${seriesId}.notes`,
      );
    if (ctx.pads === undefined) throw stop("this job cannot read pads");
    try {
      out.push({ topicId: s.topic.id, source: pad.url, text: await ctx.pads.read(series.notes, pad), where: `${pad.url} (the pad of ${name}` });
    } catch (error) {
      if (error instanceof PadError) throw stop(error.message);
      throw error;
    }
  }
  return out;
}
