/**
 * publishCalendar: the iCalendar file (RFC 5545) of every series and event,
 * published like the minutes (publishFile: a commit, or a pull request), so
 * people subscribe to it instead of copying dates.
 *
 * Decisions:
 * - Every series of the config, in the config's order; a series whose
 *   meetings are all over is left out by `seriesCalendar`.
 * - `from` and DTSTAMP are the run's "now": a recurring series starts at its
 *   first meeting that has not ended. A file that differs from the published
 *   one only in its DTSTAMP lines is not written again (the published text is
 *   kept), so a daily run commits only when a meeting passed or the config
 *   changed.
 * - The UIDs' right-hand side is `docket.<owner>` (the owner of the
 *   config's home), so the calendars of several organisations never clash
 *   in one calendar app.
 * - A meeting whose issue is closed as not planned is cancelled: its date is
 *   left out (EXDATE, src/render/calendar.ts); a cancelled multi-day event's
 *   days are marked STATUS:CANCELLED. One request per series or event reads
 *   its meeting issues (the 30 newest, and the 100 newest closed ones by their
 *   titles: a date cancelled far ahead was opened long before the meetings
 *   around it).
 * - Without `calendar:` in the config, the defaults apply (calendar/docket.ics,
 *   committed to the top-level `repository`).
 * - An event with tracks (issue 15) ALSO gets one file per track at `calendar.track-path`
 *   (default calendar/{series}-{track}.ics), built from the gathering as the next sync would
 *   write it (./gathering.ts readGathering, read-only) with each session's pad
 *   (./session-pads.ts): render/calendar.ts trackCalendars. Its sessions are those the event
 *   issue's readers may read, and of those only the ones every reader of the calendar's
 *   repository may read (a public calendar repository shows no private topic), counted in
 *   `hidden`. The event issue closed as not planned: every session STATUS:CANCELLED.
 * - Every file is published the same way (DTSTAMP-only changes keep the published text); with
 *   `publish: pull-request` they all go to the one branch docket/calendar and its one pull request,
 *   whose title and body name them all (the same for every file, so publishing one file after
 *   another does not rewrite the pull request back and forth).
 */
import { meetingRepository, resolveRepository, seriesLabel } from "../config/load.js";
import type { Audience } from "../domain/visibility.js";
import type { DocketIssue } from "../github/gateway.js";
import { calendarSchema } from "../config/schema.js";
import { seriesCalendar, trackCalendars, type CalendarSeries } from "../render/calendar.js";
import { oneLine } from "../render/escape.js";
import { meetingIssueDate, meetingIssueLabel } from "./agenda.js";
import { CommandError } from "./command-error.js";
import type { JobContext, LoadedConfig } from "./context.js";
import { fillPath, publishFile, type PublishRequest, type PublishResult } from "./publish.js";
import { readGathering, tracksOfSeries } from "./gathering.js";
import { readSessionPads } from "./session-pads.js";

export interface CalendarResult {
  /** The .ics text as published (or as it would be). */
  text: string;
  /** VEVENTs in the file. */
  events: number;
  /** Series (and events) in the file. */
  series: string[];
  published: PublishResult;
  /** The per-track files of events with tracks, in the config's order. */
  tracks: TrackCalendarResult[];
  /** Sessions left out of the track files: their topics are not readable by everyone who may read the calendar's repository. */
  hidden: number;
  /** What reading a gathering reported (a search cut short...): the track files may miss sessions. */
  warnings: string[];
}

export interface TrackCalendarResult {
  series: string;
  track: string;
  /** VEVENTs (sessions) in the file. */
  events: number;
  published: PublishResult;
}

/** Without the DTSTAMP lines (and their folded continuations), to compare two generations of one calendar. */
export function withoutStamps(ics: string): string {
  return ics.replace(/^DTSTAMP[:;][^\r\n]*(\r?\n[ \t][^\r\n]*)*\r?\n/gm, "");
}

export async function publishCalendar(ctx: JobContext, loaded: LoadedConfig): Promise<CalendarResult> {
  const settings = loaded.config.calendar ?? calendarSchema.parse({});
  const path = fillPath(settings.path, {}, "calendar.path");
  const entries = Object.entries(loaded.config.meetings);
  if (entries.length === 0) throw new CommandError("no meeting series are configured: add one under `meetings:`", "meetings");
  // Cancelled meetings (issues closed as not planned) are left out: one read of each series' meeting issues.
  const series: CalendarSeries[] = [];
  for (const [id, config] of entries) {
    const cancelled = cancelledDates(
      id,
      config.title,
      await ctx.gateway.docketIssues(meetingRepository(loaded.config, config, loaded.home), meetingIssueLabel(id)),
    );
    // A gathering's topics join by its tracks' labels, not the series' own (./gathering.ts).
    const labels = tracksOfSeries(id, config).map((t) => t.label);
    series.push({ id, config: { ...config, label: seriesLabel(id, config), labels }, ...(cancelled.length > 0 ? { cancelled } : {}) });
  }
  const at = resolveRepository(settings.repository ?? loaded.config.repository, loaded.home);
  const prodId = { company: "Docket", product: "Docket" };
  const domain = `docket.${loaded.home.owner.toLowerCase()}`;
  const text = seriesCalendar(series, { prodId, from: ctx.now, stamp: ctx.now, name: `Docket: ${loaded.home.owner}`, domain });

  // The tracks' files: every gathering read first, so the pull request (if any) can name them all.
  const trackFiles: Array<{ series: string; track: string; path: string; text: string; events: number; message: string }> = [];
  const warnings: string[] = [];
  let hidden = 0;
  let audience: Audience | undefined;
  for (const [id, config] of entries) {
    if (!config.event?.tracks) continue;
    const read = await readGathering(ctx, loaded, id);
    if (read === null) continue;
    warnings.push(...read.problems.map((p) => `meetings.${id}: ${p}`));
    const built = trackCalendars(
      {
        seriesId: id,
        title: config.title,
        event: config.event,
        gathering: read.gathering,
        pads: readSessionPads(read.issue?.body),
        audience: (audience ??= await ctx.gateway.repoAudience(at)),
        cancelled: read.issue?.state === "closed" && read.issue.stateReason === "not_planned",
      },
      { prodId, stamp: ctx.now, domain },
    );
    hidden += built.hidden;
    for (const c of built.calendars) {
      const trackPath = fillPath(settings["track-path"], { series: id, track: c.track.id }, "calendar.track-path");
      if (trackPath === path || trackFiles.some((f) => f.path === trackPath)) {
        throw new CommandError(
          `\`${settings["track-path"]}\` gives the same file (${trackPath}) for two calendars: name {series} and {track} in it`,
          "calendar.track-path",
        );
      }
      trackFiles.push({
        series: id,
        track: c.track.id,
        path: trackPath,
        text: c.text,
        events: c.events,
        message: `Update the calendar of ${oneLine(config.title)} — ${oneLine(c.track.title)}`,
      });
    }
  }
  if (hidden > 0)
    ctx.log.info(
      { repo: `${at.owner}/${at.repo}`, hidden },
      "sessions left out of the track calendars: some readers of the calendar may not read their topics",
    );

  const files = [path, ...trackFiles.map((f) => f.path)];
  const pullRequest = {
    title: "Update the meeting calendar",
    body:
      trackFiles.length === 0
        ? `The iCalendar file of every meeting series and event, written by Docket from \`.github/docket.yml\`. Merge to publish it at \`${path}\`.`
        : `The iCalendar files of every meeting series and event, and of each track of a gathering, written by Docket from \`.github/docket.yml\`. Merge to publish them at ${files.map((f) => `\`${f}\``).join(", ")}.`,
  };
  const publish = (file: string, text: string, message: string) =>
    publishIcs(ctx, { at, path: file, text, mode: settings.publish, message, branch: "docket/calendar", pullRequest });
  const published = await publish(path, text, "Update the meeting calendar");
  const tracks: TrackCalendarResult[] = [];
  for (const f of trackFiles) tracks.push({ series: f.series, track: f.track, events: f.events, published: (await publish(f.path, f.text, f.message)).result });

  const events = text.match(/^BEGIN:VEVENT\r?$/gm)?.length ?? 0;
  const uids = [...text.matchAll(/^UID:([^@\r\n]+)@/gm)].map((m) => m[1]!);
  const inFile = series.filter((s) => uids.some((uid) => uid === s.id || new RegExp(`^${s.id}-\\d{4}-\\d{2}-\\d{2}$`).test(uid))).map((s) => s.id);
  return { text: published.text, events, series: inFile, published: published.result, tracks, hidden, warnings };
}

/** Publishes an .ics; a text that differs from the published one only in its DTSTAMP lines publishes the text that is there (no commit). */
async function publishIcs(ctx: JobContext, req: PublishRequest): Promise<{ text: string; result: PublishResult }> {
  const repo = await ctx.gateway.repository(req.at);
  const current = await ctx.gateway.file(req.at, req.path, repo.defaultBranch);
  const text = current !== null && withoutStamps(current.text) === withoutStamps(req.text) ? current.text : req.text;
  return { text, result: await publishFile(ctx, { ...req, text }) };
}

/** The dates of a series' meetings whose issues were closed as not planned (cancelled), by their identity line, else their title. */
export function cancelledDates(seriesId: string, seriesTitle: string, issues: readonly DocketIssue[]): string[] {
  return issues.flatMap((i) => {
    const date = i.state === "closed" && i.stateReason === "not_planned" ? meetingIssueDate(i, seriesId, seriesTitle) : null;
    return date !== null ? [date] : [];
  });
}
