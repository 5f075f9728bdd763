/**
 * `/now` and `/next` in a gathering's event issue (issue 15; see ../domain/now.ts for what they
 * say): each comment's commands apply in order to the "Happening now" section (render/now.ts),
 * which is written once, after them. Who: triage or more on the event issue's repository, or a
 * chair the track lists (`chairs`). Answers like `/cancel`: a 👍, or one refusal reply an hour
 * (./command-plan.ts). Valid commands of a comment apply even when others in it are refused.
 *
 * Privacy: `#12` may name an issue in a private repository while the event issue is public. The
 * issue is read through the gateway, and its title shown (and kept in the section's state) only
 * when everybody who may read the event issue may read it (domain/visibility.ts canShow);
 * otherwise the line says "a private topic", and nothing about it is kept.
 *
 * The app runs these as part of the series' job (the same queue key as its rebuilds), so a
 * rebuild that read the issue before a `/now` never writes over it. The section keeps the ids of
 * the last 50 comments applied (../domain/now.ts wasApplied): a retried job or a redelivered
 * comment does not apply it twice (`/next edge` would otherwise move on twice), and a comment
 * delivered after a newer one still applies (review of issue 15, finding 7: webhook order is not
 * guaranteed; keeping only the newest id took every older comment for applied). It applies where
 * it arrives in the sequence: it may set a track a newer comment set already (the later delivery
 * wins), which is what the chair sees in the issue and can correct with one more `/now`. `/next <track>` alone reads the gathering
 * (./gathering.ts readGathering) to follow the track's schedule; the pads come from the event
 * issue (./session-pads.ts).
 *
 * Which issue (review of issue 15, finding 6): the current event's meeting issue only, found as
 * syncAgenda finds it (its identity line, else its title: ./agenda.ts findMeetingIssue). The series'
 * `docket/<series>` label is not enough: an earlier event with the same series id, and track
 * issues opened before they got their own label, carry it too. Elsewhere the comment gets a reply
 * naming the event's issue, and nothing is written.
 *
 * GitHub's limit (review of issue 15, finding 3): a section that would take the body past 65,536
 * characters is not written; the comment gets a refusal reply saying so (nothing of it applies:
 * its commands were meant together). The schedule is not shortened to make room: the next
 * rebuild fits the schedule around the section (render/gathering.ts fitGathering), not the other
 * way round. The app runs each queued comment on its own (../app.ts): one that fails for any
 * other reason is logged and the rest of the job (other comments, the rebuild) still runs.
 */
import { mayTriage, parseCommands, type CommandLine } from "../domain/commands.js";
import {
  applyNow,
  interpretNowCommand,
  markApplied,
  wasApplied,
  type NowSession,
  type NowState,
  type ResolvedNowCommand,
  type ScheduledSession,
} from "../domain/now.js";
import { eventDays } from "../domain/schedule.js";
import { resolveTracks, type Gathering, type TrackSpec } from "../domain/tracks.js";
import { canShow, type Audience } from "../domain/visibility.js";
import { emptyPlan } from "../domain/commands.js";
import { bodyFits } from "../domain/limits.js";
import { sameRepo, type RepoRef } from "../github/gateway.js";
import { zoned } from "../render/format.js";
import {
  mergeNowSection,
  nowNotAllowed,
  nowNotEventIssue,
  nowNotFound,
  nowNothingNext,
  nowNoTracks,
  nowNotThisEvent,
  nowSection,
  nowTooLong,
  nowUnknownTrack,
  nowUsage,
  nowWrongRepository,
  readNowState,
} from "../render/now.js";
import { meetingRepository } from "../config/load.js";
import type { SeriesConfig } from "../config/schema.js";
import { findMeetingIssue, meetingIssueLabel } from "./agenda.js";
import { meetingTitle } from "../render/agenda.js";
import { readGathering } from "./gathering.js";
import { readSessionPads } from "./session-pads.js";
import { applyCommandPlan } from "./command-plan.js";
import type { CommandComment, CommandOutcome } from "./agenda-command.js";
import type { JobContext, LoadedConfig } from "./context.js";

/** The issue a `/now` comment was written in. */
export interface NowCommandTarget {
  repo: RepoRef;
  issueNumber: number;
  labels: readonly string[];
}

/** A `/now` or `/next` comment as the app queues it with its series' job (plain data). */
export interface NowCommandItem {
  kind: "now";
  target: NowCommandTarget;
  comment: CommandComment;
}

export function isNowCommandItem(item: unknown): item is NowCommandItem {
  return typeof item === "object" && item !== null && (item as { kind?: unknown }).kind === "now";
}

/** Whether a comment holds `/now` or `/next` commands (outside code fences). */
export function hasNowCommands(body: string): boolean {
  return nowCommands(body).length > 0;
}

const nowCommands = (body: string): CommandLine[] => parseCommands(body).filter((c) => c.name === "now" || c.name === "next");

/** The series whose meeting issue this is (its `docket/<series>` label), if any. */
export function nowSeriesOf(loaded: LoadedConfig, labels: readonly string[]): string | undefined {
  return Object.keys(loaded.config.meetings).find((id) => labels.some((l) => l.toLowerCase() === meetingIssueLabel(id).toLowerCase()));
}

/**
 * Each track's schedule in order, with when each session starts (the event's one time frame:
 * minutes after the event day's start), for `/next <track>` to move on along.
 */
export function trackSchedules(gathering: Gathering | null, event: NonNullable<SeriesConfig["event"]>): Map<string, ScheduledSession[]> {
  const out = new Map<string, ScheduledSession[]>();
  if (gathering === null) return out;
  const days = eventDays(event);
  for (const { track, sessions } of gathering.tracks) {
    const list: ScheduledSession[] = [];
    for (const s of sessions) {
      const day = days[s.day];
      if (day === undefined || s.topic.number === null) continue;
      const { id, repo, number, title, url } = s.topic;
      list.push({
        session: { kind: "topic", id, repo, number, title, url },
        startsAt: zoned(day.start, event.timezone).plus({ minutes: s.offset }).toMillis(),
      });
    }
    out.set(track.id, list);
  }
  return out;
}

export async function handleNowCommands(ctx: JobContext, loaded: LoadedConfig, target: NowCommandTarget, comment: CommandComment): Promise<CommandOutcome> {
  const commands = nowCommands(comment.body);
  if (commands.length === 0) return { touched: [], replies: [] };
  const name = commands[0]!.name === "next" ? "next" : "now";
  const plan = emptyPlan();
  const here = nowSeriesOf(loaded, target.labels);
  const series = here === undefined ? undefined : loaded.config.meetings[here];
  const meetingsAt = series === undefined ? null : meetingRepository(loaded.config, series, loaded.home);
  if (here === undefined || series === undefined) plan.refusals.push(nowNotEventIssue(name));
  else if (!series.event?.tracks) plan.refusals.push(nowNoTracks(name, here));
  else if (meetingsAt !== null && !sameRepo(meetingsAt, target.repo)) plan.refusals.push(nowWrongRepository(name, here, meetingsAt));
  else await runCommands(ctx, loaded, here, series, target, comment, commands, plan);
  const refusal = await applyCommandPlan(ctx, target, comment, plan);
  return { touched: [], replies: refusal === "reply" ? [...plan.refusals] : [] };
}

async function runCommands(
  ctx: JobContext,
  loaded: LoadedConfig,
  seriesId: string,
  series: SeriesConfig,
  target: NowCommandTarget,
  comment: CommandComment,
  commands: readonly CommandLine[],
  plan: ReturnType<typeof emptyPlan>,
): Promise<void> {
  const event = series.event!;
  const tracks = resolveTracks(seriesId, event, series["recurring-time"]);
  const ids = tracks.map((t) => t.id);
  // The body as it is now: the comment's payload may be older than the last write.
  const issue = await ctx.gateway.issue(target.repo, target.issueNumber);
  if (issue === null) return;
  // The series' label is not enough: a track issue opened before it had its own label, or an earlier event's issue (the same series id), carries it too.
  const first = eventDays(event)[0];
  if (first === undefined || findMeetingIssue([issue], seriesId, series.title, first) === null) {
    plan.refusals.push(nowNotThisEvent(commands[0]!.name === "next" ? "next" : "now", meetingTitle(series.title, { date: first?.date ?? "" })));
    return;
  }
  const before = readNowState(issue.body);
  const applied = wasApplied(before, comment.id);
  let state: NowState = before;
  let changed = false;
  let triage: boolean | undefined;
  let output: Audience | undefined;
  let schedules: Map<string, ScheduledSession[]> | undefined;
  const here = `${target.repo.owner}/${target.repo.repo}`;

  for (const cmd of commands) {
    const parsed = interpretNowCommand(cmd, ids);
    if (parsed.kind === "usage") {
      plan.refusals.push(nowUsage(parsed.name, ids));
      continue;
    }
    if (parsed.kind === "unknown-track") {
      plan.refusals.push(nowUnknownTrack(parsed.name, parsed.track, ids));
      continue;
    }
    const track = tracks.find((t) => t.id === parsed.track)!;
    const which = cmd.name === "next" ? "next" : "now";
    if (!isChair(track, comment.author)) {
      triage ??= mayTriage(await ctx.gateway.permission(target.repo, comment.author));
      if (!triage) {
        plan.refusals.push(nowNotAllowed(comment.author, which, track.id, track.chairs, target.repo));
        continue;
      }
    }
    if (applied) continue; // this comment was applied before (a retried job): answered again, not applied again
    let resolved: ResolvedNowCommand;
    if (parsed.kind === "set") {
      let session: NowSession;
      if (parsed.target.kind === "text") session = { kind: "text", text: parsed.target.text.slice(0, 256) };
      else {
        const repo = parsed.target.repo ?? here;
        const [owner = "", name = ""] = repo.split("/");
        const at = { owner, repo: name };
        const found = await ctx.gateway.issue(at, parsed.target.number);
        if (found === null) {
          plan.refusals.push(nowNotFound(which, `${repo}#${parsed.target.number}`));
          continue;
        }
        output ??= await ctx.gateway.repoAudience(target.repo);
        const audience = sameRepo(at, target.repo) ? output : await ctx.gateway.repoAudience(at);
        session = canShow(audience, output)
          ? { kind: "topic", id: found.id, repo: `${owner}/${name}`, number: found.number, title: found.title.slice(0, 256), url: found.url }
          : { kind: "private" };
      }
      resolved = { kind: "set", which: parsed.which, track: track.id, session };
    } else resolved = parsed;
    if (resolved.kind === "advance") schedules ??= trackSchedules((await readGathering(ctx, loaded, seriesId))?.gathering ?? null, event);
    const next = applyNow(state, resolved, schedules?.get(track.id) ?? [], ctx.now.getTime());
    if (next === null) {
      plan.refusals.push(nowNothingNext(track.id));
      continue;
    }
    state = next;
    changed = true;
  }

  if (changed) {
    const content = nowSection({
      tracks,
      state: markApplied(state, comment.id),
      repo: here,
      pads: new Map(Object.entries(readSessionPads(issue.body))),
      updatedAt: ctx.now,
      timezone: event.timezone,
    });
    const merged = mergeNowSection(issue.body, content);
    if (merged.problems.length > 0) {
      ctx.log.warn({ issue: issue.url, problems: merged.problems }, "the Happening now section was not written");
      plan.refusals.push(...merged.problems);
      return;
    }
    if (!bodyFits(merged.body)) {
      plan.refusals.push(nowTooLong(commands[0]!.name === "next" ? "next" : "now"));
      return;
    }
    if (merged.body !== issue.body) await ctx.gateway.updateIssueBody(target.repo, target.issueNumber, merged.body);
  }
  plan.acknowledge = plan.refusals.length === 0 && (changed || applied);
}

const isChair = (track: TrackSpec, login: string) => track.chairs.some((c) => c.toLowerCase() === login.toLowerCase());
