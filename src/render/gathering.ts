/**
 * The event issue of a multi-track gathering (issue 15): its `agenda` section (the schedule: one
 * grid per day, rows the times, columns the rooms, joint sessions spanning their columns, and a
 * Mermaid gantt per day with one section per room), its `waiting-list` section (each track's
 * waiting list with the reason in words), and a track's own issue (its part only). Pure and
 * deterministic.
 *
 * The grid is an HTML table (GitHub renders HTML in issue bodies; Markdown tables cannot span rows
 * or columns). Inside an HTML block Markdown is not read, so everything people wrote goes through
 * htmlText (./escape.ts) there, and the table holds no blank line (a blank line would end the
 * block). Times are in the event's zone: a session's start is the event day's start plus its
 * offset (../domain/tracks.ts: one time frame for every track).
 *
 * Choices a reader notices:
 * - A day's columns are the tracks that run on it (in the configuration's order); a column's
 *   header is "Room — Track title", or the title alone when the room is called like the track.
 * - Rows are the intervals between the day's distinct start and end times, so a gap nobody uses
 *   is a row of empty cells; a session spans its rows. A joint session is one cell over each run
 *   of side-by-side columns it joins: one cell ("joint session") when all are side by side,
 *   otherwise one per run, each "joint with" the tracks not under it.
 * - Reasons name tracks by title, except "no common free slot for edge and tripleo on any day",
 *   which names them by id as issue 15 words it (the ids are what people label with).
 * - A waiting topic's number is its place in that track's list; with nobody waiting anywhere the
 *   section says so once instead of once per track.
 */
import type { DateTime } from "luxon";
import { formatDuration } from "../domain/duration.js";
import type { EventDay } from "../domain/schedule.js";
import { gatheringState, type Gathering, type Session, type TrackAgenda, type TrackSpec, type TrackWaiting } from "../domain/tracks.js";
import { MAX_BODY } from "../domain/limits.js";
import { codeSpan, htmlLink, htmlText, inline, linkMarkdown, mermaidText } from "./escape.js";
import { fitBody, notListedNote, type ListFit } from "./fit.js";
import { clock, GITHUB, longDate, topicLink, userLink, zoned } from "./format.js";
import { stateComment } from "./markers.js";

export interface GatheringRenderInput {
  seriesId: string;
  /** The event's title. */
  title: string;
  /** The event's days (../domain/schedule.ts eventDays). */
  days: readonly EventDay[];
  timezone: string;
  gathering: Gathering;
  tracks: readonly TrackSpec[];
  /** Topic id -> the URL of the session's pad. */
  pads?: Readonly<Record<string, string>>;
  /** Web URL of the GitHub server, for profile links; default https://github.com. */
  serverUrl?: string;
  /** A GitHub search that shows every topic of the gathering, linked when not all are listed. */
  allTopicsUrl?: string;
  /** How much to leave out so the issue fits GitHub's limit (see fitGathering); `listed` counts sessions (by day and start), then waiting topics. */
  fit?: ListFit;
}

const NOTES = "📝 notes";

// ---------------------------------------------------------------------------
// Small pieces.

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

/** "a", "a and b", "a, b and c". */
function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** The local time `offset` minutes after the event day's start. */
function timeAt(input: GatheringRenderInput, day: number, offset: number): DateTime {
  const d = input.days.find((x) => x.index === day);
  if (d === undefined) throw new Error(`the gathering has a session on day ${day + 1}, which the event does not have`);
  return zoned(d.start, input.timezone).plus({ minutes: offset });
}

/**
 * Clock times already computed, per list of days (the same array through every try of
 * fitGathering): placing a time in a zone is what costs most when thousands of sessions are drawn.
 */
const clocks = new WeakMap<readonly EventDay[], Map<string, string>>();

/** "14:10": the local clock `offset` minutes after the event day's start. */
function clockAt(input: GatheringRenderInput, day: number, offset: number): string {
  let known = clocks.get(input.days);
  if (known === undefined) clocks.set(input.days, (known = new Map()));
  const key = `${input.timezone} ${day} ${offset}`;
  let text = known.get(key);
  if (text === undefined) known.set(key, (text = clock(timeAt(input, day, offset))));
  return text;
}

/** "09:00–10:30". */
function span(input: GatheringRenderInput, day: number, from: number, to: number): string {
  return `${clockAt(input, day, from)}–${clockAt(input, day, to)}`;
}

function specOf(input: GatheringRenderInput, id: string): TrackSpec | undefined {
  return input.tracks.find((t) => t.id === id);
}

function titleOf(input: GatheringRenderInput, id: string): string {
  return specOf(input, id)?.title ?? id;
}

/** Which sessions and waiting topics are listed: all, or the first `fit.listed` (sessions first). */
function listing<S, W>(fit: ListFit | undefined, sessions: readonly S[], waiting: readonly W[]): { sessions: S[]; waiting: W[] } {
  const listed = fit?.listed;
  if (listed === undefined) return { sessions: [...sessions], waiting: [...waiting] };
  return { sessions: sessions.slice(0, listed), waiting: waiting.slice(0, Math.max(0, listed - sessions.length)) };
}

/** "**12 more topics are on the agenda**, not listed here: … See [all topics of this gathering](…)." */
function notListed(n: number, where: string, input: GatheringRenderInput): string {
  const note = notListedNote(n, "topic", where, {});
  const all = input.allTopicsUrl === undefined ? "" : linkMarkdown("all topics of this gathering", input.allTopicsUrl);
  return all === "" ? note : `${note} See ${all}.`;
}

/** A topic in HTML: "owner/repo#12 Title" linked to its issue (./format.ts topicText, for HTML). */
function htmlTopic(session: Session, titleMax: number | undefined): string {
  const { topic } = session;
  const title = htmlText(topic.title, undefined, titleMax);
  const ref = topic.number === null ? "" : topic.repo === "" ? `#${topic.number}` : `${htmlText(topic.repo, 140)}#${topic.number}`;
  const text = ref === "" ? title || "(untitled)" : title === "" ? ref : `${ref} ${title}`;
  return htmlLink(text, topic.url);
}

function padUrl(input: GatheringRenderInput, session: Session): string | undefined {
  return input.pads?.[session.topic.id];
}

// ---------------------------------------------------------------------------
// The grid of one day.

/** Column indices grouped into runs of adjacent ones: [0,1,3] -> [[0,1],[3]]. */
function runsOf(columns: readonly number[]): number[][] {
  const runs: number[][] = [];
  for (const c of [...columns].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last !== undefined && last.at(-1) === c - 1) last.push(c);
    else runs.push([c]);
  }
  return runs;
}

/** A session's end for the layout: a session of no minutes still takes a row. */
function endOf(s: Session): number {
  return s.offset + Math.max(1, s.minutes);
}

/** A session's cell in the columns `run`: its topic, estimate, pad, and which tracks it is joint with. */
function cellHtml(input: GatheringRenderInput, session: Session, run: readonly number[], columns: readonly TrackSpec[]): string {
  const parts = [htmlTopic(session, input.fit?.titleMax), `<br>${formatDuration(session.minutes)}`];
  const pad = padUrl(input, session);
  if (pad !== undefined) {
    const linked = htmlLink(NOTES, pad);
    if (linked !== NOTES) parts.push(` · ${linked}`);
  }
  if (session.tracks.length > 1) {
    const here = new Set(run.map((c) => columns[c]!.id));
    const others = session.tracks.filter((id) => !here.has(id)).map((id) => htmlText(titleOf(input, id)));
    parts.push(others.length === 0 ? "<br><em>joint session</em>" : `<br><em>joint with ${andList(others)}</em>`);
  }
  return parts.join("");
}

/**
 * The HTML table of one day: a header row (Time, then one column per room), one row per interval
 * between the day's distinct start and end times; a session's cell spans the rows of its time and,
 * for a joint session, the columns of its tracks when they sit side by side. A joint session whose
 * tracks do not sit side by side has a cell in each run of adjacent columns, each saying which
 * tracks it is joint with. Sessions the grid cannot hold (overlapping another in a column) come
 * back in `loose`, so the caller lists them instead of losing them.
 */
function dayGrid(input: GatheringRenderInput, day: number, sessions: readonly Session[], columns: readonly TrackSpec[]): { html: string; loose: Session[] } {
  const times = [...new Set(sessions.flatMap((s) => [s.offset, endOf(s)]))].sort((a, b) => a - b);
  const row = new Map(times.map((t, i) => [t, i]));
  const rows = Math.max(0, times.length - 1);
  const taken = Array.from({ length: rows }, () => new Array<boolean>(columns.length).fill(false));
  const starts = new Map<string, string>(); // "row,column" -> the cell
  const loose: Session[] = [];
  const index = new Map(columns.map((t, i) => [t.id, i]));
  for (const session of sessions) {
    const cols = session.tracks.map((id) => index.get(id)).filter((c): c is number => c !== undefined);
    const r0 = row.get(session.offset)!;
    const r1 = row.get(endOf(session))!;
    const free = cols.length > 0 && cols.every((c) => taken.slice(r0, r1).every((r) => !r[c]));
    if (!free) {
      loose.push(session);
      continue;
    }
    for (const run of runsOf(cols)) {
      for (let r = r0; r < r1; r++) for (const c of run) taken[r]![c] = true;
      const attrs = [r1 - r0 > 1 ? ` rowspan="${r1 - r0}"` : "", run.length > 1 ? ` colspan="${run.length}"` : ""].join("");
      starts.set(`${r0},${run[0]}`, `<td${attrs}>${cellHtml(input, session, run, columns)}</td>`);
    }
  }
  const header = `<tr><th>Time</th>${columns.map((t) => `<th>${htmlText(headerText(t))}</th>`).join("")}</tr>`;
  const body: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells = columns.map((_, c) => starts.get(`${r},${c}`) ?? (taken[r]![c] ? "" : "<td></td>"));
    body.push(`<tr><td>${span(input, day, times[r]!, times[r + 1]!)}</td>${cells.join("")}</tr>`);
  }
  return { html: ["<table>", header, ...body, "</table>"].join("\n"), loose };
}

/** A column's header: "Room 1 — Edge", or "Edge" when the room is called like the track. */
function headerText(track: TrackSpec): string {
  return track.room === track.title ? track.title : `${track.room} — ${track.title}`;
}

/**
 * A Mermaid gantt of one day (GitHub renders it): one section per room, in the tracks' order, each
 * session a bar from its local start for its estimate; a joint session in each of its rooms.
 * Titles and rooms go through mermaidText, so nobody's text can end a statement.
 */
function dayGantt(input: GatheringRenderInput, day: number, sessions: readonly Session[], columns: readonly TrackSpec[]): string {
  const lines = ["```mermaid", "gantt", "    dateFormat HH:mm", "    axisFormat %H:%M", "    todayMarker off"];
  for (const track of columns) {
    const own = sessions.filter((s) => s.tracks.includes(track.id));
    if (own.length === 0) continue;
    lines.push(`    section ${mermaidText(track.room, track.id)}`);
    for (const s of own) {
      const name = mermaidText(s.topic.title, s.topic.number === null ? "Topic" : `Topic ${s.topic.number}`);
      lines.push(`    ${name} :${clockAt(input, day, s.offset)}, ${Math.max(1, s.minutes)}m`);
    }
  }
  lines.push("```");
  return lines.join("\n");
}

/** "Planned: 2h of 4h; 6h of its total of 8h over all its days." for one track on one day. */
function plannedText(input: GatheringRenderInput, day: number, track: TrackSpec): string {
  const agenda = agendaOf(input, track.id);
  const i = track.days.findIndex((d) => d.day === day);
  const capacity = i < 0 ? 0 : track.days[i]!.capacity;
  const used = i < 0 ? 0 : (agenda?.used[i] ?? 0);
  const base = `Planned: ${formatDuration(used)} of ${formatDuration(capacity)}`;
  if (track.total === null) return `${base}.`;
  const all = agenda?.used.reduce((a, b) => a + b, 0) ?? 0;
  return `${base}; ${formatDuration(all)} of its total of ${formatDuration(track.total)} over all its days.`;
}

/** "- **Edge** — Planned: 2h of 4h." for each track with a column on the day. */
function plannedLines(input: GatheringRenderInput, day: number, columns: readonly TrackSpec[]): string {
  return columns.map((track) => `- **${inline(track.title)}** — ${plannedText(input, day, track)}`).join("\n");
}

function agendaOf(input: GatheringRenderInput, trackId: string): TrackAgenda | undefined {
  return input.gathering.tracks.find((t) => t.track.id === trackId);
}

/** The tracks that have a column on a day: those that run on it, and any with a session on it. */
function columnsOf(input: GatheringRenderInput, day: number, sessions: readonly Session[]): TrackSpec[] {
  return input.tracks.filter((t) => t.days.some((d) => d.day === day) || sessions.some((s) => s.tracks.includes(t.id)));
}

function labelsHint(tracks: readonly TrackSpec[]): string {
  const labels = tracks.map((t) => `${codeSpan(t.label)} (${inline(t.title)})`);
  if (labels.length === 0) return "No sessions yet, and this gathering has no tracks.";
  const joint = tracks.length > 1 ? "; a topic with two or more track labels is a joint session of those tracks" : "";
  return `No sessions yet — label an issue ${labels.length === 1 ? labels[0] : `with a track's label: ${labels.join(", ")}`}${joint}.`;
}

/**
 * The `agenda` section of the event issue: "## Schedule", then for each day of the event its grid
 * (rows: times; columns: rooms; joint sessions spanning their columns), its gantt with one
 * section per room, and what each track planned; the hidden state line last.
 */
export function scheduleSection(input: GatheringRenderInput): string {
  const { gathering } = input;
  const blocks = ["## Schedule"];
  const all = gathering.sessions;
  const shown = listing(input.fit, all, gathering.waiting).sessions;
  if (all.length === 0) blocks.push(labelsHint(input.tracks));
  else {
    for (const day of input.days) {
      blocks.push(`### Day ${day.index + 1} — ${longDate(zoned(day.start, input.timezone))}`);
      const dayAll = all.filter((s) => s.day === day.index);
      const dayShown = shown.filter((s) => s.day === day.index);
      if (dayAll.length === 0) {
        blocks.push("Nothing planned for this day yet.");
        continue;
      }
      const columns = columnsOf(input, day.index, dayAll);
      if (dayShown.length > 0) {
        const { html, loose } = dayGrid(input, day.index, dayShown, columns);
        blocks.push(html);
        if (loose.length > 0) blocks.push(looseList(input, loose));
        blocks.push(dayGantt(input, day.index, dayShown, columns));
      }
      if (dayShown.length < dayAll.length) blocks.push(`${count(dayAll.length - dayShown.length, "more session")} planned for this day, not listed here.`);
      blocks.push(plannedLines(input, day.index, columns));
    }
    // A plan kept from before the event's days changed: say where it was rather than hide it.
    const held = new Set(input.days.map((d) => d.index));
    const elsewhere = shown.filter((s) => !held.has(s.day));
    if (elsewhere.length > 0) {
      const items = elsewhere.map((s) => `- ${s.date}, ${andList(s.tracks.map((id) => inline(titleOf(input, id))))}: ${sessionLine(input, s)}`);
      blocks.push(["Planned on a day the event no longer has:", ...items].join("\n"));
    }
    if (shown.length < all.length) blocks.push(notListed(all.length - shown.length, "on the schedule", input));
  }
  blocks.push(stateComment(gatheringState(gathering)));
  return blocks.join("\n\n");
}

/** Sessions the grid could not hold (they overlap another in one of their rooms), listed so none is lost. */
function looseList(input: GatheringRenderInput, loose: readonly Session[]): string {
  const items = loose.map(
    (s) => `- ${span(input, s.day, s.offset, s.offset + s.minutes)} ${andList(s.tracks.map((id) => inline(titleOf(input, id))))}: ${sessionLine(input, s)}`,
  );
  return ["Also planned, overlapping another session in the same room:", ...items].join("\n");
}

/** "[owner/repo#12 Title](…), 1h · [📝 notes](…)" in Markdown. */
function sessionLine(input: GatheringRenderInput, s: Session): string {
  const pad = padUrl(input, s);
  const linked = pad === undefined ? "" : linkMarkdown(NOTES, pad);
  return `${topicLink(s.topic, input.fit?.titleMax)}, ${formatDuration(s.minutes)}${linked !== "" && linked !== NOTES ? ` · ${linked}` : ""}`;
}

// ---------------------------------------------------------------------------
// Waiting lists.

/** Why a topic waits on `track`'s list, in words. */
function reasonText(input: GatheringRenderInput, w: TrackWaiting, track: TrackSpec): string {
  const title = inline(track.title);
  switch (w.reason) {
    case "no-room":
      return `no room left in ${title}`;
    case "too-long": {
      const specs = w.tracks.map((id) => specOf(input, id)).filter((t): t is TrackSpec => t !== undefined);
      const shared = (specs[0]?.days ?? []).filter((d) => specs.every((t) => t.days.some((x) => x.day === d.day)));
      const longest = Math.max(0, ...shared.map((d) => Math.min(...specs.map((t) => t.days.find((x) => x.day === d.day)!.capacity))));
      const which = specs.length > 1 ? `any day ${andList(w.tracks.map((id) => inline(id)))} share` : `any day of ${title}`;
      return `longer than ${which} (${formatDuration(w.minutes)} > ${formatDuration(longest)}); split it or lower its estimate`;
    }
    case "over-total": {
      // The tracks whose total it would pass: this one if so, else the others it joins.
      const over = w.tracks
        .map((id) => specOf(input, id))
        .filter((t): t is TrackSpec => t !== undefined && t.total !== null)
        .filter((t) => (agendaOf(input, t.id)?.used.reduce((a, b) => a + b, 0) ?? 0) + w.minutes > t.total!);
      const named = over.some((t) => t.id === track.id) ? [track] : over.length > 0 ? over : [track];
      return named.map((t) => `over ${inline(t.title)}'s total of ${formatDuration(t.total ?? 0)}`).join(" and ");
    }
    case "no-common-slot":
      return `no common free slot for ${andList(w.tracks.map((id) => inline(id)))} on any day`;
  }
}

/** The numbered list of one track's waiting topics (its place in that track's list, from 1). */
function waitingItems(input: GatheringRenderInput, track: TrackSpec, list: readonly TrackWaiting[], shown: ReadonlySet<string>): string[] {
  const serverUrl = input.serverUrl ?? GITHUB;
  const items: string[] = [];
  list.forEach((w, i) => {
    if (!shown.has(w.topic.id)) return;
    const joint =
      w.tracks.length > 1 && w.reason !== "no-common-slot"
        ? ` (joint with ${andList(w.tracks.filter((id) => id !== track.id).map((id) => inline(titleOf(input, id))))})`
        : "";
    items.push(
      `${i + 1}. ${topicLink(w.topic, input.fit?.titleMax)} by ${userLink(w.topic.author, serverUrl)}, ${formatDuration(w.minutes)}${joint} — ${reasonText(input, w, track)}`,
    );
  });
  return items;
}

function trackWaiting(input: GatheringRenderInput, trackId: string): TrackWaiting[] {
  return agendaOf(input, trackId)?.waiting ?? input.gathering.waiting.filter((w) => w.tracks.includes(trackId));
}

/** "### Room 1 — Edge" style heading of a track's list: "### Edge (Room 1)", or "### Edge" when the room is called like it. */
function trackHeading(track: TrackSpec): string {
  return track.room === track.title ? `### ${inline(track.title)}` : `### ${inline(track.title)} (${inline(track.room)})`;
}

/**
 * The `waiting-list` section of the event issue: each track's waiting topics in order, with why
 * each waits; a topic waiting for two or more tracks is on each of their lists.
 */
export function trackWaitingSection(input: GatheringRenderInput): string {
  const { gathering } = input;
  const blocks = ["## Waiting list"];
  if (gathering.waiting.length === 0) {
    blocks.push("Nobody is waiting.");
    return blocks.join("\n\n");
  }
  blocks.push("These topics did not fit. Each moves onto the schedule on its own when room frees up.");
  const shownList = listing(input.fit, gathering.sessions, gathering.waiting).waiting;
  const shown = new Set(shownList.map((w) => w.topic.id));
  for (const track of input.tracks) {
    blocks.push(trackHeading(track));
    const list = trackWaiting(input, track.id);
    if (list.length === 0) {
      blocks.push("Nobody is waiting.");
      continue;
    }
    const items = waitingItems(input, track, list, shown);
    if (items.length > 0) blocks.push(items.join("\n"));
    if (items.length < list.length) blocks.push(`${count(list.length - items.length, "more topic")} waiting here, not listed.`);
  }
  if (shownList.length < gathering.waiting.length) blocks.push(notListed(gathering.waiting.length - shownList.length, "waiting", input));
  return blocks.join("\n\n");
}

// ---------------------------------------------------------------------------
// A track's own issue.

/**
 * The parts of a track's own issue (opt-in): its schedule (a table per day it runs, joint sessions
 * marked "joint with …") and its waiting list; no state line (the event issue keeps the plan).
 */
export function trackIssueSections(input: GatheringRenderInput, trackId: string): { schedule: string; waiting: string } {
  const track = specOf(input, trackId);
  if (track === undefined) throw new Error(`no track "${trackId}" in this gathering (tracks: ${input.tracks.map((t) => t.id).join(", ") || "none"})`);
  const serverUrl = input.serverUrl ?? GITHUB;
  const sessions = agendaOf(input, trackId)?.sessions ?? input.gathering.sessions.filter((s) => s.tracks.includes(trackId));
  const waitingList = trackWaiting(input, trackId);
  const shown = listing(input.fit, sessions, waitingList);

  const blocks = ["## Schedule"];
  const about = [`**Room:** ${inline(track.room)}`];
  if (track.chairs.length > 0) about.push(`**Chairs:** ${track.chairs.map((c) => userLink(c, serverUrl)).join(", ")}`);
  blocks.push(about.join(" · "));
  if (sessions.length === 0) blocks.push(labelsHint([track]));
  else {
    const days = input.days.filter((d) => track.days.some((x) => x.day === d.index) || sessions.some((s) => s.day === d.index));
    for (const day of days) {
      blocks.push(`### Day ${day.index + 1} — ${longDate(zoned(day.start, input.timezone))}`);
      const dayAll = sessions.filter((s) => s.day === day.index);
      const dayShown = shown.sessions.filter((s) => s.day === day.index);
      if (dayAll.length === 0) {
        blocks.push("Nothing planned for this day yet.");
        continue;
      }
      if (dayShown.length > 0) {
        const rows = dayShown.map((s) => {
          const joint = s.tracks.length > 1 ? ` — joint with ${andList(s.tracks.filter((id) => id !== trackId).map((id) => inline(titleOf(input, id))))}` : "";
          const pad = padUrl(input, s);
          const notes = pad === undefined ? "" : linkMarkdown(NOTES, pad);
          return `| ${span(input, day.index, s.offset, s.offset + s.minutes)} | ${topicLink(s.topic, input.fit?.titleMax)}${joint} | ${formatDuration(s.minutes)} | ${notes === NOTES ? "" : notes} |`;
        });
        blocks.push(["| Time | Topic | Estimate | Notes |", "| :-: | --- | -: | --- |", ...rows].join("\n"));
      }
      if (dayShown.length < dayAll.length) blocks.push(`${count(dayAll.length - dayShown.length, "more session")} planned for this day, not listed here.`);
      blocks.push(plannedText(input, day.index, track));
    }
    if (shown.sessions.length < sessions.length) blocks.push(notListed(sessions.length - shown.sessions.length, "on the schedule", input));
  }

  const waiting = ["## Waiting list"];
  if (waitingList.length === 0) waiting.push("Nobody is waiting.");
  else {
    const items = waitingItems(input, track, waitingList, new Set(shown.waiting.map((w) => w.topic.id)));
    if (items.length > 0) waiting.push(items.join("\n"));
    if (items.length < waitingList.length) waiting.push(notListed(waitingList.length - items.length, "waiting", input));
  }
  return { schedule: blocks.join("\n\n"), waiting: waiting.join("\n\n") };
}

/**
 * The text `compose` makes of the gathering, made to fit GitHub's limit on a body (./fit.ts), as
 * fitToLimit does for a single room: as it is; else with titles cut; else listing as many topics
 * as fit (sessions by day and start, then the waiting list), the rest counted with the link to
 * all of them. Null when not even a schedule listing no topic fits.
 */
export function fitGathering(input: GatheringRenderInput, compose: (input: GatheringRenderInput) => string, limit: number = MAX_BODY): string | null {
  const total = input.gathering.sessions.length + input.gathering.waiting.length;
  return fitBody(total, (fit) => compose(fit ? { ...input, fit } : input), limit);
}
