/**
 * sprintReview: the review of a sprint (and the plan of the next one),
 * published as a Markdown file like the minutes.
 *
 * Where sprints come from (`sprints:` in the config), and their windows:
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
 * - `board`: Projects (v2) iterations come later; a clear error until then.
 * Days start and end at midnight in `sprints.timezone` (default UTC).
 *
 * Which sprint: `inputs.sprint` (its name, milestone title or label, or the
 * slug), else the one that ended last (its window is over, or its milestone is
 * closed). The next sprint (for the planning) is the one after it in time.
 */
import { DateTime } from "luxon";
import { resolveRepository } from "../config/load.js";
import { buildSprintReview, type Sprint, type SprintItem, type SprintKind, type SprintReview } from "../domain/sprint.js";
import type { MilestoneInfo, SprintItemRecord } from "../github/gateway.js";
import { sprintReviewMarkdown } from "../render/sprint.js";
import { CommandError } from "./command-error.js";
import { labelQualifier, scopeQualifier, type JobContext, type LoadedConfig } from "./context.js";
import { fillPath, publishFile, type PublishResult } from "./publish.js";

export interface SprintJobResult {
  sprint: Sprint;
  review: SprintReview;
  markdown: string;
  published: PublishResult;
  warnings: string[];
}

/** A sprint as its source defines it. */
export interface SprintDefinition extends Sprint {
  /** The milestone title or label name its items carry. */
  key: string;
  /** The window is over, or (a milestone) it was closed. */
  ended: boolean;
}

export async function sprintReview(ctx: JobContext, loaded: LoadedConfig, input: { sprint?: string } = {}): Promise<SprintJobResult> {
  const { config } = loaded;
  const sprints = config.sprints;
  if (!sprints) throw new CommandError("no sprints are configured: add `sprints:` with `milestones: true` or a `label-prefix`", "sprints");
  const at = resolveRepository(sprints.repository ?? config.repository, loaded.home);
  const where = `${at.owner}/${at.repo}`;
  const warnings: string[] = [];

  let defined: { sprints: SprintDefinition[]; undated: string[] };
  let kind: SprintKind;
  let configPath: string;
  if (sprints.milestones) {
    kind = "milestone";
    configPath = "sprints.milestones";
    defined = milestoneSprints(await ctx.gateway.milestones(at), sprints.timezone, ctx.now);
  } else if (sprints["label-prefix"]) {
    kind = "label";
    configPath = "sprints.label-prefix";
    const prefix = sprints["label-prefix"];
    defined = labelSprints(await ctx.gateway.labelsMatching(at, prefix), prefix, sprints.timezone, ctx.now);
  } else if (sprints.board) {
    throw new CommandError("sprints from a board's iteration field are not supported yet: use `milestones: true` or a `label-prefix`", "sprints.board");
  } else {
    throw new CommandError("`sprints` names no source of sprints: set `milestones: true` or a `label-prefix`", "sprints");
  }

  const what = kind === "milestone" ? "milestone" : "sprint label";
  const list = defined.sprints;
  let index: number;
  if (input.sprint) {
    const wanted = input.sprint.trim().toLowerCase();
    index = list.findIndex((s) => [s.name, s.key, sprintSlug(s.name)].some((n) => n.toLowerCase() === wanted));
    if (index < 0) {
      const undated = defined.undated.find((n) => n.toLowerCase() === wanted || n.toLowerCase().endsWith(`/${wanted}`));
      if (undated !== undefined) {
        throw new CommandError(
          kind === "milestone"
            ? `the milestone "${undated}" in ${where} has no due date, so it has no sprint window`
            : `the label \`${undated}\` in ${where} gives no dates: write its first and last day in its description, e.g. 2025-01-06..2025-01-19`,
          configPath,
        );
      }
      const known = list.map((s) => s.name).join(", ") || "none";
      throw new CommandError(`there is no sprint "${input.sprint}" (${what}s in ${where}: ${known})`, configPath);
    }
  } else {
    index = list.reduce((best, s, i) => (s.ended && (best < 0 || Date.parse(s.end) >= Date.parse(list[best]!.end)) ? i : best), -1);
    if (index < 0) throw new CommandError(`no sprint has ended yet (${what}s with dates in ${where}: ${list.map((s) => s.name).join(", ") || "none"})`, configPath);
  }
  const chosen = list[index]!;
  const following = list[index + 1] ?? null;

  const read = async (s: SprintDefinition): Promise<SprintItem[]> => {
    const qualifier = kind === "milestone" ? `milestone:"${s.key.replace(/"/g, "")}"` : labelQualifier(s.key);
    const found = await ctx.gateway.searchSprintItems(`${scopeQualifier(loaded.scope)} ${qualifier}`);
    if (found.truncated) warnings.push(`more than ${found.items.length} items are in ${s.name}; GitHub search reads at most 1,000`);
    return found.items.map((r) => toSprintItem(r, kind, s.key));
  };
  const review = buildSprintReview({
    sprint: plain(chosen),
    items: await read(chosen),
    next: following ? { sprint: plain(following), items: await read(following) } : null,
  });
  const markdown = sprintReviewMarkdown(review);
  const slug = sprintSlug(chosen.name);
  const path = fillPath(sprints.path, { sprint: slug }, "sprints.path");
  const published = await publishFile(ctx, {
    at,
    path,
    text: markdown,
    mode: sprints.publish,
    message: `Sprint ${chosen.name} review`,
    branch: `docket/sprints/${slug}`,
    pullRequest: { title: `Sprint ${chosen.name} review`, body: `The review of Sprint ${chosen.name}, written by Docket. Merge to publish it at \`${path}\`.` },
  });
  ctx.log.info({ sprint: chosen.name, path, status: published.status, counts: review.counts }, "sprint review published");
  return { sprint: plain(chosen), review, markdown, published, warnings };
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
    sprints.push({ name: milestoneName(m.title), key: m.title, start: iso(start), end: iso(end), kind: "milestone", ended: m.state === "closed" || end.toMillis() <= now.getTime() });
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
export function labelSprints(labels: ReadonlyArray<{ name: string; description: string | null }>, prefix: string, zone: string, now: Date): { sprints: SprintDefinition[]; undated: string[] } {
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
  };
}
