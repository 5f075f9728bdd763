/**
 * sprintReview: the review of a sprint (and the plan of the next one),
 * published as a Markdown file like the minutes.
 *
 * Where sprints come from (`sprints:` in the config, exactly one source), and
 * their windows:
 * - `board: { owner, number, iteration-field }`: the iterations of a Projects
 *   (v2) board's iteration field (completed and active ones, empty ones too).
 *   An iteration is [start date, start date + duration days). Its items: the
 *   board items whose iteration value is that iteration, read with the board
 *   (its fields come with the first page of items, 100 a page; no search). An item entered the sprint when its iteration value was set.
 *   Archived items still count (archiving done work does not undo it); drafts
 *   count (a draft is open, so it is carried over); items the token may not
 *   see (redacted) are left out, with a warning. The review is published in
 *   `sprints.repository` (default: the top-level `repository`, else the
 *   config's repository).
 * - `milestones: true`: the milestones of `sprints.repository` (default: the
 *   top-level `repository`, else the config's repository) that have a due
 *   date. A milestone's sprint ends at the end of its due date (its UTC date,
 *   as GitHub shows it) and starts where the previous milestone's ended; the
 *   first one starts the day it was created. Its items: every issue and pull
 *   request in a milestone of that title, anywhere Docket looks for topics
 *   (one search, `milestone:"<title>"`), added when the milestone was set.
 *   A milestone titled "Sprint Gothenburg" is Sprint Gothenburg.
 * - `label-prefix: sprint/`: the labels of that repository starting with the
 *   prefix; each gives its first and last day in its description
 *   ("2025-01-06..2025-01-19"). Its items: everything carrying the label,
 *   added when the label was. `sprint/gothenburg` is Sprint gothenburg.
 * Days start and end at midnight in `sprints.timezone` (default UTC).
 *
 * Which sprint: `inputs.sprint` (its name, milestone title or label, or the
 * slug; case-insensitive), else the one that ended last (its window is over,
 * or its milestone is closed). The next sprint (for the planning) is the one
 * after it in time, even when it is empty.
 *
 * Where: `sprints.review-repository` (default: where the sprints are defined),
 * at `sprints.path`.
 *
 * A review is a record. One written after its sprint ended carries a hidden
 * line (render/sprint.ts sprintRecord) with the items it found carried over;
 * a later run keeps such a file as it is (a file there without the line is
 * kept too: it was published for a sprint that has ended, by an older Docket),
 * unless `force` is given. A forced run, or one while the sprint is still
 * running, renders again, and the items the record names stay carried over
 * even when the board has moved them to the next iteration since; the next
 * sprint's plan marks them as carried over. The record is read from the file
 * on the default branch (with `publish: pull-request`, what was merged).
 *
 * With `sprints.meeting` (a series): the review names the meeting that
 * reviewed the sprint (the series' first meeting from the sprint's last day
 * on, its meeting issue found as the minutes find it), links its minutes (at
 * the series' minutes path, where they are or will be published), lists its
 * participants and roles, and puts the notes, decisions and action items
 * about a sprint item (`/note #12 ...` in the meeting issue's comments) under
 * that item. No meeting issue yet: the review says nothing about a meeting,
 * and the run warns. The minutes of that meeting link the review the other
 * way, and read the same items the same way (`sprintsReviewedIn`).
 */
import { DateTime } from "luxon";
import { meetingRepository, resolveRepository } from "../config/load.js";
import type { SeriesConfig } from "../config/schema.js";
import { buildMinutes, type MinutesItems } from "../domain/minutes.js";
import type { Occurrence } from "../domain/types.js";
import { occurrenceNumber, occurrencesFrom } from "../domain/schedule.js";
import { sprintsFromIterations, type BoardItem, type IterationConfig } from "../domain/board.js";
import { partitionVisible, type Audience } from "../domain/visibility.js";
import { buildSprintReview, type Sprint, type SprintItem, type SprintKind, type SprintReview } from "../domain/sprint.js";
import { findBoardField, type BoardRef, type MilestoneInfo, type RepoRef, type SprintItemRecord } from "../github/gateway.js";
import { agendaTopicsFromBody } from "../render/minutes.js";
import { readSprintRecord, recordedCarries, sprintReviewMarkdown, type ReviewMeeting } from "../render/sprint.js";
import { hiddenItemsWarning, readBoard } from "./board.js";
import { CommandError } from "./command-error.js";
import { findMeetingIssue, meetingIssueLabel } from "./agenda.js";
import { labelQualifier, scopeQualifier, type JobContext, type LoadedConfig } from "./context.js";
import { blobUrl, fillPath, publishFile, type PublishResult } from "./publish.js";

export interface SprintJobResult {
  sprint: Sprint;
  review: SprintReview;
  markdown: string;
  published: PublishResult;
  warnings: string[];
  /** Items left out because some readers of the review's repository may not read them (counted, never named). */
  hidden: number;
  /** The published review is a record of an ended sprint and was kept as it is (`force` renders it again). */
  kept: boolean;
}

/** A sprint as its source defines it. */
export interface SprintDefinition extends Sprint {
  /** The milestone title, label name or iteration title its items carry. */
  key: string;
  /** The window is over, or (a milestone) it was closed. */
  ended: boolean;
}

/** The sprints of one source (board, milestones or labels), in one shape. */
interface SprintSource {
  /** The config path errors about the sprints point at. */
  configPath: string;
  /** What and where the sprints are, for messages: "milestones in acme/infra", "iterations on the board acme#6". */
  listing: string;
  /** The same for "no sprint has ended yet": only dated ones are sprints. */
  datedListing: string;
  /** In order of time. */
  sprints: SprintDefinition[];
  /** Why `wanted`, matching none of `sprints`, is no sprint, when the source can tell (a milestone without a due date). */
  whyNot(wanted: string): string | null;
  items(sprint: SprintDefinition): Promise<SprintItem[]>;
  /** Items of the source outside any one sprint that `audience` may read, where the source has them at hand (a board's), to find recorded items again. */
  others(audience: Audience): Promise<SprintItem[]>;
}

type SprintsConfig = NonNullable<LoadedConfig["config"]["sprints"]>;

export async function sprintReview(ctx: JobContext, loaded: LoadedConfig, input: { sprint?: string; force?: boolean } = {}): Promise<SprintJobResult> {
  const { config } = loaded;
  const sprints = config.sprints;
  if (!sprints) throw new CommandError("no sprints are configured: add `sprints:` with a `board`, `milestones: true` or a `label-prefix`", "sprints");
  const { at, reviewAt } = sprintRepositories(loaded, sprints);
  const warnings: string[] = [];

  const source = await sprintSource(ctx, loaded, sprints, at, warnings);
  const index = chooseSprint(source, input.sprint);
  const chosen = source.sprints[index]!;
  const following = source.sprints[index + 1] ?? null;
  const slug = sprintSlug(chosen.name);
  const path = reviewPath(sprints, chosen);
  const repo = await ctx.gateway.repository(reviewAt);
  const published = await ctx.gateway.file(reviewAt, path, repo.defaultBranch);
  const record = readSprintRecord(published?.text);
  const kept = published !== null && chosen.ended && (record === null || record.ended) && input.force !== true;

  // Only what every reader of the review's repository may read (src/domain/visibility.ts).
  const output = await ctx.gateway.repoAudience(reviewAt);
  const done = partitionVisible(await source.items(chosen), (i) => i.audience, output);
  const next = following ? partitionVisible(await source.items(following), (i) => i.audience, output) : null;
  const hidden = done.hidden + (next?.hidden ?? 0);
  if (hidden > 0) ctx.log.info({ sprint: chosen.name, hidden }, "sprint items left out of the review: some readers of the review may not read them");
  // Carried over once is carried over for good: the record's items, as they read now where they still can be read.
  const current = new Map([...(await source.others(output)), ...done.shown, ...(next?.shown ?? [])].map((i) => [i.id, i]));
  const review = buildSprintReview({
    sprint: plain(chosen),
    items: done.shown,
    next: following && next ? { sprint: plain(following), items: next.shown } : null,
    carried: record?.sprint === chosen.name ? recordedCarries(record, current, output) : [],
  });
  let markdown: string;
  if (kept) markdown = published.text;
  else {
    const meeting =
      sprints.meeting === undefined ? null : await reviewMeeting(ctx, loaded, sprints.meeting, chosen, [...done.shown, ...(next?.shown ?? [])], warnings);
    markdown = sprintReviewMarkdown(review, { meeting: meeting?.meeting ?? null, notes: meeting?.notes ?? new Map(), record: { ended: chosen.ended } });
  }
  const result = await publishFile(ctx, {
    at: reviewAt,
    path,
    text: markdown,
    mode: sprints.publish,
    message: `Sprint ${chosen.name} review`,
    branch: `docket/sprints/${slug}`,
    pullRequest: { title: `Sprint ${chosen.name} review`, body: `The review of Sprint ${chosen.name}, written by Docket. Merge to publish it at \`${path}\`.` },
  });
  ctx.log.info(
    { sprint: chosen.name, path, status: result.status, kept, counts: review.counts },
    kept ? "sprint review kept as published (force renders it again)" : "sprint review published",
  );
  return { sprint: plain(chosen), review, markdown, published: result, warnings, hidden, kept };
}

/**
 * The meeting of `seriesId` that reviewed `sprint` (its first meeting from the sprint's last day on),
 * read as the minutes read it; null (with a warning) when there is no such meeting issue yet.
 */
async function reviewMeeting(
  ctx: JobContext,
  loaded: LoadedConfig,
  seriesId: string,
  sprint: SprintDefinition,
  items: readonly SprintItem[],
  warnings: string[],
): Promise<{ meeting: ReviewMeeting; notes: Map<string, MinutesItems> } | null> {
  const series = loaded.config.meetings[seriesId];
  if (!series)
    throw new CommandError(`\`${seriesId}\` is no meeting series (the series: ${Object.keys(loaded.config.meetings).join(", ") || "none"})`, "sprints.meeting");
  const occurrence = reviewOccurrence(seriesId, series, sprint);
  const at = meetingRepository(loaded.config, series, loaded.home);
  const found = occurrence ? findMeetingIssue(await ctx.gateway.docketIssues(at, meetingIssueLabel(seriesId)), seriesId, series.title, occurrence) : null;
  const issue = found ? await ctx.gateway.issue(at, found.number) : null;
  if (!occurrence || !issue) {
    warnings.push(
      `no meeting issue of ${series.title} reviewed Sprint ${sprint.name} (from ${sprint.end.slice(0, 10)} on, in ${at.owner}/${at.repo}): the review names no meeting`,
    );
    return null;
  }
  // Sprint items are topics of this meeting too: a note about one lands under it (as in the minutes).
  const model = buildMinutes({
    meeting: { seriesId, title: series.title, date: occurrence.date, url: issue.url, number: issue.number, body: issue.body, author: issue.author },
    comments: await ctx.gateway.issueComments(at, issue.number),
    topics: agendaTopicsFromBody(issue.body),
    sprintItems: items,
    recurring: series.recurring,
    roles: series.roles,
    occurrenceNumber: series.event ? 0 : occurrenceNumber(series, occurrence.date),
  });
  const byUrl = new Map(items.map((i) => [i.url.toLowerCase(), i.id]));
  const notes = new Map<string, MinutesItems>();
  for (const t of [...model.topics, ...model.sprintItems]) {
    const id = byUrl.get(t.topic.url.toLowerCase());
    if (id !== undefined && t.notes.length + t.decisions.length + t.actions.length > 0)
      notes.set(id, { entries: t.entries, notes: t.notes, decisions: t.decisions, actions: t.actions });
  }
  const minutesAt = resolveRepository(series.minutes.repository, at);
  const minutesPath = fillPath(series.minutes.path, { date: occurrence.date, series: seriesId }, `meetings.${seriesId}.minutes.path`);
  const minutesRepo = await ctx.gateway.repository(minutesAt);
  return {
    meeting: {
      ref: `${at.owner}/${at.repo}#${issue.number}`,
      url: issue.url,
      minutes: { path: minutesPath, url: blobUrl(minutesRepo, minutesPath) },
      participants: model.participants,
      absent: model.absent,
      roles: model.roles,
    },
    notes,
  };
}

/** Where the sprints are defined (`at`) and where their reviews are published (`reviewAt`). */
function sprintRepositories(loaded: LoadedConfig, sprints: SprintsConfig): { at: RepoRef; reviewAt: RepoRef } {
  const { config, home } = loaded;
  return {
    at: resolveRepository(sprints.repository ?? config.repository, home),
    reviewAt: resolveRepository(sprints["review-repository"] ?? sprints.repository ?? config.repository, home),
  };
}

/** The path of a sprint's review in the review repository (`sprints.path` with its slug). */
function reviewPath(sprints: SprintsConfig, sprint: Sprint): string {
  return fillPath(sprints.path, { sprint: sprintSlug(sprint.name) }, "sprints.path");
}

/** The meeting of the series that reviews a sprint: its first occurrence from the sprint's last day on. */
function reviewOccurrence(seriesId: string, series: SeriesConfig, sprint: Sprint): Occurrence | undefined {
  const lastDay = new Date(Date.parse(sprint.end) - 24 * 3_600_000);
  return occurrencesFrom(seriesId, series, lastDay, 1)[0];
}

/** A sprint the meeting reviews, where its review is (or will be) published, and the items the review lists. */
export interface ReviewedSprint {
  sprint: Sprint;
  review: { path: string; url: string };
  /** The sprint's items and the next sprint's (the meeting plans it), each once. */
  items: SprintItem[];
}

/**
 * The sprints whose review meeting (as the review finds it) is the meeting of `seriesId` on
 * `date`, when the series is the config's `sprints.meeting`; [] otherwise. The minutes of that
 * meeting link each review and file notes about its items under them. The sprints cannot be read
 * (the board is gone, a config mistake): [] and a warning, so the minutes are still written.
 */
export async function sprintsReviewedIn(ctx: JobContext, loaded: LoadedConfig, seriesId: string, date: string, warnings: string[]): Promise<ReviewedSprint[]> {
  const sprints = loaded.config.sprints;
  const series = loaded.config.meetings[seriesId];
  if (!sprints || sprints.meeting !== seriesId || !series) return [];
  try {
    const { at, reviewAt } = sprintRepositories(loaded, sprints);
    // What reading the sprints warns about (hidden board items, a truncated search) is the review's to report.
    const source = await sprintSource(ctx, loaded, sprints, at, []);
    const out: ReviewedSprint[] = [];
    for (const [index, sprint] of source.sprints.entries()) {
      if (reviewOccurrence(seriesId, series, sprint)?.date !== date) continue;
      const following = source.sprints[index + 1];
      const items = [...(await source.items(sprint)), ...(following ? await source.items(following) : [])];
      const path = reviewPath(sprints, sprint);
      const review = { path, url: blobUrl(await ctx.gateway.repository(reviewAt), path) };
      out.push({ sprint: plain(sprint), review, items: [...new Map(items.map((i) => [i.id, i])).values()] });
    }
    return out;
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    warnings.push(
      `the sprint reviewed in this meeting could not be read, so the minutes link no sprint review: ${error.message}${error.configPath ? ` (${error.configPath})` : ""}`,
    );
    return [];
  }
}

async function sprintSource(ctx: JobContext, loaded: LoadedConfig, sprints: SprintsConfig, at: RepoRef, warnings: string[]): Promise<SprintSource> {
  const where = `${at.owner}/${at.repo}`;
  if (sprints.board) return boardSource(ctx, sprints.board, sprints.timezone, warnings);
  if (sprints.milestones) {
    const defined = milestoneSprints(await ctx.gateway.milestones(at), sprints.timezone, ctx.now);
    return searchedSource(ctx, loaded, warnings, "milestone", defined.sprints, {
      configPath: "sprints.milestones",
      listing: `milestones in ${where}`,
      datedListing: `milestones with dates in ${where}`,
      whyNot: (wanted) => {
        const undated = defined.undated.find((n) => n.toLowerCase() === wanted);
        return undated === undefined ? null : `the milestone "${undated}" in ${where} has no due date, so it has no sprint window`;
      },
    });
  }
  const prefix = sprints["label-prefix"];
  if (prefix !== undefined) {
    const defined = labelSprints(await ctx.gateway.labelsMatching(at, prefix), prefix, sprints.timezone, ctx.now);
    return searchedSource(ctx, loaded, warnings, "label", defined.sprints, {
      configPath: "sprints.label-prefix",
      listing: `sprint labels in ${where}`,
      datedListing: `sprint labels with dates in ${where}`,
      whyNot: (wanted) => {
        const undated = defined.undated.find((n) => n.toLowerCase() === wanted || n.toLowerCase().endsWith(`/${wanted}`));
        return undated === undefined
          ? null
          : `the label \`${undated}\` in ${where} gives no dates: write its first and last day in its description, e.g. 2025-01-06..2025-01-19`;
      },
    });
  }
  throw new CommandError("`sprints` names no source of sprints: set a `board`, `milestones: true` or a `label-prefix`", "sprints");
}

/** Milestones or labels: the items of a sprint are a search for its milestone title or label. */
function searchedSource(
  ctx: JobContext,
  loaded: LoadedConfig,
  warnings: string[],
  kind: "milestone" | "label",
  sprints: SprintDefinition[],
  described: Pick<SprintSource, "configPath" | "listing" | "datedListing" | "whyNot">,
): SprintSource {
  return {
    ...described,
    sprints,
    others: async () => [],
    items: async (s) => {
      const qualifier = kind === "milestone" ? `milestone:"${s.key.replace(/"/g, "")}"` : labelQualifier(s.key);
      const found = await ctx.gateway.searchSprintItems(`${scopeQualifier(loaded.scope)} ${qualifier}`);
      if (found.truncated)
        warnings.push(
          `${found.total} items are in ${s.name} and only ${found.items.length} could be read: GitHub search reads 1,000 a query, and more than that were created in one second`,
        );
      return found.items.map((r) => toSprintItem(r, kind, s.key));
    },
  };
}

/**
 * A board's iteration field: every item of the board (100 a page; the fields and their
 * iterations come with the first), each sprint's items straight from the items' iteration values.
 */
async function boardSource(ctx: JobContext, board: NonNullable<SprintsConfig["board"]>, zone: string, warnings: string[]): Promise<SprintSource> {
  const ref: BoardRef = { owner: board.owner, number: board.number };
  const field = board["iteration-field"];
  const name = `${ref.owner}#${ref.number}`;
  const read = await readIterations(ctx, ref, field);
  warnings.push(...hiddenItemsWarning(read.items.filter((i) => i.content === null).length, ref, "left out of the review"));

  const itemsOf = new Map<SprintDefinition, SprintItem[]>();
  const sprints = sprintsFromIterations(read.items, field, { timezone: zone, iterations: read.iterations, boardUrl: read.url, draft: read.draftAudience }).map(
    ({ sprint, items }) => {
      const start = DateTime.fromISO(sprint.start, { zone });
      const end = DateTime.fromISO(sprint.end, { zone });
      const s: SprintDefinition = { ...sprint, start: iso(start), end: iso(end), key: sprint.name, ended: end.toMillis() <= ctx.now.getTime() };
      itemsOf.set(s, items);
      return s;
    },
  );
  const listing = `iterations on the board ${name}`;
  const everything = [...itemsOf.values()].flat();
  return {
    configPath: "sprints.board",
    listing,
    datedListing: listing,
    sprints,
    whyNot: () => null,
    items: async (s) => itemsOf.get(s) ?? [],
    others: async (audience) => partitionVisible(everything, (i) => i.audience, audience).shown,
  };
}

/** The iteration field's iterations and every item of the board (one read), or a CommandError a user can act on. */
async function readIterations(
  ctx: JobContext,
  ref: BoardRef,
  field: string,
): Promise<{ iterations: IterationConfig[]; items: BoardItem[]; url: string; draftAudience: Audience }> {
  const board = await readBoard(ctx, ref, "sprints.board");
  const found = findBoardField(board.fields, field);
  if (found?.type !== "iteration") {
    const iterationFields = board.fields.filter((f) => f.type === "iteration").map((f) => `"${f.name}"`);
    throw new CommandError(
      `the board ${ref.owner}#${ref.number} has no iteration field named "${field}" (its iteration fields: ${iterationFields.join(", ") || "none"})`,
      "sprints.board.iteration-field",
    );
  }
  return { iterations: found.iterations, items: board.items, url: board.url, draftAudience: board.draftAudience };
}

/** The index of the sprint `wanted` names (name, key or slug, case-insensitive), else of the one that ended last. */
function chooseSprint(source: SprintSource, wanted: string | undefined): number {
  const list = source.sprints;
  if (wanted) {
    const w = wanted.trim().toLowerCase();
    const index = list.findIndex((s) => [s.name, s.key, sprintSlug(s.name)].some((n) => n.toLowerCase() === w));
    if (index >= 0) return index;
    const why = source.whyNot(w);
    if (why !== null) throw new CommandError(why, source.configPath);
    throw new CommandError(`there is no sprint "${wanted}" (${source.listing}: ${names(list)})`, source.configPath);
  }
  const index = list.reduce((best, s, i) => (s.ended && (best < 0 || Date.parse(s.end) >= Date.parse(list[best]!.end)) ? i : best), -1);
  if (index < 0) throw new CommandError(`no sprint has ended yet (${source.datedListing}: ${names(list)})`, source.configPath);
  return index;
}

function names(list: readonly SprintDefinition[]): string {
  return list.map((s) => s.name).join(", ") || "none";
}

function plain(s: SprintDefinition): Sprint {
  return { name: s.name, start: s.start, end: s.end, kind: s.kind };
}

/** "gothenburg" for "Gothenburg", "sprint-12-q1" for "Sprint 12 (Q1)": lower case, letters and digits, dashes between. */
export function sprintSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "sprint" : slug;
}

function startOfDay(date: string, zone: string): DateTime {
  return DateTime.fromISO(date, { zone }).startOf("day");
}

function iso(dt: DateTime): string {
  return dt.toISO() ?? "";
}

/**
 * Milestones with a due date as sprints, in order: each ends at the end of its
 * due date and starts where the one before ended (the first: the day it was created).
 */
export function milestoneSprints(milestones: readonly MilestoneInfo[], zone: string, now: Date): { sprints: SprintDefinition[]; undated: string[] } {
  const dated = milestones
    .filter((m) => m.dueOn !== null)
    .map((m) => ({ m, end: startOfDay(DateTime.fromISO(m.dueOn!, { zone: "UTC" }).toISODate() ?? "", zone).plus({ days: 1 }) }))
    .filter((x) => x.end.isValid)
    .sort((a, b) => a.end.toMillis() - b.end.toMillis() || a.m.number - b.m.number);
  const sprints: SprintDefinition[] = [];
  let previousEnd: DateTime | null = null;
  for (const { m, end } of dated) {
    let start: DateTime = previousEnd ?? DateTime.fromISO(m.createdAt, { zone }).startOf("day");
    if (!start.isValid || start >= end) start = end.minus({ days: 1 });
    sprints.push({
      name: milestoneName(m.title),
      key: m.title,
      start: iso(start),
      end: iso(end),
      kind: "milestone",
      ended: m.state === "closed" || end.toMillis() <= now.getTime(),
    });
    previousEnd = end;
  }
  return { sprints, undated: milestones.filter((m) => m.dueOn === null).map((m) => m.title) };
}

function milestoneName(title: string): string {
  const rest = title.replace(/^\s*sprint\b[\s:–—-]*/i, "").trim();
  return rest === "" ? title.trim() : rest;
}

const DATE_RANGE = /(\d{4}-\d{2}-\d{2})\s*(?:\.\.\.?|–|—|-|to|until)\s*(\d{4}-\d{2}-\d{2})/i;

/** Labels `<prefix><name>` whose description gives "first..last" day as sprints, in order of their start. */
export function labelSprints(
  labels: ReadonlyArray<{ name: string; description: string | null }>,
  prefix: string,
  zone: string,
  now: Date,
): { sprints: SprintDefinition[]; undated: string[] } {
  const sprints: SprintDefinition[] = [];
  const undated: string[] = [];
  for (const label of labels) {
    if (!label.name.toLowerCase().startsWith(prefix.toLowerCase())) continue;
    const name = label.name.slice(prefix.length).trim() || label.name;
    const m = DATE_RANGE.exec(label.description ?? "");
    const start = m ? startOfDay(m[1]!, zone) : null;
    const end = m ? startOfDay(m[2]!, zone).plus({ days: 1 }) : null;
    if (!start || !end || !start.isValid || !end.isValid || end <= start) {
      undated.push(label.name);
      continue;
    }
    sprints.push({ name, key: label.name, start: iso(start), end: iso(end), kind: "label", ended: end.toMillis() <= now.getTime() });
  }
  sprints.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || Date.parse(a.end) - Date.parse(b.end) || a.key.localeCompare(b.key));
  return { sprints, undated };
}

function lookup(times: Readonly<Record<string, string>>, key: string): string | null {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(times)) if (k.toLowerCase() === lower) return v;
  return null;
}

function toSprintItem(r: SprintItemRecord, kind: SprintKind, key: string): SprintItem {
  return {
    id: r.id,
    repo: r.repo,
    number: r.number,
    title: r.title,
    url: r.url,
    author: r.author,
    labels: r.labels,
    state: r.state,
    closedAt: r.state === "closed" ? r.closedAt : null,
    createdAt: r.createdAt,
    addedAt: lookup(kind === "milestone" ? r.milestonedAt : r.labeledAt, key),
    kind: r.kind,
    audience: r.audience,
  };
}
