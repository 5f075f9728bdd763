/**
 * The minutes of one meeting, computed from plain data: the meeting issue (its
 * body and the agenda Docket wrote into it), its comments, the agenda topics
 * and the series' recurring items and roles. Pure: no I/O, no clock; the same
 * input gives the same model, byte for byte once rendered.
 *
 * What people write in comments on the meeting issue during the meeting
 * (one command per line; lines in fenced code blocks, indented code and block
 * quotes are not commands, so quoting `> /decision ...` in a reply records
 * nothing twice):
 *
 * - `/here` — the commenter is present; `/here @a @b` marks @a and @b present.
 * - `/absent @a @b` — marks them absent (`/absent` alone: the commenter). Absent
 *   people are left out of the participants and skipped by the role rotation.
 *   Presence is decided in comment order: a later `/here` undoes an earlier
 *   `/absent` (or the caller's `absent` list) and the other way round.
 * - `/note [REF] text`, `/decision [REF] text` — a note or decision.
 * - `/action @owner [REF] text` (the owner and REF in either order) — an action
 *   item. Communities write these by hand as `AI @fkr: write the outcomes down`,
 *   so a line `AI @user: text` or `Action item @user: text` (optionally as a
 *   list item `- AI @user: ...`, any letter case, the colon required) is read as
 *   `/action` too. An `/action` without an @owner is kept as a note and reported
 *   in `problems`.
 * - `/discussed REF [REF...]` — marks topics discussed without recording anything.
 *
 * REF names an agenda topic: `#12`, `owner/repo#12`, or the topic's issue or
 * pull-request URL, as the first word of the text (`#12:` is fine too). `#12`
 * means the one agenda topic numbered 12; when topics of several repositories
 * share the number, the one in the meeting issue's repository wins, else the
 * reference is ambiguous. Without REF an item belongs to the meeting in general
 * ("Other"); a REF that names no agenda topic also goes to "Other", with the
 * reference kept in `ref` (and a problem reported).
 *
 * A note's text is the rest of its line. Comments by bots (logins ending in
 * `[bot]`, Docket's own comments among them) and by deleted users are ignored
 * entirely. Comments are taken in the order given (the caller passes them
 * chronologically, as GitHub lists them).
 *
 * A topic counts as discussed when (a) anything was recorded for it (a note,
 * decision or action item), or (b) a checked task-list line written by people
 * in the meeting issue body (`- [x] ... #12 ...`, outside Docket's generated
 * sections and outside code blocks) names it, or (c) `/discussed` names it.
 * Every other agenda topic is carried over (`carryOver`, in agenda order) so
 * the next occurrence can put it first.
 */
import { linesOutsideFences, parseCommands } from "./commands.js";
import type { CommandLine } from "./commands.js";
import { assignRoles } from "./roles.js";
import type { RoleAssignment } from "./roles.js";
import type { Topic } from "./types.js";

/** The commands the minutes read, in the order docs/commands.md lists them (its test checks every one is there). */
export const MINUTES_COMMANDS = ["here", "absent", "note", "decision", "action", "discussed"] as const;
export type MinutesCommand = (typeof MINUTES_COMMANDS)[number];
const isMinutesCommand = (name: string): name is MinutesCommand => (MINUTES_COMMANDS as readonly string[]).includes(name);

// ---------------------------------------------------------------------------
// Input

/** An agenda topic as the minutes need it (a `Topic` fits). */
/** An agenda topic as the minutes need it (the id may be the URL when recovered from a body without usable state). */
export type MinutesTopic = Pick<Topic, "id" | "repo" | "number" | "title" | "url" | "author">;

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
}

// ---------------------------------------------------------------------------
// Output

export interface MinutesEntry {
  text: string;
  /** Who wrote the comment. */
  author: string;
  commentId: string | number;
  /** 1-based line in the comment. */
  line: number;
  /**
   * The reference as written when it named no agenda topic (e.g. "#99"); null
   * when there was none or it was resolved to a topic.
   */
  ref: string | null;
}

export interface MinutesAction extends MinutesEntry {
  /** Login of the person who owns the action item, without "@". */
  owner: string;
}

export interface MinutesItems {
  notes: MinutesEntry[];
  decisions: MinutesEntry[];
  actions: MinutesAction[];
}

export interface TopicMinutes extends MinutesItems {
  topic: MinutesTopic;
  discussed: boolean;
}

export interface ActionItem {
  owner: string;
  text: string;
  /** "owner/repo#12" of the topic it belongs to, or the unresolved reference as written, or null (general). */
  topicRef: string | null;
  /** Id of the agenda topic; null for a general action item. */
  topicId: string | null;
  author: string;
  commentId: string | number;
}

export interface MinutesProblem {
  commentId: string | number;
  author: string;
  line: number;
  message: string;
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
  recurring: string[];
  topics: TopicMinutes[];
  general: MinutesItems;
  /** Agenda topics not discussed, in agenda order. */
  carryOver: MinutesTopic[];
  /** Every action item: the topics' in agenda order, then the general ones. */
  actionItems: ActionItem[];
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
    carryOver: model.carryOver.filter((t) => !leftOut.has(t.id)),
    actionItems: model.actionItems.filter((a) => a.topicId === null || !leftOut.has(a.topicId)),
  };
}

// ---------------------------------------------------------------------------
// Small helpers

const LOGIN = "[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}";
const MENTION = new RegExp(`^@(${LOGIN})$`);
const MENTION_AT_START = new RegExp(`^@(${LOGIN})(?![A-Za-z0-9-/])[:,]?(?:\\s+|$)`);

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


const HAND_ACTION = new RegExp(`^\\s{0,3}(?:[-*+]\\s+)?(?:AI|Action\\s+item)\\s+@(${LOGIN})\\s*:\\s*(.*)$`, "i");

/** Commands in a comment: the slash commands, plus hand-written `AI @user: text` lines as `/action`. */
function commandsIn(body: string): CommandLine[] {
  const normalised = body.replace(/\r\n?/g, "\n");
  const commands = parseCommands(normalised);
  for (const { text, line } of linesOutsideFences(normalised)) {
    const m = HAND_ACTION.exec(text);
    if (!m) continue;
    const rest = `@${m[1]!} ${m[2]!.trim()}`.trim();
    commands.push({ name: "action", args: rest.split(/\s+/), rest, line });
  }
  return commands.sort((a, b) => a.line - b.line);
}

// ---------------------------------------------------------------------------
// References to agenda topics

/** A reference to a topic as written in a comment or a task-list line. */
export interface TopicReference {
  /** As written, e.g. "#12" or "acme/infra#12". */
  raw: string;
  repo: string | null;
  number: number;
}

const REF_WORD = /^(?:([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#(\d{1,9})|https:\/\/[^\s/]+\/([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)\/(?:issues|pull)\/(\d{1,9})\/?)(?:[:.,]|(?=\s|$))/;

/** A reference at the start of `text`, and the text after it. */
function leadingRef(text: string): { ref: TopicReference | null; rest: string } {
  const bracketed = /^\[([^\]\s]+)\](.*)$/.exec(text);
  const candidate = bracketed ? bracketed[1]! + (bracketed[2]!.startsWith(":") ? "" : " ") + bracketed[2]! : text;
  const m = REF_WORD.exec(candidate);
  if (!m) return { ref: null, rest: text };
  const repo = m[1] ?? m[3] ?? null;
  const number = Number(m[2] ?? m[4]);
  const raw = repo === null ? `#${number}` : `${repo}#${number}`;
  return { ref: { raw, repo, number }, rest: candidate.slice(m[0].length).replace(/^\s*[:\-–—]?\s*/, "").trim() };
}

/** Every reference anywhere in a line (for checked task-list items). */
function refsIn(text: string): TopicReference[] {
  const out: TopicReference[] = [];
  const re = /(?:^|[\s([])((?:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#(\d{1,9})|https:\/\/[^\s/]+\/([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)\/(?:issues|pull)\/(\d{1,9}))(?![\d])/g;
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
  return { notes: [], decisions: [], actions: [] };
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

/** Builds the minutes model. Deterministic; never throws on people's text (unreadable commands become `problems`). */
export function buildMinutes(input: MinutesInput): MinutesModel {
  const { meeting } = input;
  const topics = dedupeTopics(input.topics);
  const resolve = resolver(topics, meeting.url);
  const byTopic = new Map<string, MinutesItems>(topics.map((t) => [t.id, emptyItems()]));
  const discussed = new Set<string>();
  const general = emptyItems();
  const problems: MinutesProblem[] = [];

  // Presence, decided in order: the caller's absent list first, then the comments.
  const absent = new Map<string, string>();
  const hereNamed = new Map<string, string>();
  for (const a of input.absent ?? []) {
    const login = a.replace(/^@/, "").trim();
    if (login !== "") absent.set(login.toLowerCase(), login);
  }
  const commenters = new Map<string, string>();

  for (const comment of input.comments) {
    const author = comment.author;
    if (author === null || isBot(author)) continue;
    if (!commenters.has(author.toLowerCase())) commenters.set(author.toLowerCase(), author);
    const problem = (line: number, message: string) => problems.push({ commentId: comment.id, author, line, message });

    for (const cmd of commandsIn(comment.body ?? "")) {
      const name = cmd.name;
      if (!isMinutesCommand(name)) continue; // other commands (/agenda, ...) are not the minutes' business
      switch (name) {
        case "here":
        case "absent": {
          const { logins, other } = mentionsIn(cmd.args);
          if (other.length > 0) problem(cmd.line, `/${cmd.name} takes @handles only; ignored ${other.join(" ")}`);
          const who = cmd.args.length === 0 ? [author] : logins;
          for (const login of who) {
            const key = login.toLowerCase();
            if (cmd.name === "here") {
              absent.delete(key);
              if (!hereNamed.has(key)) hereNamed.set(key, login);
            } else {
              absent.set(key, login);
            }
          }
          break;
        }
        case "note":
        case "decision":
        case "action": {
          let text = cmd.rest;
          let owner: string | null = null;
          let ref: TopicReference | null = null;
          // Owner and reference, in either order, at the start.
          for (let k = 0; k < 2; k++) {
            if (cmd.name === "action" && owner === null) {
              const m = MENTION_AT_START.exec(text);
              if (m) {
                owner = m[1]!;
                text = text.slice(m[0].length).trim();
                continue;
              }
            }
            if (ref === null) {
              const r = leadingRef(text);
              if (r.ref !== null) {
                ref = r.ref;
                text = r.rest;
                continue;
              }
            }
          }
          if (text === "") {
            problem(cmd.line, `/${cmd.name} without text; nothing recorded`);
            break;
          }
          let items = general;
          let unresolved: string | null = null;
          if (ref !== null) {
            const found = resolve(ref);
            if (found.topic !== null) {
              items = byTopic.get(found.topic.id)!;
              discussed.add(found.topic.id);
            } else {
              unresolved = ref.raw;
              problem(cmd.line, `/${cmd.name}: ${found.problem}; recorded under Other`);
            }
          }
          const entry: MinutesEntry = { text, author, commentId: comment.id, line: cmd.line, ref: unresolved };
          if (cmd.name === "note") items.notes.push(entry);
          else if (cmd.name === "decision") items.decisions.push(entry);
          else if (owner !== null) items.actions.push({ ...entry, owner });
          else {
            items.notes.push(entry);
            problem(cmd.line, "/action needs an owner (`/action @user text`); recorded as a note");
          }
          break;
        }
        case "discussed": {
          if (cmd.args.length === 0) {
            problem(cmd.line, "/discussed needs a topic, e.g. `/discussed #12`");
            break;
          }
          for (const arg of cmd.args) {
            const r = leadingRef(arg);
            if (r.ref === null) {
              problem(cmd.line, `/discussed: ${arg} is not a topic reference such as #12`);
              continue;
            }
            const found = resolve(r.ref);
            if (found.topic !== null) discussed.add(found.topic.id);
            else problem(cmd.line, `/discussed: ${found.problem}`);
          }
          break;
        }
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
    const any = items.notes.length + items.decisions.length + items.actions.length > 0;
    return { topic, discussed: any || discussed.has(topic.id), ...items };
  });

  const absentKeys = new Set(absent.keys());
  const participants = new Map<string, string>();
  for (const [key, login] of [...commenters, ...hereNamed]) {
    if (!absentKeys.has(key) && !participants.has(key)) participants.set(key, login);
  }
  const absentList = [...absent.values()];

  const actionItems: ActionItem[] = [];
  for (const t of topicMinutes) {
    for (const a of t.actions) actionItems.push({ owner: a.owner, text: a.text, topicRef: topicRef(t.topic) ?? t.topic.title, topicId: t.topic.id, author: a.author, commentId: a.commentId });
  }
  for (const a of general.actions) actionItems.push({ owner: a.owner, text: a.text, topicRef: a.ref, topicId: null, author: a.author, commentId: a.commentId });

  return {
    series: meeting.seriesId,
    title: meeting.title,
    date: meeting.date,
    meeting: { url: meeting.url, number: meeting.number },
    participants: [...participants.values()].sort(compareLogins),
    absent: absentList.sort(compareLogins),
    roles: assignRoles(input.roles ?? {}, input.occurrenceNumber, absentList),
    recurring: [...(input.recurring ?? [])],
    topics: topicMinutes,
    general,
    carryOver: topicMinutes.filter((t) => !t.discussed).map((t) => t.topic),
    actionItems,
    problems,
  };
}

function dedupeTopics(topics: readonly MinutesTopic[]): MinutesTopic[] {
  const seen = new Set<string>();
  return topics.filter((t) => (seen.has(t.id) ? false : (seen.add(t.id), true)));
}
