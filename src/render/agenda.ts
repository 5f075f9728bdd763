/**
 * The meeting issue: its title, its body, the generated `agenda` and
 * `waiting-list` sections, and the comment on a topic that moved up.
 */
import type { Agenda, Occurrence, ScheduledTopic, WaitingTopic } from "../domain/types.js";
import { agendaState } from "../domain/agenda.js";
import { formatDuration } from "../domain/duration.js";
import { codeSpan, hiddenJson, inline, linkMarkdown, mermaidText, oneLine, readHiddenJson } from "./escape.js";
import { clock, GITHUB, longDate, startAt, topicLink, userLink, whenLine, zoned } from "./format.js";
import { MAX_BODY } from "../domain/limits.js";
import { fitBody, notListedNote, SHORT_TITLE, type ListFit } from "./fit.js";
import { mergeSections, stateComment, type Section } from "./markers.js";
import { NOTES_SECTION, PAD_SECTION } from "./notes.js";
import { BODY_SECTIONS, defaultTemplate, fillTemplate, headerContents, templateProblems } from "./meeting-template.js";

export const AGENDA_SECTION = "agenda";
export const WAITING_SECTION = "waiting-list";

/** "Team IaaS — 2023-12-04" (an em dash between the series title and the local date). */
export function meetingTitle(seriesTitle: string, occurrence: Pick<Occurrence, "date">): string {
  return `${oneLine(seriesTitle)} — ${occurrence.date}`;
}

export interface Role {
  role: string;
  login: string;
}

export interface AgendaSectionInput {
  agenda: Agenda;
  occurrence: Occurrence;
  /** Recurring items, shown first, as a list. */
  recurring: readonly string[];
  /** Minutes the recurring items take before the first topic. */
  recurringMinutes: number;
  roles: readonly Role[];
  /** The label that makes an issue a topic, for the hint on an empty agenda. */
  label: string;
  /** The series id people type in `/agenda ID`; default: the occurrence's series. */
  seriesId?: string;
  /** For a multi-day event: the occurrence of each day (index = `ScheduledTopic.day`). */
  days?: readonly Occurrence[];
  /** Web URL of the GitHub server, for profile links (GitHub Enterprise Server); default https://github.com. */
  serverUrl?: string;
  /** A GitHub search that shows every topic (the series label's), linked when not all are listed. */
  allTopicsUrl?: string;
  /** How much to leave out so the issue fits GitHub's limit (see fitToLimit); default: nothing. */
  fit?: AgendaFit;
}

/** How a meeting issue is made to fit GitHub's limit on a body: `listed` counts the agenda's topics (by start), then the waiting list's. */
export type AgendaFit = ListFit;
export { SHORT_TITLE };

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function rolesLine(roles: readonly Role[], serverUrl: string): string | null {
  if (roles.length === 0) return null;
  const parts = roles.map(({ role, login }) => `${capitalise(inline(role, 60))}: ${userLink(login, serverUrl)}`);
  return `**Roles:** ${parts.join(" · ")}`;
}

function recurringBlock(recurring: readonly string[], minutes: number): string | null {
  const items = recurring.map((item) => inline(item)).filter((item) => item !== "");
  if (items.length === 0) return null;
  const heading = minutes > 0 ? `Recurring items (${formatDuration(minutes)}):` : "Recurring items:";
  return [heading, "", ...items.map((item) => `- ${item}`)].join("\n");
}

function table(topics: readonly ScheduledTopic[], occurrence: Occurrence, recurringMinutes: number, serverUrl: string, titleMax?: number): string {
  const rows = topics.map((s, i) => {
    const start = startAt(occurrence, recurringMinutes + s.offset);
    return `| ${i + 1} | ${start} | ${topicLink(s.topic, titleMax)} | ${userLink(s.topic.author, serverUrl)} | ${formatDuration(s.minutes)} |`;
  });
  return ["| # | Start | Topic | Author | Estimate |", "| -: | :-: | --- | --- | -: |", ...rows].join("\n");
}

function plannedLine(used: number, capacity: number, recurringMinutes: number): string {
  const base = `Planned: ${formatDuration(used)} of ${formatDuration(capacity)}`;
  return recurringMinutes > 0 ? `${base} for topics, after ${formatDuration(recurringMinutes)} of recurring items.` : `${base}.`;
}

/** The occurrence of day `day` of an event: given, or the first day moved by whole local days. */
function dayOccurrence(input: AgendaSectionInput, day: number): Occurrence {
  const given = input.days?.[day];
  if (given !== undefined) return given;
  const { occurrence } = input;
  if (day === 0) return occurrence;
  const start = zoned(occurrence.start, occurrence.timezone).plus({ days: day });
  const end = zoned(occurrence.end, occurrence.timezone).plus({ days: day });
  return { ...occurrence, date: start.toISODate() ?? occurrence.date, start: start.toISO() ?? occurrence.start, end: end.toISO() ?? occurrence.end };
}

function byStart(a: ScheduledTopic, b: ScheduledTopic): number {
  return a.day - b.day || a.offset - b.offset;
}

/**
 * The `agenda` section: roles, the recurring items, then one table of topics
 * with their running start times in the meeting's zone (one table per day for
 * a multi-day event), the time planned, and the hidden state line.
 */
export function agendaSection(input: AgendaSectionInput): string {
  const { agenda, occurrence, recurringMinutes } = input;
  const serverUrl = input.serverUrl ?? GITHUB;
  const blocks: string[] = ["## Agenda"];
  const roles = rolesLine(input.roles, serverUrl);
  if (roles !== null) blocks.push(roles);
  const recurring = recurringBlock(input.recurring, recurringMinutes);
  if (recurring !== null) blocks.push(recurring);

  const scheduled = [...agenda.scheduled].sort(byStart);
  const titleMax = input.fit?.titleMax;
  const shown = scheduled.slice(0, input.fit?.listed ?? scheduled.length);
  const hint = `No topics yet — label an issue ${codeSpan(input.label)} or comment ${codeSpan(`/agenda ${input.seriesId ?? occurrence.seriesId}`)} on it.`;
  const slots = agenda.slots.length === 0 ? [{ capacity: 0 }] : agenda.slots;
  if (scheduled.length === 0) {
    blocks.push(hint);
  } else if (slots.length === 1) {
    if (shown.length > 0) blocks.push(table(shown, occurrence, recurringMinutes, serverUrl, titleMax));
    blocks.push(plannedLine(agenda.used[0] ?? sum(scheduled), slots[0]?.capacity ?? 0, recurringMinutes));
  } else {
    if (shown.length > 0) blocks.push(eventGantt(shown, (day) => dayOccurrence(input, day), recurringMinutes));
    slots.forEach((slot, day) => {
      const dayTopics = scheduled.filter((s) => s.day === day);
      const dayShown = shown.filter((s) => s.day === day);
      const occ = dayOccurrence(input, day);
      blocks.push(`### Day ${day + 1} — ${longDate(zoned(occ.start, occ.timezone))}`);
      if (dayTopics.length === 0) blocks.push("Nothing planned for this day yet.");
      else {
        if (dayShown.length > 0) blocks.push(table(dayShown, occ, recurringMinutes, serverUrl, titleMax));
        if (dayShown.length < dayTopics.length)
          blocks.push(`${count(dayTopics.length - dayShown.length, "more topic")} planned for this day, not listed here.`);
        blocks.push(plannedLine(agenda.used[day] ?? sum(dayTopics), slot.capacity, recurringMinutes));
      }
    });
  }
  if (shown.length < scheduled.length) blocks.push(notListed(scheduled.length - shown.length, "on the agenda", input));
  blocks.push(stateComment(agendaState(agenda)));
  return blocks.join("\n\n");
}

/**
 * A Mermaid gantt chart of a multi-day event (GitHub renders it): one section
 * per day that has topics, named by the day ("Mon 3 Feb"), on a time-of-day
 * axis, so a bar of an hour reads as an hour and not as a sliver of a week;
 * each topic a bar from its local start (after the day's recurring items, as
 * in the day's table) for its estimate. No "today" line:
 * every day shares the axis, so the current time of day would mark them all.
 * Titles go through mermaidText, so no title can end a statement.
 */
export function eventGantt(scheduled: readonly ScheduledTopic[], dayOf: (day: number) => Occurrence, recurringMinutes = 0): string {
  const lines = ["```mermaid", "gantt", "    dateFormat HH:mm", "    axisFormat %H:%M", "    todayMarker off"];
  let section = -1;
  for (const s of [...scheduled].sort(byStart)) {
    const occ = dayOf(s.day);
    const start = zoned(occ.start, occ.timezone);
    if (s.day !== section) {
      section = s.day;
      lines.push(`    section ${start.toFormat("ccc d LLL")}`);
    }
    const at = start.plus({ minutes: recurringMinutes + s.offset });
    const name = mermaidText(s.topic.title, s.topic.number === null ? "Topic" : `Topic ${s.topic.number}`);
    lines.push(`    ${name} :${clock(at)}, ${Math.max(1, s.minutes)}m`);
  }
  lines.push("```");
  return lines.join("\n");
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

/** "12 more topics are on the agenda (or waiting), not listed here: …", with the link to all of them. */
function notListed(n: number, where: "on the agenda" | "waiting", input: { label?: string; allTopicsUrl?: string }): string {
  return notListedNote(n, "topic", where, { label: input.label, url: input.allTopicsUrl });
}

function sum(topics: readonly ScheduledTopic[]): number {
  return topics.reduce((total, s) => total + s.minutes, 0);
}

function waitingInOrder(waiting: readonly WaitingTopic[]): WaitingTopic[] {
  return [...waiting].sort((a, b) => a.position - b.position);
}

export interface WaitingListSectionInput {
  agenda: Agenda;
  serverUrl?: string;
  /** For the link to all topics when not all are listed. */
  label?: string;
  allTopicsUrl?: string;
  fit?: AgendaFit;
}

/**
 * The `waiting-list` section: the topics that did not fit, in their order,
 * each with its author and estimate; a topic longer than the whole meeting
 * (or day) says so, since it will never move up on its own.
 */
export function waitingListSection(input: WaitingListSectionInput): string {
  const { agenda } = input;
  const serverUrl = input.serverUrl ?? GITHUB;
  const blocks = ["## Waiting list"];
  const waiting = waitingInOrder(agenda.waiting);
  if (waiting.length === 0) {
    blocks.push("Nobody is waiting.");
    return blocks.join("\n\n");
  }
  blocks.push("These topics did not fit. Each moves onto the agenda on its own when room frees up.");
  const capacity = Math.max(0, ...agenda.slots.map((s) => s.capacity));
  const whole = agenda.slots.length > 1 ? "a whole day" : "the whole meeting";
  const listed = input.fit?.listed;
  const shown = listed === undefined ? waiting : waiting.slice(0, Math.max(0, listed - agenda.scheduled.length));
  const items = shown.map((w) => {
    const line = `${w.position}. ${topicLink(w.topic, input.fit?.titleMax)} by ${userLink(w.topic.author, serverUrl)}, ${formatDuration(w.minutes)}`;
    return w.reason === "too-long"
      ? `${line} — longer than ${whole} (${formatDuration(w.minutes)} > ${formatDuration(capacity)}); split it or lower its estimate`
      : line;
  });
  if (items.length > 0) blocks.push(items.join("\n"));
  if (shown.length < waiting.length) blocks.push(notListed(waiting.length - shown.length, "waiting", input));
  return blocks.join("\n\n");
}

/**
 * The text `compose` makes of the agenda, made to fit GitHub's limit on a body, deterministically
 * (./fit.ts): as it is; else with every title cut to SHORT_TITLE Markdown characters (after
 * escaping); else listing as many topics as fit (the agenda's first, by start, then the waiting
 * list's), the rest counted with a link to all of them. `compose` builds the whole body (people's
 * text included, which counts too and is never changed). Null when not even a list of no topics fits.
 */
export function fitToLimit(input: AgendaSectionInput, compose: (input: AgendaSectionInput) => string, limit: number = MAX_BODY): string | null {
  const total = input.agenda.scheduled.length + input.agenda.waiting.length;
  return fitBody(total, (fit) => compose(fit ? { ...input, fit } : input), limit);
}

// ---------------------------------------------------------------------------
// The meeting issue.

export interface MeetingIdentity {
  series: string;
  date: string;
}

/** `<!-- docket:meeting {"series":"iaas","date":"2023-12-04"} -->`: which occurrence an issue is. */
export function meetingIdentityComment(identity: MeetingIdentity): string {
  return hiddenJson("meeting", { series: identity.series, date: identity.date });
}

/** Which meeting an issue body belongs to, or null (no identity line, or garbage). Never throws. */
export function readMeetingIdentity(body: string | null | undefined): MeetingIdentity | null {
  const value = readHiddenJson(body, "meeting");
  if (value === null) return null;
  const { series, date } = value;
  if (typeof series !== "string" || series === "" || typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  return { series, date };
}

export interface MeetingBodyInput extends AgendaSectionInput {
  /** The notes area's content (render/notes.ts `mergeNotes(null, ...)`); null or absent: no notes area, only a "Notes" heading. */
  notes?: string | null;
  /** Leave room for the link to the meeting's pad (filled in once the pad exists). */
  pad?: boolean;
  /** The series' title, for `{{title}}`; default: the series id. */
  title?: string;
  /** Where the meeting takes place (config/load.ts meetingPlace): the **Where:** line. */
  location?: string | undefined;
  joinUrl?: string | undefined;
  /**
   * The series' template (render/meeting-template.ts, docs/templates.md), already checked by
   * `templateProblems`; one with problems is ignored (the default text is used).
   */
  template?: string;
}

const NOTES_HINT =
  "_Take notes under each topic's heading below (or in comments): the minutes read both. Docket adds the headings of topics that join the agenda later and never changes what you write._";

/**
 * The body of a newly created meeting issue: the hidden identity, then the series' template or
 * the default text (render/meeting-template.ts): when it takes place (in its zone and in UTC,
 * with a link to timeanddate.com that shows the start in the reader's own zone: `utcLink`),
 * where (location and join link), a line telling people what Docket maintains, the `agenda` and
 * `waiting-list` sections, and a "Notes" heading that belongs to people; with `notes`, the notes
 * area under it (people's text between Docket's markers: render/notes.ts), with `pad` an empty
 * `pad` section for the link to the meeting's pad. Everything that depends on the configuration
 * sits in a section of its own, so a sync rewrites it (`presentHeaderSections`).
 */
export function meetingBody(input: MeetingBodyInput): string {
  const { occurrence } = input;
  const seriesId = input.seriesId ?? occurrence.seriesId;
  const hasNotes = input.notes !== undefined && input.notes !== null;
  const sections: Record<string, string> = {
    ...headerContents({
      title: input.title ?? seriesId,
      occurrence,
      label: input.label,
      location: input.location,
      joinUrl: input.joinUrl,
      ...(input.days ? { days: input.days } : {}),
    }),
    [PAD_SECTION]: "",
    [AGENDA_SECTION]: agendaSection(input),
    [WAITING_SECTION]: waitingListSection(input),
    [NOTES_SECTION]: input.notes ?? "",
  };
  const custom = input.template !== undefined && templateProblems(input.template, "").length === 0 ? input.template : null;
  const text = fillTemplate(custom ?? defaultTemplate({ pad: input.pad === true, notes: hasNotes, notesHint: NOTES_HINT }), sections);
  // Docket's sections a template leaves out go at the end (the pad's only when the series has one).
  const missing = BODY_SECTIONS.filter((name) => (name !== PAD_SECTION || input.pad === true) && (name !== NOTES_SECTION || hasNotes));
  const { body } = mergeSections(
    text,
    missing.map((name) => ({ name, content: sections[name] ?? "" })),
  );
  const identity = meetingIdentityComment({ series: seriesId, date: occurrence.date });
  return `${identity}\n${body}`;
}

// ---------------------------------------------------------------------------
// What Docket tells a topic's author about its place: moved up from the waiting list
// (promoted), a new day or start (moved), back on the waiting list (waiting). Each comment
// carries a hidden marker naming the meeting (and the time told), so a later run compares with
// the LAST thing it told about that meeting: a rerun never repeats it, and any change after it
// (back to an earlier time too) is told again.

const MARKER_ID = /[^A-Za-z0-9_=+/.:-]/g;
const TOLD_MARKER = /<!--[ \t]*docket:(promoted|moved|waiting)[ \t]+([A-Za-z0-9_=+/.:-]+)(?:[ \t]+(\d{4}-\d{2}-\d{2})[ \t]+(\d{2}:\d{2}))?[ \t]*-->/;

/** The local date and start ("2023-12-04 14:20") of the point `offset` minutes after the occurrence starts. */
function toldTime(occurrence: Pick<Occurrence, "start" | "timezone">, offset: number): string {
  return zoned(occurrence.start, occurrence.timezone).plus({ minutes: offset }).toFormat("yyyy-MM-dd HH:mm");
}

/** What a comment told a topic's author about its place in one meeting (date and start: where it was told one). */
export interface Told {
  kind: "promoted" | "moved" | "waiting";
  meeting: string;
  date?: string;
  start?: string;
}

/** The marker of a comment Docket posted about a topic's place, or null. */
export function readToldMarker(body: string | null | undefined): Told | null {
  const m = TOLD_MARKER.exec(body ?? "");
  if (m === null) return null;
  const told: Told = { kind: m[1] as Told["kind"], meeting: m[2]! };
  if (m[3] !== undefined && m[4] !== undefined) Object.assign(told, { date: m[3], start: m[4] });
  return told;
}

/** The last thing Docket told about the topic's place in this meeting, among its comments (oldest first), or null. */
export function lastTold(bodies: readonly string[], meetingNodeId: string): Told | null {
  const id = meetingNodeId.replace(MARKER_ID, "");
  for (let i = bodies.length - 1; i >= 0; i--) {
    const told = readToldMarker(bodies[i]);
    if (told?.meeting === id) return told;
  }
  return null;
}

/**
 * Whether `news` (what a comment with `marker` would tell) was the last thing told about this
 * meeting, so it is not told again. A promotion marker written before markers carried the time
 * matches a promotion only (that was the rule then).
 */
export function toldAlready(bodies: readonly string[], marker: string): boolean {
  const news = readToldMarker(marker);
  const last = news === null ? null : lastTold(bodies, news.meeting);
  if (news === null || last === null) return false;
  if (news.kind === "waiting" || last.kind === "waiting") return news.kind === last.kind;
  if (last.start === undefined) return last.kind === "promoted" && news.kind === "promoted";
  return last.date === news.date && last.start === news.start;
}

// ---------------------------------------------------------------------------
// The comment on a topic that moved from the waiting list onto the agenda.

/** The hidden marker in a promotion comment (with `at`, the local date and start told), so a job can see it already posted one for this meeting. */
export function promotedMarker(meetingNodeId: string, at?: { occurrence: Pick<Occurrence, "start" | "timezone">; offset: number }): string {
  const time = at === undefined ? "" : ` ${toldTime(at.occurrence, at.offset)}`;
  return `<!-- docket:promoted ${meetingNodeId.replace(MARKER_ID, "")}${time} -->`;
}

/** The meeting node id of a promotion comment, or null. */
export function readPromotedMarker(body: string | null | undefined): string | null {
  const told = readToldMarker(body);
  return told?.kind === "promoted" ? told.meeting : null;
}

export interface PromotionInput {
  meeting: { id: string; url: string; title: string };
  /** The occurrence (the day, for a multi-day event) the topic is now scheduled in. */
  occurrence: Occurrence;
  /** The topic's place on the agenda, for its planned start time. */
  scheduled?: ScheduledTopic;
  recurringMinutes?: number;
}

/** A short, friendly comment on the topic's issue: which meeting, when, and (if known) at what time. */
export function promotionComment(input: PromotionInput): string {
  const { meeting, occurrence, scheduled } = input;
  const meetingLink = linkMarkdown(inline(meeting.title), meeting.url) || "the next meeting";
  const when = `The meeting is on ${whenLine(occurrence)}`;
  const planned =
    scheduled === undefined
      ? "."
      : `; this topic is planned to start at ${startAt(occurrence, (input.recurringMinutes ?? 0) + scheduled.offset)} and take ${formatDuration(scheduled.minutes)}.`;
  const lines = [
    promotedMarker(meeting.id, scheduled === undefined ? undefined : { occurrence, offset: (input.recurringMinutes ?? 0) + scheduled.offset }),
    `Good news: room opened up on the agenda of ${meetingLink}, so this topic moved up from the waiting list.`,
    "",
    when + planned,
  ];
  return lines.join("\n");
}

// ---------------------------------------------------------------------------
// The comment on a scheduled topic whose day or start time changed.

/**
 * The hidden marker in a moved-topic comment: the meeting and the topic's new local date and start,
 * so a rerun sees it told this already, and a later move (to another day or time) is told again.
 */
export function movedMarker(meetingNodeId: string, occurrence: Pick<Occurrence, "start" | "timezone">, offset: number): string {
  return `<!-- docket:moved ${meetingNodeId.replace(MARKER_ID, "")} ${toldTime(occurrence, offset)} -->`;
}

/** The meeting node id and the local date and start of a moved-topic comment, or null. */
export function readMovedMarker(body: string | null | undefined): { meeting: string; date: string; start: string } | null {
  const told = readToldMarker(body);
  return told?.kind === "moved" && told.date !== undefined && told.start !== undefined ? { meeting: told.meeting, date: told.date, start: told.start } : null;
}

export interface MovedInput {
  meeting: { id: string; url: string; title: string };
  /** The occurrence (the day, for a multi-day event) the topic is scheduled in now. */
  occurrence: Occurrence;
  /** The topic's new place on the agenda. */
  scheduled: ScheduledTopic;
  recurringMinutes?: number;
}

/** A short comment on a topic whose day or start time changed: which meeting, when, and its new start (like promotionComment). */
export function movedComment(input: MovedInput): string {
  const { meeting, occurrence, scheduled } = input;
  const offset = (input.recurringMinutes ?? 0) + scheduled.offset;
  const meetingLink = linkMarkdown(inline(meeting.title), meeting.url) || "the next meeting";
  return [
    movedMarker(meeting.id, occurrence, offset),
    `The agenda of ${meetingLink} changed, and with it this topic's time.`,
    "",
    `The meeting is on ${whenLine(occurrence)}; this topic is now planned to start at ${startAt(occurrence, offset)} and take ${formatDuration(scheduled.minutes)}.`,
  ].join("\n");
}

// ---------------------------------------------------------------------------
// The comment on a topic that dropped from the agenda back to the waiting list.

/** The hidden marker in a back-on-the-waiting-list comment: the meeting (its place on the list changes too often to be told each time). */
export function waitingMarker(meetingNodeId: string): string {
  return `<!-- docket:waiting ${meetingNodeId.replace(MARKER_ID, "")} -->`;
}

export interface DroppedInput {
  meeting: { id: string; url: string; title: string };
  /** The topic's place on the waiting list now. */
  waiting: WaitingTopic;
}

/** A short comment on a topic that was on the agenda and waits again: which meeting, why, and its place on the waiting list. */
export function droppedComment(input: DroppedInput): string {
  const { meeting, waiting } = input;
  const meetingLink = linkMarkdown(inline(meeting.title), meeting.url) || "the next meeting";
  const why =
    waiting.reason === "too-long"
      ? `its estimate (${formatDuration(waiting.minutes)}) is now longer than the meeting's time for topics`
      : "the agenda has less room now (the meeting's time for topics got shorter, or a topic before this one needs more time)";
  return [
    waitingMarker(meeting.id),
    `This topic no longer fits on the agenda of ${meetingLink}, so it moved back to the waiting list: ${why}.`,
    "",
    `It is number ${waiting.position} on the waiting list; Docket comments here again when it moves up.`,
  ].join("\n");
}

// ---------------------------------------------------------------------------
// A meeting issue opened while an earlier meeting was cancelled, once that one is reopened.

export interface NotPlannedYetInput {
  /** The earlier meeting that takes place after all (the one planned now), and its issue's address if it has one. */
  earlier: Pick<Occurrence, "start" | "timezone">;
  earlierUrl?: string;
}

/**
 * The `agenda` and `waiting-list` sections of an open meeting issue dated after the meeting
 * planned now: its agenda follows once the earlier meeting is held. No state line: when this
 * meeting is next, it is packed afresh, as a newly opened issue is (nobody was told a time there
 * that still holds, so nobody is told a "move").
 */
export function notPlannedYetSections(input: NotPlannedYetInput): Section[] {
  const when = longDate(zoned(input.earlier.start, input.earlier.timezone));
  const its = input.earlierUrl === undefined ? "its agenda" : linkMarkdown("its agenda", input.earlierUrl);
  return [
    {
      name: AGENDA_SECTION,
      content: `## Agenda\n\n**Not planned yet:** the earlier meeting on ${when} takes place after all, and topics go on ${its} first. Docket writes this meeting's agenda here once the meeting on ${when} is held.`,
    },
    { name: WAITING_SECTION, content: "## Waiting list\n\nThe waiting list follows with the agenda." },
  ];
}
