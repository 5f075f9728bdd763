/**
 * The minutes of one meeting, computed from plain data: the meeting issue (its
 * body and the agenda Docket wrote into it), its comments, the agenda topics
 * and the series' recurring items and roles. Pure: no I/O, no clock; the same
 * input gives the same model, byte for byte once rendered.
 *
 * The lines people write are read by `parseMinutesText` (./minutes-lines.ts:
 * `/decision`, `Decision:`, `**Decision:**`, `/action`, `AI`, `Action:` with
 * one or more @owners, `/note`, sub-points, code blocks). What the comments'
 * commands mean here:
 *
 * - `/here`, `/here @a @b`, `/absent @a @b` — presence, decided in comment
 *   order (a later `/here` undoes an earlier `/absent` and the other way round).
 *   Absent people are left out of the participants and skipped by the rotation.
 * - `/topic REF` — what follows (in this comment and later ones) belongs to
 *   that topic; `/next` — to the agenda topic after the current one (the first
 *   when there is none). Both mark the topic discussed.
 * - `/discussed REF [REF...]` — marks topics discussed without recording anything.
 * - `/role ROLE @user` — @user holds ROLE in this meeting instead of whoever the
 *   rotation gives; the rotation itself is untouched (the next meeting gets
 *   whoever was due). A role the config does not name is recorded too, with a
 *   warning (a typo must not pass unseen).
 * - `/item "Recurring item" answer` or `/item N answer` (N counts the series'
 *   recurring items from 1; the quoted text may be its start, any case) — the
 *   answer is kept with that recurring item.
 *
 * Where a line without REF belongs: the topic of the last `/topic`/`/next`
 * before it; else the topic whose planned slot (`MinutesTopic.slot`) contains
 * the comment's creation time; else the meeting in general ("Other"). An
 * explicit REF always wins. REF names an agenda topic: `#12`, `owner/repo#12`
 * or the topic's URL; `#12` shared by topics of several repositories means the
 * one in the meeting issue's repository, else it is ambiguous. A REF that names
 * no agenda topic files the line under "Other" with the reference kept. In a
 * sprint review meeting (`sprintItems`), REF may name a sprint item too: the
 * line lands under that item (`sprintItems` of the model), not under "Other".
 *
 * Nothing is lost silently: a line that looks like a command but cannot be read
 * is kept verbatim under "Other" (`unparsed`) and reported in `problems`.
 * Comments by bots and deleted users are ignored. Comments are taken in the
 * order given (chronological, as GitHub lists them).
 *
 * A topic counts as discussed when anything was recorded for it, `/topic`,
 * `/next` or `/discussed` named it, or a checked task-list line written by
 * people in the meeting issue body (`- [x] ... #12 ...`, outside Docket's
 * sections and code blocks) names it. Every other agenda topic is carried over.
 */
import { linesOutsideFences } from "./commands.js";
import { leadingRef, parseMinutesText, type ItemKind, type TopicReference } from "./minutes-lines.js";
import { assignRoles } from "./roles.js";
import type { RoleAssignment } from "./roles.js";
import type { Topic } from "./types.js";
import { uniqueBy } from "./unique.js";

export type { TopicReference } from "./minutes-lines.js";

/** The commands the minutes read, in the order docs/commands.md lists them (its test checks every one is there). */
export const MINUTES_COMMANDS = ["here", "absent", "note", "decision", "action", "discussed", "topic", "next", "role", "item"] as const;
export type MinutesCommand = (typeof MINUTES_COMMANDS)[number];
const isMinutesCommand = (name: string): name is MinutesCommand => (MINUTES_COMMANDS as readonly string[]).includes(name);

// ---------------------------------------------------------------------------
// Input

/** An agenda topic as the minutes need it (the id may be the URL when recovered from a body without usable state). */
export type MinutesTopic = Pick<Topic, "id" | "repo" | "number" | "title" | "url" | "author"> & {
  /** When the topic was planned to be discussed (ISO-8601 instants, end exclusive): lines written then without REF belong to it. */
  slot?: { start: string; end: string };
};

export interface MeetingComment {
  id: string | number;
  /** Login; null for a deleted user. */
  author: string | null;
  body: string;
  /** ISO-8601 instant. */
  createdAt: string;
}

export interface MinutesMeeting {
  /** Series id, e.g. "iaas". */
  seriesId: string;
  /** The series' title, e.g. "Team IaaS" (the minutes are titled "Team IaaS — 2023-12-04"). */
  title: string;
  /** Local date of the occurrence, YYYY-MM-DD. */
  date: string;
  /** The meeting issue. */
  url: string;
  number: number;
  body: string;
  author: string | null;
}

export interface MinutesInput {
  meeting: MinutesMeeting;
  /** Comments on the meeting issue, in chronological order. */
  comments: readonly MeetingComment[];
  /** The agenda topics in agenda order (e.g. `agendaTopicsFromBody(meeting.body)` from render/minutes.ts). */
  topics: readonly MinutesTopic[];
  /** The series' recurring items. */
  recurring?: readonly string[];
  /** The series' role rosters (role -> logins), rotated by `occurrenceNumber`. */
  roles?: Readonly<Record<string, readonly string[]>>;
  /** The occurrence's number (`occurrenceNumber(series, date)`), for the role rotation. */
  occurrenceNumber: number;
  /** People known to be absent before anyone comments (e.g. from the workflow's input). */
  absent?: readonly string[];
  /**
   * The items of the sprint this meeting reviews (and of the one it plans), when the series is the
   * config's `sprints.meeting`: topics a line may name (`/note #4 ...`) besides the agenda's, after
   * them for `/next`; never carried over. An item that is on the agenda too is the agenda's.
   */
  sprintItems?: readonly MinutesTopic[];
  /**
   * Notes people took as text (the meeting issue's notes area, a shared pad), read after the
   * comments, in the order given: every line counts (see `MinutesNotes`).
   */
  notes?: readonly MinutesNotes[];
  /**
   * Minutes commands that mean something else here and are skipped, not read: in a multi-track
   * gathering `/next <track>` is now-and-next's (sessions run in parallel, there is no "next
   * agenda topic"), so the recap passes ["next"].
   */
  notMinutes?: readonly MinutesCommand[];
}

/**
 * Notes taken as a text rather than comments. Every line is minutes: a plain line is a note, the
 * conventions (`Decision:`, `AI @a, @b:`, `/note`, ...) are read as in comments. A heading
 * (`### #12 Title`, `## owner/repo#12`, `### Who presents?`) says where the lines under it belong:
 * an agenda topic, a recurring item (by its text, or the start of it), or, for any other heading of
 * level 1 or 2 and before the first heading, the meeting in general ("Other"). Another heading
 * deeper than the one it stands under stays there and is kept as a note; at the same level or
 * higher it starts "Other" (kept as a note from level 3 on). `Participants: @a, @b` marks people
 * present. HTML comments and block quotes are not read.
 */
export interface MinutesNotes {
  /** Where the text is, for warnings and entries (`commentId`): e.g. "notes" (the meeting issue's notes area) or "pad". */
  source: string;
  text: string;
}

// ---------------------------------------------------------------------------
// Output

export interface MinutesEntry {
  /** A note, a decision, an action item, or a line that looked like a command and could not be read (kept verbatim). */
  kind: ItemKind | "unparsed";
  /** As written, after the command, owners and REF (an unparsed line: the whole line). */
  text: string;
  /** Lines written under it (sub-points, code blocks), with their relative indentation. */
  details: string[];
  /** Action items: every owner (logins without "@"), in the order written. Empty otherwise. */
  owners: string[];
  /** Who wrote the comment; "" for notes taken as text (`MinutesNotes`: nobody in particular). */
  author: string;
  /** The comment's id, or the notes' `source`. */
  commentId: string | number;
  /** 1-based line in the comment (or the notes). */
  line: number;
  /**
   * The reference as written when it named no agenda topic (e.g. "#99"); null
   * when there was none or it was resolved to a topic.
   */
  ref: string | null;
}

export interface MinutesItems {
  /** Everything recorded, in the order it was written. */
  entries: MinutesEntry[];
  /** The same entries by kind (for counts). */
  notes: MinutesEntry[];
  decisions: MinutesEntry[];
  actions: MinutesEntry[];
}

export interface TopicMinutes extends MinutesItems {
  topic: MinutesTopic;
  discussed: boolean;
}

/** A decision or action item collected for the lists at the end of the minutes. */
export interface Collected {
  text: string;
  details: string[];
  /** "owner/repo#12" of the topic it belongs to, or the unresolved reference as written, or null (general). */
  topicRef: string | null;
  /** Id of the agenda topic; null for a general one. */
  topicId: string | null;
  author: string;
  commentId: string | number;
}

export interface ActionItem extends Collected {
  /** Every owner, in the order written (at least one). */
  owners: string[];
}

export interface MinutesProblem {
  /** The comment's id, or the notes' `source` (then `notes` is true and `author` is ""). */
  commentId: string | number;
  notes?: boolean;
  author: string;
  line: number;
  message: string;
}

export interface RecurringMinutes {
  item: string;
  /** Answers written for it (`/item ...`), in the order written. */
  answers: MinutesEntry[];
}

export interface MinutesModel {
  /** Series id. */
  series: string;
  /** Series title. */
  title: string;
  date: string;
  meeting: { url: string; number: number };
  /** Logins (without "@"), sorted case-insensitively. */
  participants: string[];
  /** Logins marked absent, sorted case-insensitively. */
  absent: string[];
  roles: RoleAssignment[];
  recurring: RecurringMinutes[];
  topics: TopicMinutes[];
  /** The sprint items (`MinutesInput.sprintItems`) with what was recorded for them, in the order given. */
  sprintItems: TopicMinutes[];
  general: MinutesItems;
  /** Agenda topics not discussed, in agenda order. */
  carryOver: MinutesTopic[];
  /** Every decision: the topics' in agenda order, the sprint items', then the general ones. */
  decisions: Collected[];
  /** Every action item: the topics' in agenda order, the sprint items', then the general ones. */
  actionItems: ActionItem[];
  /** Lines that looked like commands and could not be read (kept verbatim under "Other"). */
  unparsed: number;
  /** Commands that could not be read as written; the Action prints them as warnings. */
  problems: MinutesProblem[];
}

/**
 * The minutes without the agenda topics whose ids are in `leftOut`, and without their notes,
 * decisions, action items and carry-over: for an output some of whose readers may not read those
 * topics (./visibility.ts). General notes, decisions and action items stay.
 */
export function withoutTopics(model: MinutesModel, leftOut: ReadonlySet<string>): MinutesModel {
  if (leftOut.size === 0) return model;
  return {
    ...model,
    topics: model.topics.filter((t) => !leftOut.has(t.topic.id)),
    sprintItems: model.sprintItems.filter((t) => !leftOut.has(t.topic.id)),
    carryOver: model.carryOver.filter((t) => !leftOut.has(t.id)),
    decisions: model.decisions.filter((d) => d.topicId === null || !leftOut.has(d.topicId)),
    actionItems: model.actionItems.filter((a) => a.topicId === null || !leftOut.has(a.topicId)),
  };
}

// ---------------------------------------------------------------------------
// Small helpers

const LOGIN = "[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}";
const MENTION = new RegExp(`^@(${LOGIN})$`);

/** A GitHub App's account (`renovate[bot]`, `github-actions[bot]`, Docket's own). */
export function isBot(login: string): boolean {
  return /\[bot\]$/i.test(login);
}

/** Case-insensitive order with a byte-order tie-break, so equal-but-for-case names still sort one way. */
export function compareLogins(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------
// References to agenda topics

/** Every reference anywhere in a line (for checked task-list items). */
function refsIn(text: string): TopicReference[] {
  const out: TopicReference[] = [];
  const re =
    /(?:^|[\s([])((?:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#(\d{1,9})|https:\/\/[^\s/]+\/([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)\/(?:issues|pull)\/(\d{1,9}))(?![\d])/g;
  for (const m of text.matchAll(re)) {
    const written = m[1]!;
    const hash = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#(\d+)$/.exec(written);
    if (hash) out.push({ raw: written, repo: hash[1] ?? null, number: Number(hash[2]) });
    else out.push({ raw: `${m[3]!}#${Number(m[4])}`, repo: m[3]!, number: Number(m[4]) });
  }
  return out;
}

function repoOfUrl(url: string): string | null {
  const m = /^https?:\/\/[^/]+\/([^/]+\/[^/]+)\/(?:issues|pull)\/\d+/.exec(url);
  return m ? m[1]! : null;
}

/** A topic, or why the reference names none (a sentence for people). */
type Resolution = { topic: MinutesTopic } | { topic: null; problem: string };

function resolver(topics: readonly MinutesTopic[], meetingUrl: string): (ref: TopicReference) => Resolution {
  const home = repoOfUrl(meetingUrl)?.toLowerCase() ?? null;
  return (ref) => {
    const sameNumber = topics.filter((t) => t.number === ref.number);
    if (ref.repo !== null) {
      const found = sameNumber.find((t) => t.repo.toLowerCase() === ref.repo!.toLowerCase());
      return found ? { topic: found } : { topic: null, problem: `${ref.raw} is not on the agenda` };
    }
    if (sameNumber.length === 1) return { topic: sameNumber[0]! };
    if (sameNumber.length === 0) return { topic: null, problem: `${ref.raw} is not on the agenda` };
    const local = sameNumber.find((t) => t.repo.toLowerCase() === home);
    if (local) return { topic: local };
    const names = sameNumber.map((t) => `${t.repo}#${ref.number}`).join(", ");
    return { topic: null, problem: `${ref.raw} is ambiguous (${names}); write owner/repo${ref.raw}` };
  };
}

export function topicRef(topic: Pick<MinutesTopic, "repo" | "number">): string | null {
  if (topic.number === null) return null;
  return topic.repo === "" ? `#${topic.number}` : `${topic.repo}#${topic.number}`;
}

// ---------------------------------------------------------------------------
// Checked task-list lines in the meeting issue body

/** The body without Docket's generated sections (`<!-- docket:begin X -->` … `<!-- docket:end X -->`). */
function peoplesText(body: string): string {
  return body.replace(/<!--[ \t]*docket:begin[ \t]+([a-z0-9-]+)[ \t]*-->[\s\S]*?<!--[ \t]*docket:end[ \t]+\1[ \t]*-->/g, "\n");
}

/** References on checked task-list lines (`- [x] ...`, `* [X] ...`, `1. [x] ...`) written by people. */
export function checkedRefs(body: string): TopicReference[] {
  const out: TopicReference[] = [];
  for (const { text } of linesOutsideFences(peoplesText(body.replace(/\r\n?/g, "\n")))) {
    const m = /^\s*(?:[-*+]|\d{1,9}[.)])\s+\[[xX]\]\s+(.*)$/.exec(text);
    if (m) out.push(...refsIn(m[1]!));
  }
  return out;
}

// ---------------------------------------------------------------------------
// The model

function emptyItems(): MinutesItems {
  return { entries: [], notes: [], decisions: [], actions: [] };
}

function record(items: MinutesItems, entry: MinutesEntry): void {
  items.entries.push(entry);
  if (entry.kind === "note") items.notes.push(entry);
  else if (entry.kind === "decision") items.decisions.push(entry);
  else if (entry.kind === "action") items.actions.push(entry);
}

function mentionsIn(args: readonly string[]): { logins: string[]; other: string[] } {
  const logins: string[] = [];
  const other: string[] = [];
  for (const a of args) {
    const m = MENTION.exec(a.replace(/[,;:]$/, ""));
    if (m) logins.push(m[1]!);
    else other.push(a);
  }
  return { logins, other };
}

/** Commands that are not the minutes' business (the app's), so no warning for them. */
/** Docket's other commands (a topic's, a meeting's, a gathering's): not the minutes' business, and not unknown either. */
const OTHER_COMMANDS = new Set(["agenda", "poll", "cancel", "now"]);

/** The topic whose planned slot contains `at` (the first, when slots overlap); null when none does. */
function topicAt(topics: readonly MinutesTopic[], at: string): MinutesTopic | null {
  const t = Date.parse(at);
  if (Number.isNaN(t)) return null;
  return topics.find((topic) => topic.slot !== undefined && Date.parse(topic.slot.start) <= t && t < Date.parse(topic.slot.end)) ?? null;
}

/** The recurring item an `/item` command names: `"quoted start"` or its number; and the answer after it. */
function recurringNamed(rest: string, recurring: readonly string[]): { index: number; answer: string } | { problem: string } {
  const usage = '`/item "Recurring item" answer` or `/item N answer`';
  const quoted = /^["“„]([^"”“]+)["”“]\s*:?\s*([\s\S]*)$/.exec(rest);
  const numbered = /^(\d{1,3})[.:)]?\s+([\s\S]*)$/.exec(rest);
  if (quoted) {
    const wanted = quoted[1]!
      .replace(/(?:\.{3}|…)\s*$/, "")
      .trim()
      .toLowerCase();
    const index = recurring.findIndex((r) => r.toLowerCase().startsWith(wanted));
    if (wanted === "" || index < 0)
      return { problem: `/item: "${quoted[1]}" is none of the recurring items (${recurring.map((r) => `"${r}"`).join(", ") || "none configured"})` };
    return { index, answer: quoted[2]!.trim() };
  }
  if (numbered) {
    const index = Number(numbered[1]) - 1;
    if (index < 0 || index >= recurring.length)
      return { problem: `/item ${numbered[1]}: there ${recurring.length === 1 ? "is 1 recurring item" : `are ${recurring.length} recurring items`}` };
    return { index, answer: numbered[2]!.trim() };
  }
  return { problem: `/item needs the recurring item: ${usage}` };
}

/** Builds the minutes model. Deterministic; never throws on people's text (unreadable lines become `problems` and are kept under Other). */
export function buildMinutes(input: MinutesInput): MinutesModel {
  const { meeting } = input;
  const agenda = dedupeTopics(input.topics);
  const onAgenda = new Set(agenda.flatMap((t) => [t.id, t.url.toLowerCase()]));
  // Agenda topics first, then the sprint items not on it: one list to resolve REFs in and for `/next`.
  const topics = [...agenda, ...dedupeTopics(input.sprintItems ?? []).filter((t) => !onAgenda.has(t.id) && !onAgenda.has(t.url.toLowerCase()))];
  const resolve = resolver(topics, meeting.url);
  const byTopic = new Map<string, MinutesItems>(topics.map((t) => [t.id, emptyItems()]));
  const discussed = new Set<string>();
  const general = emptyItems();
  const problems: MinutesProblem[] = [];
  const recurringItems = [...(input.recurring ?? [])];
  const recurring: RecurringMinutes[] = recurringItems.map((item) => ({ item, answers: [] }));
  const roleNames = Object.keys(input.roles ?? {});
  const overrides = new Map<string, string>();
  let unparsed = 0;

  // Presence, decided in order: the caller's absent list first, then the comments.
  const absent = new Map<string, string>();
  const hereNamed = new Map<string, string>();
  for (const a of input.absent ?? []) {
    const login = a.replace(/^@/, "").trim();
    if (login !== "") absent.set(login.toLowerCase(), login);
  }
  const commenters = new Map<string, string>();
  /** The topic named by the last `/topic` or `/next`. */
  let current: MinutesTopic | null = null;

  // The comments first, then the notes taken as text (so a topic's entries from comments come first, then its notes).
  const sources: TextSource[] = [];
  for (const c of input.comments) {
    if (c.author !== null && !isBot(c.author)) sources.push({ id: c.id, author: c.author, body: c.body ?? "", createdAt: c.createdAt, notes: false });
  }
  for (const n of input.notes ?? []) sources.push({ id: n.source, author: "", body: withoutHtmlComments(n.text), createdAt: "", notes: true });

  for (const comment of sources) {
    const author = comment.author;
    if (!comment.notes && !commenters.has(author.toLowerCase())) commenters.set(author.toLowerCase(), author);
    /** Notes: where the lines under the last heading belong (a topic, a recurring item, or Other), and that heading's level. */
    let section: { topic?: MinutesTopic; recurring?: number; level: number } = { level: 0 };
    if (comment.notes) current = null;
    const flag = comment.notes ? { notes: true } : {};
    const entry = (kind: MinutesEntry["kind"], line: number, text: string, more: Partial<MinutesEntry> = {}): MinutesEntry => ({
      kind,
      text,
      details: [],
      owners: [],
      author,
      commentId: comment.id,
      line,
      ref: null,
      ...more,
    });
    /** A line that could not be read: kept verbatim under Other, and reported. */
    const keepUnread = (line: number, written: string, details: string[], message: string) => {
      problems.push({ commentId: comment.id, ...flag, author, line, message: `${message}; kept as written under Other` });
      record(general, entry("unparsed", line, written, { details }));
      unparsed++;
    };
    const problem = (line: number, message: string) => problems.push({ commentId: comment.id, ...flag, author, line, message });
    const topicOf = (ref: TopicReference, line: number, what: string): MinutesTopic | null => {
      const found = resolve(ref);
      if (found.topic !== null) return found.topic;
      problem(line, `${what}: ${found.problem}; recorded under Other`);
      return null;
    };

    /** Where a line without REF goes: the `/topic` or `/next` topic; in notes the heading's topic or recurring item; in a comment the topic of its time slot; else Other. */
    const here = (entry: MinutesEntry): void => {
      if (comment.notes && current === null && section.recurring !== undefined) {
        recurring[section.recurring]!.answers.push(entry);
        return;
      }
      const topic = current ?? (comment.notes ? (section.topic ?? null) : topicAt(topics, comment.createdAt));
      record(topic === null ? general : byTopic.get(topic.id)!, entry);
    };
    /** A heading in notes: what follows belongs to the topic or recurring item it names, else to Other. */
    const heading = (level: number, written: string, line: number): void => {
      current = null;
      const text = written
        .replace(/\u200B/g, "")
        .replace(/\\([!-/:-@[-`{-~])/g, "$1")
        .trim();
      const r = leadingRef(text);
      if (r.ref !== null) {
        const found = resolve(r.ref);
        if (found.topic !== null) {
          section = { topic: found.topic, level };
          return;
        }
        problem(line, `heading \`${written}\`: ${found.problem}; what follows is recorded under Other`);
        section = { level };
        record(general, entry("note", line, r.rest === "" ? r.ref.raw : r.rest, { ref: r.rest === "" ? null : r.ref.raw }));
        return;
      }
      const index = recurringItems.findIndex((item) => sameItem(item, text));
      if (index >= 0) {
        section = { recurring: index, level };
        return;
      }
      if (section.level > 0 && level > section.level && (section.topic !== undefined || section.recurring !== undefined)) {
        here(entry("note", line, text));
        return;
      }
      section = { level };
      if (level >= 3 && !GENERAL_HEADING.test(text)) record(general, entry("note", line, text));
    };

    for (const parsed of parseMinutesText(comment.body, { plain: comment.notes ? "keep" : "ignore" })) {
      if (parsed.kind === "unparsed") {
        keepUnread(parsed.line, parsed.text, parsed.details, `\`${parsed.text}\`: ${parsed.reason}`);
        continue;
      }
      if (parsed.kind === "text") {
        if (!comment.notes) continue;
        const h = HEADING.exec(parsed.text);
        if (h) {
          heading(h[1]!.length, h[2] ?? "", parsed.line);
          // Lines indented under a heading are no part of it: kept as a note under it.
          const [first, ...rest] = parsed.details;
          if (first !== undefined) here(entry("note", parsed.line + 1, first.trim(), { details: rest }));
          continue;
        }
        const text = parsed.text.replace(LIST_ITEM, "");
        const named = /^participants?\s*:\s*(.*)$/i.exec(text);
        if (named) {
          const { logins, other } = mentionsIn(named[1]!.split(/[\s,;]+/).filter((w) => w !== ""));
          for (const login of logins) if (!hereNamed.has(login.toLowerCase())) hereNamed.set(login.toLowerCase(), login);
          // Names without @ are kept as written, so nobody is lost.
          if (other.length === 0 && parsed.details.length === 0) continue;
        }
        here(entry("note", parsed.line, text, { details: parsed.details }));
        continue;
      }
      if (parsed.kind !== "command") {
        // A note, decision or action item.
        if (parsed.ref === null) {
          here(entry(parsed.kind, parsed.line, parsed.text, { details: parsed.details, owners: parsed.owners }));
          continue;
        }
        const topic = topicOf(parsed.ref, parsed.line, `/${parsed.kind}`);
        const items = topic === null ? general : byTopic.get(topic.id)!;
        record(
          items,
          entry(parsed.kind, parsed.line, parsed.text, { details: parsed.details, owners: parsed.owners, ref: topic === null ? parsed.ref.raw : null }),
        );
        continue;
      }
      const written = `/${parsed.name}${parsed.rest === "" ? "" : ` ${parsed.rest}`}`;
      const name = parsed.name;
      if (!isMinutesCommand(name)) {
        // Other commands (/agenda, /poll, /cancel, /now) are not the minutes' business; anything else is kept and reported.
        if (!OTHER_COMMANDS.has(name)) keepUnread(parsed.line, written, parsed.details, `/${name} is not a command Docket knows`);
        continue;
      }
      if (input.notMinutes?.includes(name)) continue;
      switch (name) {
        case "here":
        case "absent": {
          const { logins, other } = mentionsIn(parsed.args);
          if (other.length > 0) problem(parsed.line, `/${parsed.name} takes @handles only; ignored ${other.join(" ")}`);
          if (parsed.args.length === 0 && comment.notes) problem(parsed.line, `/${parsed.name} in notes needs @handles: nobody in particular wrote them`);
          const who = parsed.args.length === 0 ? (comment.notes ? [] : [author]) : logins;
          for (const login of who) {
            const key = login.toLowerCase();
            if (parsed.name === "here") {
              absent.delete(key);
              if (!hereNamed.has(key)) hereNamed.set(key, login);
            } else {
              absent.set(key, login);
            }
          }
          break;
        }
        case "discussed": {
          if (parsed.args.length === 0) {
            keepUnread(parsed.line, written, parsed.details, "/discussed needs a topic, e.g. `/discussed #12`");
            break;
          }
          for (const arg of parsed.args) {
            const r = leadingRef(arg);
            if (r.ref === null) {
              problem(parsed.line, `/discussed: ${arg} is not a topic reference such as #12`);
              continue;
            }
            const found = resolve(r.ref);
            if (found.topic !== null) discussed.add(found.topic.id);
            else problem(parsed.line, `/discussed: ${found.problem}`);
          }
          break;
        }
        case "topic": {
          const r = leadingRef(parsed.rest);
          const found = r.ref === null ? null : resolve(r.ref);
          if (found === null || found.topic === null) {
            keepUnread(parsed.line, written, parsed.details, found === null ? "/topic needs an agenda topic, e.g. `/topic #12`" : `/topic: ${found.problem}`);
            break;
          }
          current = found.topic;
          discussed.add(current.id);
          break;
        }
        case "next": {
          const base: MinutesTopic | null = current ?? (comment.notes ? (section.topic ?? null) : topicAt(topics, comment.createdAt));
          const at: number = base === null ? -1 : topics.findIndex((t) => t.id === base.id);
          if (at + 1 >= topics.length) {
            keepUnread(
              parsed.line,
              written,
              parsed.details,
              topics.length === 0 ? "/next: there are no agenda topics" : "/next: the last agenda topic was already reached",
            );
            break;
          }
          current = topics[at + 1]!;
          discussed.add(current.id);
          break;
        }
        case "role": {
          const [role, who, ...more] = parsed.args;
          const login = who === undefined ? null : (MENTION.exec(who)?.[1] ?? null);
          if (role === undefined || login === null || more.length > 0) {
            keepUnread(parsed.line, written, parsed.details, `/role needs a role and one @handle, e.g. \`/role ${roleNames[0] ?? "minutes"} @user\``);
            break;
          }
          const name = roleNames.find((r) => r.toLowerCase() === role.toLowerCase()) ?? role.toLowerCase();
          if (!roleNames.includes(name))
            problem(parsed.line, `/role: \`${role}\` is not a role of this series (${roleNames.join(", ") || "none configured"}); recorded as written`);
          overrides.set(name, login);
          break;
        }
        case "item": {
          const named = recurringNamed(parsed.rest, recurringItems);
          if ("problem" in named || named.answer === "") {
            keepUnread(parsed.line, written, parsed.details, "problem" in named ? named.problem : "/item without an answer");
            break;
          }
          recurring[named.index]!.answers.push(entry("note", parsed.line, named.answer, { details: parsed.details }));
          break;
        }
        case "note":
        case "decision":
        case "action":
          break; // read above, with or without the slash
        default: {
          const unhandled: never = name; // every one of MINUTES_COMMANDS has its case
          throw new Error(`unhandled minutes command /${String(unhandled)}`);
        }
      }
    }
  }

  for (const ref of checkedRefs(meeting.body ?? "")) {
    const found = resolve(ref);
    if (found.topic !== null) discussed.add(found.topic.id);
  }

  const topicMinutes: TopicMinutes[] = topics.map((topic) => {
    const items = byTopic.get(topic.id)!;
    return { topic, discussed: items.entries.length > 0 || discussed.has(topic.id), ...items };
  });

  const absentKeys = new Set(absent.keys());
  const participants = new Map<string, string>();
  for (const [key, login] of [...commenters, ...hereNamed]) {
    if (!absentKeys.has(key) && !participants.has(key)) participants.set(key, login);
  }
  const absentList = [...absent.values()];

  const decisions: Collected[] = [];
  const actionItems: ActionItem[] = [];
  const collect = (items: MinutesItems, topicRefText: string | null, topicId: string | null) => {
    for (const e of items.entries) {
      const collected = { text: e.text, details: e.details, topicRef: topicRefText ?? e.ref, topicId, author: e.author, commentId: e.commentId };
      if (e.kind === "decision") decisions.push(collected);
      else if (e.kind === "action") actionItems.push({ ...collected, owners: e.owners });
    }
  };
  const agendaMinutes = topicMinutes.slice(0, agenda.length);
  const sprintMinutes = topicMinutes.slice(agenda.length);
  for (const t of topicMinutes) collect(t, topicRef(t.topic) ?? t.topic.title, t.topic.id);
  // Decisions and action items written under a recurring item's heading in notes.
  for (const r of recurring) collect({ entries: r.answers, notes: [], decisions: [], actions: [] }, r.item, null);
  collect(general, null, null);

  return {
    series: meeting.seriesId,
    title: meeting.title,
    date: meeting.date,
    meeting: { url: meeting.url, number: meeting.number },
    participants: [...participants.values()].sort(compareLogins),
    absent: absentList.sort(compareLogins),
    roles: assignRoles(input.roles ?? {}, input.occurrenceNumber, absentList, overrides),
    recurring,
    topics: agendaMinutes,
    sprintItems: sprintMinutes,
    general,
    carryOver: agendaMinutes.filter((t) => !t.discussed).map((t) => t.topic),
    decisions,
    actionItems,
    unparsed,
    problems,
  };
}

/** Comments and notes taken as text, read the same way. */
interface TextSource {
  id: string | number;
  author: string;
  body: string;
  createdAt: string;
  notes: boolean;
}

/** An ATX heading line: its hashes and text. */
export const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])\s+/;
/** Headings that name the meeting in general: what follows goes to Other, and the heading is no note. */
const GENERAL_HEADING = /^(?:other|notes?|misc(?:ellaneous)?|aob|any other business|general)\b/i;

/** HTML comments (hints in a pad or the notes area) blanked out, lines kept where they were. */
function withoutHtmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ""));
}

/** A heading names a recurring item: its text, or the start of it (at least 3 characters), any case. */
function sameItem(item: string, heading: string): boolean {
  const norm = (s: string) =>
    s
      .replace(/\s+/g, " ")
      .trim()
      .toLowerCase()
      .replace(/[:.?!]+$/, "");
  const a = norm(item);
  const b = norm(heading);
  return a === b || (b.length >= 3 && a.startsWith(b));
}

function dedupeTopics(topics: readonly MinutesTopic[]): MinutesTopic[] {
  return uniqueBy(topics, (t) => t.id);
}
