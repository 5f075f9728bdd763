/**
 * publishMinutes: the minutes of one meeting, built from its meeting issue
 * and published as a Markdown file, then linked from the meeting issue.
 *
 * 1. Which meeting: the meeting issue the triggering event is about (its
 *    hidden identity line names the series and date; a pull request, or an
 *    issue that is no meeting issue, is skipped without an error, since a
 *    workflow on `issues: closed` runs for every closed issue; so is a meeting
 *    issue closed as not planned: that meeting was cancelled), or a series and
 *    a date (default: the series' last meeting that has started), found by the
 *    series' Docket label as the agenda job finds it.
 * 2. Read the body (the agenda Docket wrote, the checklist people ticked) and
 *    every comment with its author and time; build the minutes (the role
 *    rotation by the occurrence's number) and render them.
 * 3. Write in an order a rerun completes, each step checking first what is
 *    there: the file (nothing when the same text is published), the comment
 *    that links it (once: found again by its hidden marker), the follow-up
 *    issues (opt-in, once each: found again by their hidden marker), and last
 *    the agenda label of the discussed topics (only once the meeting issue is
 *    closed: while it is open, the app still keeps its agenda up to date, and
 *    unlabelled topics would drop out of it). Topics not discussed keep their
 *    label and the time it was added, so the next agenda lists them first.
 */
import { DateTime } from "luxon";
import { meetingRepository, resolveRepository, seriesLabel } from "../config/load.js";
import type { SeriesConfig } from "../config/schema.js";
import { buildMinutes, topicRef, withoutTopics, type ActionItem, type MinutesModel, type MinutesTopic } from "../domain/minutes.js";
import { canShow, topicAudience } from "../domain/visibility.js";
import { occurrenceNumber, occurrenceOn, previousOccurrence } from "../domain/schedule.js";
import { parseRepo, repoKey, statusOf, type DocketIssue, type IssueComment, type IssueDetails, type RepoRef } from "../github/gateway.js";
import { meetingTitle, readMeetingIdentity } from "../render/agenda.js";
import { hiddenJson, inline, linkMarkdown, readHiddenJson } from "../render/escape.js";
import { agendaTopicsFromBody, type AgendaRow, minutesComment, minutesMarkdown, readMinutesComment } from "../render/minutes.js";
import { notesAreaText, readPadState } from "../render/notes.js";
import { PadError } from "../pads/pads.js";
import { findMeetingIssue, meetingIssueLabel } from "./agenda.js";
import { CommandError, selectSeries } from "./command-error.js";
import type { JobContext, LoadedConfig } from "./context.js";
import { fillPath, publishFile, type PublishResult } from "./publish.js";
import { sprintsReviewedIn } from "./sprint.js";

/** The label on follow-up issues, to find them again. */
export const FOLLOW_UP_LABEL = "docket/follow-up";

export interface MinutesJobInput {
  /** The meeting issue (e.g. the one a closed-issue event is about). */
  issue?: { owner: string; repo: string; number: number };
  /** A series id; with `issue`, minutes are only made for meetings of this series. */
  series?: string;
  /** YYYY-MM-DD; default: the series' last meeting that has started. */
  date?: string;
}

export interface MinutesJobResult {
  /** Why nothing was done (the issue is no meeting issue of a configured series); null when the minutes were made. */
  skipped: string | null;
  seriesId: string | null;
  date: string | null;
  meeting: IssueDetails | null;
  model: MinutesModel | null;
  markdown: string | null;
  published: PublishResult | null;
  /** The comment linking the minutes was (or, dry-run, would be) written by this run. */
  commented: boolean;
  /** Follow-up issues: opened by this run (`opened`) or found from an earlier one. */
  followUps: Array<{ owners: string[]; text: string; url: string | null; opened: boolean }>;
  /** "owner/repo#N" of discussed topics whose agenda label this run removed. */
  unlabelled: string[];
  /** Things worth a look that do not fail the step (commands that could not be read, labels that could not be removed). */
  warnings: string[];
  /** Agenda topics left out of the published minutes because some of their readers may not read them (counted, never named). */
  hidden: number;
}

interface ResolvedMeeting {
  seriesId: string;
  series: SeriesConfig;
  date: string;
  at: RepoRef;
  issue: IssueDetails;
}

export async function publishMinutes(ctx: JobContext, loaded: LoadedConfig, input: MinutesJobInput): Promise<MinutesJobResult> {
  const result: MinutesJobResult = {
    skipped: null,
    seriesId: null,
    date: null,
    meeting: null,
    model: null,
    markdown: null,
    published: null,
    commented: false,
    followUps: [],
    unlabelled: [],
    warnings: [],
    hidden: 0,
  };
  const resolved = await resolveMeeting(ctx, loaded, input);
  if ("skip" in resolved) {
    ctx.log.info({ ...input }, `no minutes: ${resolved.skip}`);
    return { ...result, skipped: resolved.skip };
  }
  const { seriesId, series, date, at, issue } = resolved;
  Object.assign(result, { seriesId, date, meeting: issue });

  // 2. Read and build. A sprint review meeting (`sprints.meeting`): notes about the sprint's items land under them.
  const comments = await ctx.gateway.issueComments(at, issue.number);
  const reviewed = await sprintsReviewedIn(ctx, loaded, seriesId, date, result.warnings);
  const sprintItems = reviewed.flatMap((r) => r.items);
  const notes = await readNotes(ctx, seriesId, series, issue, result.warnings);
  const model = buildMinutes({
    meeting: { seriesId, title: series.title, date, url: issue.url, number: issue.number, body: issue.body, author: issue.author },
    comments,
    topics: withSlots(agendaTopicsFromBody(issue.body), date, series.event?.timezone ?? series.timezone),
    recurring: series.recurring,
    roles: series.roles,
    occurrenceNumber: series.event ? 0 : occurrenceNumber(series, date), // an event happens once
    sprintItems,
    notes: notes.map(({ source, text }) => ({ source, text })),
  });
  // The minutes may be published where not every reader may read every topic (a public minutes
  // repository for a private meeting): those topics are left out of the file, counted.
  const minutesAt = resolveRepository(series.minutes.repository, at);
  const output = await ctx.gateway.repoAudience(minutesAt);
  const leftOut = new Set<string>();
  for (const t of model.topics) {
    const where = t.topic.repo ? parseRepo(t.topic.repo) : null;
    const audience = topicAudience(t.topic.repo, where ? await ctx.gateway.repoVisibility(where) : null);
    if (!canShow(audience, output)) leftOut.add(t.topic.id);
  }
  for (const t of model.sprintItems) {
    const item = sprintItems.find((i) => i.id === t.topic.id)!;
    if (t.discussed && !canShow(item.audience, output)) leftOut.add(t.topic.id);
  }
  result.hidden = leftOut.size;
  if (leftOut.size > 0)
    ctx.log.info({ series: seriesId, date, hidden: leftOut.size }, "topics left out of the minutes: some readers of the minutes may not read them");
  // What is reported (the Action's summary and outputs) is what was published; follow-ups and labels still use every topic.
  const published = withoutTopics(model, leftOut);
  const markdown = minutesMarkdown(published, { sprintReviews: reviewed.map((r) => r.review) });
  Object.assign(result, { model: published, markdown });
  for (const p of model.problems) {
    const where = p.notes
      ? (notes.find((n) => n.source === p.commentId)?.where ?? String(p.commentId))
      : `${issue.url}#issuecomment-${p.commentId} (@${p.author}`;
    result.warnings.push(`${where}, line ${p.line}): ${p.message}`);
  }

  // 3a. The file.
  const title = meetingTitle(series.title, { date });
  const configPath = `meetings.${seriesId}.minutes`;
  const path = fillPath(series.minutes.path, { date, series: seriesId }, `${configPath}.path`);
  result.published = await publishFile(ctx, {
    at: minutesAt,
    path,
    text: markdown,
    mode: series.minutes.publish,
    message: `Minutes of ${title}`,
    branch: `docket/minutes/${seriesId}-${date}`,
    pullRequest: {
      title: `Minutes of ${title}`,
      body: `The minutes of ${linkMarkdown(inline(title), issue.url)}, written by Docket from the meeting issue and its comments. Merge to publish them at \`${path}\`.`,
    },
  });

  // 3b. The comment that links them, once.
  if (!comments.some((c) => isMinutesCommentFor(c, seriesId, date))) {
    await ctx.gateway.comment(at, issue.number, minutesComment(result.published.url, model));
    result.commented = true;
  }

  // 3c. Follow-up issues, once each.
  if (series.minutes["follow-up-issues"] && model.actionItems.length > 0) {
    result.followUps = await openFollowUps(ctx, at, issue, title, result.published.url, model.actionItems, result.warnings);
  }

  // 3d. Discussed topics leave the agenda.
  if (series.minutes["unlabel-discussed"] && issue.state === "closed") {
    const discussed = model.topics.filter((t) => t.discussed).map((t) => t.topic);
    result.unlabelled = await unlabel(ctx, discussed, seriesLabel(seriesId, series), result.warnings);
  }
  ctx.log.info(
    {
      series: seriesId,
      date,
      meeting: issue.url,
      published: result.published.status,
      url: result.published.url,
      commented: result.commented,
      unlabelled: result.unlabelled.length,
    },
    "minutes published",
  );
  return result;
}

/**
 * The notes taken as text, in the order the minutes read them: the meeting issue's notes area,
 * then the meeting's pad (read from the series' pad server by the id kept in the issue). A pad that
 * cannot be read stops the minutes (nothing is published without it): run again, or remove the
 * issue's pad section to publish without the pad. The recap (./recap.ts) reads an event issue's
 * notes so too (`what`: what is not published then).
 */
export async function readNotes(
  ctx: JobContext,
  seriesId: string,
  series: SeriesConfig,
  issue: Pick<IssueDetails, "body" | "url">,
  warnings: string[],
  what = "minutes",
): Promise<Array<{ source: string; text: string; where: string }>> {
  const out: Array<{ source: string; text: string; where: string }> = [];
  const area = notesAreaText(issue.body);
  if (area !== null) {
    if (area.damaged) warnings.push(`${issue.url}: the markers of the notes area are damaged; read from its begin marker to the next marker`);
    out.push({ source: "notes", text: area.text, where: `${issue.url} (notes area` });
  }
  const pad = readPadState(issue.body);
  if (pad === null) return out;
  const configPath = `meetings.${seriesId}.notes`;
  const stop = (why: string) =>
    new CommandError(
      `${issue.url} links the pad ${pad.url}, but ${why}; no ${what} ${what === "minutes" ? "were" : "was"} published. Run again, or remove the pad section from the meeting issue to publish without the pad`,
      configPath,
    );
  if (ctx.pads === undefined) throw stop("this job cannot read pads");
  try {
    out.push({ source: "pad", text: await ctx.pads.read(series.notes, pad), where: `${pad.url} (pad` });
  } catch (error) {
    if (error instanceof PadError) throw stop(error.message);
    throw error;
  }
  return out;
}

/**
 * The planned slot of each agenda row (its start on the meeting's or the event day's date, in the
 * series' zone, for its estimate), so lines written during a topic's time belong to it.
 */
function withSlots(rows: readonly AgendaRow[], date: string, timezone: string): MinutesTopic[] {
  return rows.map(({ planned, ...topic }) => {
    if (planned === undefined) return topic;
    const start = DateTime.fromISO(`${planned.date ?? date}T${planned.start}`, { zone: timezone });
    if (!start.isValid) return topic;
    return { ...topic, slot: { start: start.toUTC().toISO()!, end: start.plus({ minutes: planned.minutes }).toUTC().toISO()! } };
  });
}

function isMinutesCommentFor(comment: IssueComment, seriesId: string, date: string): boolean {
  const marker = readMinutesComment(comment.body);
  return marker !== null && marker.series === seriesId && marker.date === date;
}

// ---------------------------------------------------------------------------
// Which meeting

async function resolveMeeting(ctx: JobContext, loaded: LoadedConfig, input: MinutesJobInput): Promise<ResolvedMeeting | { skip: string }> {
  const { config, home } = loaded;
  if (input.issue) {
    const at = { owner: input.issue.owner, repo: input.issue.repo };
    const ref = `${repoKey(at)}#${input.issue.number}`;
    const issue = await ctx.gateway.issue(at, input.issue.number);
    if (issue === null) throw new CommandError(`the meeting issue ${ref} does not exist or this token cannot read it`);
    if (issue.pullRequest) return { skip: `${ref} is a pull request, not a meeting issue: no minutes to write` };
    const identity = readMeetingIdentity(issue.body) ?? identityFromTitle(issue, config.meetings);
    if (identity === null) return { skip: `${ref} is not a Docket meeting issue: no minutes to write` };
    const series = config.meetings[identity.series];
    if (!series) {
      throw new CommandError(`${ref} is a meeting of the series \`${identity.series}\`, which is not in the configuration`, "meetings");
    }
    if (input.series && input.series !== identity.series) {
      return { skip: `${ref} is a meeting of \`${identity.series}\`, not of \`${input.series}\`: no minutes to write` };
    }
    if (isCancelled(issue)) return { skip: cancelledSkip(ref, series.title, identity.date) };
    return { seriesId: identity.series, series, date: identity.date, at, issue };
  }

  const ids = Object.keys(config.meetings);
  if (!input.series && ids.length !== 1) {
    throw new CommandError(
      ids.length === 0 ? "there are no meeting series in the configuration" : `name the series to write minutes for (one of ${ids.join(", ")})`,
      "meetings",
    );
  }
  const id = input.series || ids[0]!;
  selectSeries(config.meetings, id);
  const series = config.meetings[id]!;
  const date = meetingDate(ctx, id, series, input.date);
  const at = meetingRepository(config, series, home);
  const found = findMeetingIssue(await ctx.gateway.docketIssues(at, meetingIssueLabel(id)), id, series.title, { date });
  if (found === null) {
    throw new CommandError(
      `there is no meeting issue for ${series.title} on ${date} in ${repoKey(at)} (Docket looks at the 30 newest issues labelled \`${meetingIssueLabel(id)}\` and the 100 newest closed ones)`,
      `meetings.${id}`,
    );
  }
  const issue = await ctx.gateway.issue(at, found.number);
  if (issue === null) throw new CommandError(`the meeting issue ${found.url} could not be read`, `meetings.${id}`);
  if (isCancelled(issue)) return { skip: cancelledSkip(found.url, series.title, date) };
  return { seriesId: id, series, date, at, issue };
}

/** A meeting issue closed as not planned: that meeting was cancelled (the app's `/cancel` closes it so), and was not held. */
const isCancelled = (issue: IssueDetails): boolean => issue.state === "closed" && issue.stateReason === "not_planned";

const cancelledSkip = (ref: string, title: string, date: string): string =>
  `${ref} was closed as not planned: the meeting of ${title} on ${date} was cancelled, so there are no minutes to write; if it was held after all, reopen it and close it as completed`;

/** The date of the meeting to write minutes for: as given (it must be a meeting of the series), else the last one that started. */
function meetingDate(ctx: JobContext, seriesId: string, series: SeriesConfig, given: string | undefined): string {
  const where = `meetings.${seriesId}`;
  if (series.event) {
    if (given && given !== series.event.from) {
      throw new CommandError(
        `${series.title} is an event from ${series.event.from} to ${series.event.to}: its minutes are dated ${series.event.from}, got ${given}`,
        `${where}.event`,
      );
    }
    return series.event.from;
  }
  if (given) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(given)) throw new CommandError(`expected a date as YYYY-MM-DD, got \`${given}\``);
    if (occurrenceOn(seriesId, series, given) === null) throw new CommandError(`${series.title} does not meet on ${given}`, where);
    return given;
  }
  const last = previousOccurrence(seriesId, series, ctx.now);
  if (last === null) throw new CommandError(`no meeting of ${series.title} has started yet`, where);
  return last.date;
}

/** An issue whose identity line was removed: a series' Docket label and the title "Series title — YYYY-MM-DD". */
function identityFromTitle(issue: IssueDetails, meetings: Readonly<Record<string, SeriesConfig>>): { series: string; date: string } | null {
  const date = /\s—\s(\d{4}-\d{2}-\d{2})$/.exec(issue.title.trim())?.[1];
  if (date === undefined) return null;
  for (const [id, series] of Object.entries(meetings)) {
    const labelled = issue.labels.some((l) => l.toLowerCase() === meetingIssueLabel(id).toLowerCase());
    if (labelled && issue.title.trim() === meetingTitle(series.title, { date })) return { series: id, date };
  }
  return null;
}

// ---------------------------------------------------------------------------
// Follow-up issues

/** Which action item a follow-up issue is for: the meeting issue, the comment, and the item's place among that comment's action items. */
function followUpKey(meetingUrl: string, item: ActionItem, ordinal: number): { meeting: string; item: string } {
  return { meeting: meetingUrl, item: `${item.commentId}/${ordinal}` };
}

/** GitHub assigns at most this many people to an issue. */
const MAX_ASSIGNEES = 10;

/** The logins GitHub refused as assignees in a 422 (`errors: [{ field: "assignees", value: "carol" }]`). */
function refusedAssignees(error: unknown): string[] {
  const errors = (error as { response?: { data?: { errors?: unknown } } } | null)?.response?.data?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e: { field?: unknown; value?: unknown }) => {
    if (e?.field !== "assignees" && e?.field !== "assignee") return [];
    return Array.isArray(e.value) ? e.value.map(String) : e.value === undefined ? [] : [String(e.value)];
  });
}

async function openFollowUps(
  ctx: JobContext,
  at: RepoRef,
  meeting: IssueDetails,
  title: string,
  minutesUrl: string,
  items: readonly ActionItem[],
  warnings: string[],
): Promise<MinutesJobResult["followUps"]> {
  const existing = new Map<string, string>();
  for (const issue of await ctx.gateway.issuesWithLabelSince(at, FOLLOW_UP_LABEL, meeting.createdAt)) {
    const marker = readHiddenJson(issue.body, "follow-up");
    if (marker && marker.meeting === meeting.url && typeof marker.item === "string") existing.set(marker.item, issue.url);
  }
  const out: MinutesJobResult["followUps"] = [];
  const seenInComment = new Map<string, number>();
  for (const item of items) {
    const ordinal = seenInComment.get(String(item.commentId)) ?? 0;
    seenInComment.set(String(item.commentId), ordinal + 1);
    const key = followUpKey(meeting.url, item, ordinal);
    const found = existing.get(key.item);
    const owners = item.owners.map((o) => `@${o}`).join(", ");
    if (found !== undefined) {
      out.push({ owners: item.owners, text: item.text, url: found, opened: false });
      continue;
    }
    // Everyone is asked for; those GitHub refuses (no role on the repository, more than ten) are named in the body instead.
    let assignees = item.owners.slice(0, MAX_ASSIGNEES);
    const notAssigned = item.owners.slice(MAX_ASSIGNEES);
    const body = () =>
      [
        hiddenJson("follow-up", key),
        `An action item for ${owners} from ${linkMarkdown(inline(title), meeting.url)}${item.topicRef ? ` (${inline(item.topicRef, 160).replace(/^\\#/, "#")})` : ""}:`,
        "",
        `> ${inline(item.text, 2000)}`,
        "",
        ...(notAssigned.length > 0 ? [`Not assigned (GitHub would not let them be): ${notAssigned.map((o) => `@${o}`).join(", ")}.`, ""] : []),
        `_Opened by Docket from the ${linkMarkdown("minutes", minutesUrl)} of the meeting. Close it when it is done._`,
      ].join("\n");
    let created: DocketIssue | null;
    for (;;) {
      try {
        created = await ctx.gateway.createIssue(at, { title: followUpTitle(item.text), body: body(), labels: [FOLLOW_UP_LABEL], assignees });
        break;
      } catch (error) {
        if (statusOf(error) !== 422 || assignees.length === 0) throw error;
        // GitHub refuses assignees without a role on the repository: drop the ones it names (all, if it names none) and ask again.
        const refused = new Set(refusedAssignees(error).map((r) => r.toLowerCase()));
        const dropped = assignees.filter((a) => refused.size === 0 || refused.has(a.toLowerCase()));
        assignees = assignees.filter((a) => !dropped.includes(a));
        notAssigned.push(...dropped);
        warnings.push(`${dropped.map((o) => `@${o}`).join(", ")} cannot be assigned in ${repoKey(at)}; the follow-up issue names them instead`);
      }
    }
    out.push({ owners: item.owners, text: item.text, url: created?.url ?? null, opened: true });
  }
  return out;
}

function followUpTitle(text: string): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length <= 120 ? one || "Action item" : `${one.slice(0, 119).trimEnd()}…`;
}

// ---------------------------------------------------------------------------
// Discussed topics leave the agenda

async function unlabel(ctx: JobContext, topics: readonly MinutesTopic[], label: string, warnings: string[]): Promise<string[]> {
  const removed: string[] = [];
  // Ids are node ids when the agenda's state line was intact; otherwise the topic's URL stands in (nothing to read by).
  const nodeIds = topics.map((t) => t.id).filter((id) => !/^https?:/.test(id));
  const fresh = nodeIds.length > 0 ? await ctx.gateway.readTopics(nodeIds) : new Map();
  for (const topic of topics) {
    const name = topicRef(topic) ?? topic.title;
    let where: { at: RepoRef; number: number; label: string } | null = null;
    if (/^https?:/.test(topic.id)) {
      if (topic.number !== null && topic.repo) where = { at: parseRepo(topic.repo), number: topic.number, label };
    } else {
      const now = fresh.get(topic.id);
      if (!now) {
        warnings.push(`${name} was discussed, but this token cannot read it (deleted, or in a repository out of its reach): remove \`${label}\` by hand`);
        continue;
      }
      const has = now.labels.find((l: string) => l.toLowerCase() === label.toLowerCase());
      if (has === undefined || now.number === null) continue;
      where = { at: parseRepo(now.repo), number: now.number, label: has };
    }
    if (where === null) continue;
    try {
      await ctx.gateway.removeLabel(where.at, where.number, where.label);
      removed.push(name);
    } catch (error) {
      const status = statusOf(error);
      if (status !== 403 && status !== 404) throw error;
      warnings.push(`${name} was discussed, but this token may not change its labels: remove \`${label}\` by hand`);
    }
  }
  return removed;
}
