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
 */
import { meetingRepository, resolveRepository, seriesLabel } from "../config/load.js";
import type { DocketIssue } from "../github/gateway.js";
import { calendarSchema } from "../config/schema.js";
import { seriesCalendar, type CalendarSeries } from "../render/calendar.js";
import { meetingIssueDate, meetingIssueLabel } from "./agenda.js";
import { CommandError } from "./command-error.js";
import type { JobContext, LoadedConfig } from "./context.js";
import { fillPath, publishFile, type PublishResult } from "./publish.js";

export interface CalendarResult {
  /** The .ics text as published (or as it would be). */
  text: string;
  /** VEVENTs in the file. */
  events: number;
  /** Series (and events) in the file. */
  series: string[];
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
    const cancelled = cancelledDates(id, config.title, await ctx.gateway.docketIssues(meetingRepository(loaded.config, config, loaded.home), meetingIssueLabel(id)));
    series.push({ id, config: { ...config, label: seriesLabel(id, config) }, ...(cancelled.length > 0 ? { cancelled } : {}) });
  }
  const at = resolveRepository(settings.repository ?? loaded.config.repository, loaded.home);
  let text = seriesCalendar(series, {
    prodId: { company: "Docket", product: "Docket" },
    from: ctx.now,
    stamp: ctx.now,
    name: `Docket: ${loaded.home.owner}`,
    domain: `docket.${loaded.home.owner.toLowerCase()}`,
  });
  // A run that would change only DTSTAMP publishes the text that is already there.
  const repo = await ctx.gateway.repository(at);
  const current = await ctx.gateway.file(at, path, repo.defaultBranch);
  if (current !== null && withoutStamps(current.text) === withoutStamps(text)) text = current.text;
  const published = await publishFile(ctx, {
    at,
    path,
    text,
    mode: settings.publish,
    message: "Update the meeting calendar",
    branch: "docket/calendar",
    pullRequest: { title: "Update the meeting calendar", body: `The iCalendar file of every meeting series and event, written by Docket from \`.github/docket.yml\`. Merge to publish it at \`${path}\`.` },
  });
  const events = text.match(/^BEGIN:VEVENT\r?$/gm)?.length ?? 0;
  const uids = [...text.matchAll(/^UID:([^@\r\n]+)@/gm)].map((m) => m[1]!);
  const inFile = series.filter((s) => uids.some((uid) => uid === s.id || new RegExp(`^${s.id}-\\d{4}-\\d{2}-\\d{2}$`).test(uid))).map((s) => s.id);
  return { text, events, series: inFile, published };
}

/** The dates of a series' meetings whose issues were closed as not planned (cancelled), by their identity line, else their title. */
function cancelledDates(seriesId: string, seriesTitle: string, issues: readonly DocketIssue[]): string[] {
  return issues.flatMap((i) => {
    const date = i.state === "closed" && i.stateReason === "not_planned" ? meetingIssueDate(i, seriesId, seriesTitle) : null;
    return date !== null ? [date] : [];
  });
}
