/**
 * A pad per session of a multi-track gathering (issue 15): when the event's series names a pad
 * (`notes.pad`), each scheduled session whose topic anyone may read gets its own pad, created once
 * from its topic (render/session-pads.ts), and remembered in the event issue's hidden
 * `session-pads` section. The gathering's sync (./gathering.ts) calls `ensureSessionPads`, writes
 * the section with the schedule, and links each session's pad; the recap reads the pads.
 *
 * Decisions:
 * - Only topics anyone may read get a pad (canShow(audience, ANYONE), as for a meeting's pad,
 *   ./agenda.ts): whoever has a pad's link reads it, and its title and heading name the topic.
 * - Created once: a topic that has a pad in the section keeps it, also when its session moves or
 *   it leaves the schedule (the notes in it stay reachable). A rerun creates only what is missing.
 * - A pad server that fails: the pads created before the failure are kept, the failure is a
 *   problem naming the session, and no further pad is tried in this run (a server that is down
 *   would cost every session its timeout); the next sync tries again. Nothing is lost.
 * - A damaged section (its markers, or a hidden line that is not one) creates no pad at all until
 *   it is repaired: the pads it named could not be told from missing ones, and creating them again
 *   would leave people's notes in pads nobody links any more.
 * - Like a meeting's pad: no pad in a dry run, for a closed event issue, or without the pad
 *   clients (the app has none: the Action creates pads, docs/action-commands.md).
 */
import type { SeriesConfig } from "../config/schema.js";
import { eventDays } from "../domain/schedule.js";
import { sessionOccurrence } from "../domain/sessions.js";
import type { Session } from "../domain/tracks.js";
import { canShow, type Audience } from "../domain/visibility.js";
import type { DocketIssue } from "../github/gateway.js";
import { PadError } from "../pads/pads.js";
import { oneLine, readHiddenJson } from "../render/escape.js";
import { hasSection, readSection, type Section } from "../render/markers.js";
import type { PadState } from "../render/notes.js";
import { readSessionPadStates, SESSION_PADS_SECTION, sessionPadSkeleton, sessionPadsSection, sessionPadTitle } from "../render/session-pads.js";
import type { JobContext } from "./context.js";

export { readSessionPadStates, SESSION_PADS_SECTION } from "../render/session-pads.js";

/** Whoever has a link: the readers of a shared pad. */
const ANYONE: Audience = { visibility: "public", owner: "" };

export interface SessionPadsResult {
  /** Topic id -> its session's pad URL: every pad kept, the new ones included. */
  pads: Record<string, string>;
  /** The `session-pads` section to write into the event issue with the schedule; null when there is no pad to keep (or the section is damaged: left as it is). */
  section: Section | null;
  /** For people: a pad server that failed, a damaged section. */
  problems: string[];
}

/** Topic id -> the URL of its session's pad, as kept in the event issue body. */
export function readSessionPads(body: string | null | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(readSessionPadStates(body)).map(([topicId, pad]) => [topicId, pad.url]));
}

/** Why the section cannot be trusted, or null when it is sound or absent. */
function damaged(body: string): string | null {
  if (!hasSection(body, SESSION_PADS_SECTION)) return null;
  const content = readSection(body, SESSION_PADS_SECTION);
  if (content === null) return "its markers are damaged";
  if (content.trim() !== "" && readHiddenJson(content, SESSION_PADS_SECTION) === null) return "its hidden line is not one Docket wrote";
  return null;
}

/**
 * Creates the pads of the sessions that have none yet (see the file comment) and returns every
 * session's pad with the section that keeps them. `body`: the event issue's body as it is now;
 * `sessions`: the gathering's scheduled sessions, already without topics the issue's readers may
 * not see.
 */
export async function ensureSessionPads(
  ctx: JobContext,
  series: SeriesConfig,
  issue: DocketIssue,
  body: string,
  sessions: readonly Session[],
): Promise<SessionPadsResult> {
  const broken = damaged(body);
  if (broken !== null) {
    const problem = `${issue.url}: the section "${SESSION_PADS_SECTION}" (the sessions' pads) was left as it is: ${broken}; no session pad is created until it is repaired (or removed: then every session gets a new pad)`;
    return { pads: readSessionPads(body), section: null, problems: [problem] };
  }
  const kept: Record<string, PadState> = readSessionPadStates(body);
  const problems: string[] = [];
  const done = (): SessionPadsResult => ({
    pads: Object.fromEntries(Object.entries(kept).map(([topicId, pad]) => [topicId, pad.url])),
    section: Object.keys(kept).length === 0 ? null : { name: SESSION_PADS_SECTION, content: sessionPadsSection(kept) },
    problems,
  });
  const event = series.event;
  const config = series.notes;
  if (event === undefined || config.pad === undefined || ctx.pads === undefined || issue.state !== "open") return done();
  const missing = sessions.filter((s) => !Object.hasOwn(kept, s.topic.id) && canShow(s.topic.audience, ANYONE));
  if (missing.length === 0) return done();
  if (ctx.gateway.dryRun) {
    ctx.log.info({ meeting: issue.url, pad: config.pad, sessions: missing.length }, "dry run: would create a pad per session and link them");
    return done();
  }
  const days = eventDays(event);
  const tracks = new Map((event.tracks ?? []).map((t) => [t.id, t]));
  for (const session of missing) {
    // The series id is not part of a pad's text.
    const occurrence = sessionOccurrence("", event, session, days);
    if (occurrence === null) continue;
    const own = session.tracks.flatMap((id) => (tracks.has(id) ? [tracks.get(id)!] : []));
    const title = sessionPadTitle(series.title, session.topic.title);
    const markdown = sessionPadSkeleton({
      event: series.title,
      topic: session.topic,
      occurrence,
      rooms: [...new Set(own.map((t) => t.room ?? t.title))],
      tracks: own.map((t) => t.title),
      eventUrl: issue.url,
    });
    try {
      kept[session.topic.id] = await ctx.pads.create(config, { title, markdown });
    } catch (error) {
      if (!(error instanceof PadError)) throw error;
      problems.push(`${issue.url}: no pad was created for the session "${oneLine(session.topic.title)}" (${error.message}); the next run tries again`);
      break;
    }
    ctx.log.info({ meeting: issue.url, topic: session.topic.url, pad: kept[session.topic.id]!.url }, "session pad created");
  }
  return done();
}
