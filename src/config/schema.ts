/**
 * The one source of truth for `.github/docket.yml`: it validates, fills
 * defaults, types the code (`DocketConfig`) and is exported as JSON Schema
 * (`schema.json`, `npm run schema`) for editors; `docs/config.md` is generated
 * from it too (`npm run schema`).
 *
 * Keys are kebab-case, as in GitHub's own YAML files. Unknown keys are errors:
 * a typo such as `timezon:` must not silently fall back to a default.
 *
 * Messages say what was expected and what was found ("expected …, got …"):
 * they are shown to people next to the YAML path (see `load.ts`). Messages of
 * zod's built-in checks (types, enums, sizes, unknown keys) are written by the
 * error map in `load.ts`; the messages here are for the checks zod cannot word.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { parseDuration } from "../domain/duration.js";
import { closestMatch, didYouMean } from "../domain/suggest.js";
import { eventDays, isValidZone, validateRRule } from "../domain/schedule.js";
import { trackLabel } from "../domain/tracks.js";

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const CADENCES = ["weekly", "biweekly", "monthly"] as const;

// ---------------------------------------------------------------------------
// Wording helpers, shared with load.ts.

/** Near misses are suggested by src/domain/suggest.ts; re-exported for the config's users. */
export { closestMatch };

/** How a found value reads in a message: strings quoted, collections by kind. */
export function describeInput(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "nothing (null)";
  if (typeof value === "string") {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return `the date ${value.toISOString()}`;
  if (typeof value === "object") return "a map";
  return typeof value;
}

/** An issue message "<expected>, got <found>" from a zod issue. */
const expected =
  (text: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? `missing, ${text}` : `${text}, got ${describeInput(issue.input)}`;

// ---------------------------------------------------------------------------
// Value types.

function durationSchema(min: 0 | 1) {
  const expectation = min === 1 ? "expected a duration greater than zero, such as 30m, 1h or 1h30m" : "expected a duration such as 0m, 30m or 1h";
  return z
    .union([z.string(), z.number()], { error: expected("expected a duration such as 30m, 1h or 1h30m") })
    .transform((value, ctx) => {
      const minutes = typeof value === "number" ? (Number.isInteger(value) ? value : null) : parseDuration(value);
      const negative = typeof value === "number" ? value < 0 : value.trim().startsWith("-");
      if (negative || (minutes !== null && minutes < min)) {
        ctx.addIssue({ code: "custom", input: value, message: `${expectation}, got ${describeInput(value)}` });
        return z.NEVER;
      }
      if (minutes === null) {
        const hint = typeof value === "number" ? " (a number means whole minutes)" : "";
        ctx.addIssue({
          code: "custom",
          input: value,
          message: `expected a duration such as 30m, 1h or 1h30m${hint}, got ${describeInput(value)}`,
        });
        return z.NEVER;
      }
      return minutes;
    })
    .describe("A duration: `30m`, `1h`, `1h30m`, or a number of minutes.");
}

/** A duration of zero or more minutes; parsed to whole minutes. */
const duration = durationSchema(0);
/** A duration of at least one minute; parsed to whole minutes. */
const positiveDuration = durationSchema(1);

function timeHint(input: unknown): string {
  if (typeof input === "number" && Number.isInteger(input) && input >= 0 && input < 24 * 60) {
    const hhmm = `${String(Math.floor(input / 60)).padStart(2, "0")}:${String(input % 60).padStart(2, "0")}`;
    return ` (YAML 1.1 reads an unquoted ${hhmm} as the number ${input}: write "${hhmm}" in quotes)`;
  }
  if (typeof input === "string") {
    const m = /^\s*(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?\s*$/i.exec(input);
    if (m) {
      const h = (Number(m[1]) % 12) + ((m[3] ?? "").toLowerCase() === "p" ? 12 : 0);
      const min = m[2] ?? "00";
      if (h < 24 && Number(min) < 60) return ` (did you mean "${String(h).padStart(2, "0")}:${min}"?)`;
    }
  }
  return "";
}

const TIME_EXPECTED = 'expected a time of day as "HH:MM" (24-hour) in quotes, such as "14:00"';

const timeOfDay = z
  .string({ error: (issue) => (issue.input === undefined ? undefined : `${TIME_EXPECTED}, got ${describeInput(issue.input)}${timeHint(issue.input)}`) })
  // Aborts: a time that is not one is one problem, not also a missing `time`.
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { abort: true, error: (issue) => `${TIME_EXPECTED}, got ${describeInput(issue.input)}${timeHint(issue.input)}` })
  .transform((t) => t.padStart(5, "0"))
  .describe('Local time of day, "HH:MM" (24-hour). Quote it in YAML.');

let zoneNames: readonly string[] | undefined;
function timeZoneNames(): readonly string[] {
  zoneNames ??= ["UTC", ...(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [])];
  return zoneNames;
}

const timezone = z
  .string()
  .refine((tz) => isValidZone(tz), {
    error: (issue) => {
      const suggestion = typeof issue.input === "string" ? didYouMean(issue.input, timeZoneNames()) : "";
      return `expected an IANA time zone such as Europe/Berlin or UTC, got ${describeInput(issue.input)}${suggestion}`;
    },
  })
  .describe("IANA time zone, e.g. Europe/Berlin, America/New_York, UTC.");

const isoDate = z
  .string()
  // Both checks abort: a date that is not one is one problem, and no range check compares it.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { abort: true, error: expected("expected a date as YYYY-MM-DD, such as 2025-02-03") })
  .refine(
    (d) => {
      const [y, m, day] = d.split("-").map(Number) as [number, number, number];
      const date = new Date(Date.UTC(y, m - 1, day));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === day;
    },
    { abort: true, error: expected("expected a calendar date that exists") },
  )
  .describe("A calendar date, YYYY-MM-DD.");

const repoName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)?$/, { error: expected('expected a repository such as "meetings" or "org/meetings"') })
  .describe('A repository: "name" in the same owner, or "owner/name".');

/** GitHub's longest label name. */
const LABEL_MAX = 50;
const label = z.string().min(1).max(LABEL_MAX).describe("A GitHub label name (at most 50 characters).");

const boardOwner = z.string().min(1).describe("The organisation or user that owns the Projects (v2) board.");
const boardNumber = z.number().int().positive().describe("The board's number, as in its URL.");
const boardField = z.string().min(1).default("Status").describe("The single-select field that marks items.");

/**
 * A board as a source of topics or ideas: items whose single-select `field`
 * holds `value` count (draft items too). Three shapes, one per use, so a key
 * that does nothing where it is written (an estimate on an idea board) is an
 * error rather than silently ignored.
 */
const topicBoard = z
  .strictObject({
    owner: boardOwner,
    number: boardNumber,
    field: boardField,
    value: z.string().min(1).default("Agenda").describe("The option of `field` that puts an item on the agenda."),
    "estimate-field": z.string().min(1).optional().describe("A number field that carries the estimate in minutes (an estimate label and the issue form win)."),
  })
  .describe(
    "A Projects (v2) board whose items (issues, pull requests and drafts) with `field` = `value` become topics, from any repository. A topic both labelled and on the board counts once. The app follows the boards of the organisation it is installed on; a user's board (which sends no events and which apps may not read) is left to the Action's `agenda` command.",
  );

const ideaBoard = z
  .strictObject({
    owner: boardOwner,
    number: boardNumber,
    field: boardField,
    value: z.string().min(1).default("Idea").describe("The option of `field` that makes an item an idea."),
  })
  .describe("A Projects (v2) board whose items (issues, pull requests and drafts) with `field` = `value` are ideas, from any repository.");

const sprintBoard = z
  .strictObject({
    owner: boardOwner,
    number: boardNumber,
    "iteration-field": z.string().min(1).describe("The iteration field whose iterations are the sprints, e.g. Sprint."),
  })
  .describe("A Projects (v2) board whose iteration field defines the sprints and their items.");

const publishMode = z.enum(["commit", "pull-request"]).default("commit");

const minutes = z
  .strictObject({
    path: z.string().default("minutes/{date}.md").describe("Where the minutes are published; {date} (YYYY-MM-DD) and {series} (the series id) are replaced."),
    repository: repoName.optional().describe("Repository the minutes are published in; default: the meeting repository."),
    publish: publishMode.describe("Commit straight to the default branch, or open a pull request (branch docket/minutes/<series>-<date>)."),
    "follow-up-issues": z
      .boolean()
      .default(false)
      .describe("Open an issue in the meeting repository for each action item, assigned to its owner (once: a rerun finds the issues it opened)."),
    "unlabel-discussed": z
      .boolean()
      .default(true)
      .describe(
        "Remove the series' agenda label from the topics the minutes record as discussed, so they leave the agenda. Topics not discussed keep the label (and the time it was added), so the next agenda lists them ahead of newer ones.",
      ),
  })
  .describe("How the Action publishes the minutes of this series.");

const notes = z
  .strictObject({
    area: z
      .boolean()
      .default(true)
      .describe(
        "A notes area in each meeting issue, with a heading per recurring item and agenda topic, for people to take notes under. Docket adds the headings of topics that join the agenda later and never changes what people wrote; the minutes read it.",
      ),
    pad: z
      .enum(["hedgedoc", "hackmd"])
      .optional()
      .describe(
        "A shared pad per meeting, created by the Action's `open-next` and `agenda` commands with the same headings and linked from the meeting issue; the minutes read it back. hedgedoc: a HedgeDoc 1.x server at `url` that lets anyone create notes (no token). hackmd: HackMD, with the token in the environment variable HACKMD_TOKEN.",
      ),
    url: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe("hedgedoc: the server's address, e.g. https://pad.example.org (required). hackmd: the API's address; default https://api.hackmd.io/v1."),
  })
  .superRefine((n, ctx) => {
    if (n.pad === "hedgedoc" && n.url === undefined)
      ctx.addIssue({ code: "custom", path: ["url"], message: "missing, expected the HedgeDoc server's address, e.g. `url: https://pad.example.org`" });
    if (n.pad === undefined && n.url !== undefined)
      ctx.addIssue({ code: "custom", path: ["url"], message: "expected no `url` without a `pad` (hedgedoc or hackmd)" });
  })
  .describe("Where people take notes during a meeting besides comments: the meeting issue's notes area, and a shared pad.");

// ---------------------------------------------------------------------------
// Where a meeting takes place.

const location = z
  .string()
  .min(1)
  .max(200)
  .refine((text) => !/[\r\n]/.test(text), { error: expected("expected one line of text (a room, an address or a service), without line breaks") })
  .describe(
    'Where the meeting takes place, one line of text (a room, an address, "Jitsi"), shown on the meeting issue\'s **Where:** line and written to the calendar as LOCATION.',
  );

/** An absolute http(s) URL without credentials: anything else (a relative path, `javascript:`, a password in the URL) is refused. */
function isJoinUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "" && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

const joinUrl = z
  .string()
  .refine(isJoinUrl, { error: expected("expected an absolute http(s) URL without a user name or password, such as https://meet.example.org/team-iaas") })
  .describe("The link people join the meeting by (an absolute http(s) URL), shown on the meeting issue's **Where:** line and written to the calendar as URL.");

// ---------------------------------------------------------------------------
// Tracks of a multi-track gathering (issue 15): parallel rooms, each with its own time.

const trackId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,38}$/, { error: expected("expected a track id of lower-case letters, digits and dashes (at most 39), such as edge") })
  .describe("The track's id, used in labels (`<event>/<track>`) and commands (`/now edge #12`).");

const oneLine = z
  .string()
  .min(1)
  .max(300)
  .refine((text) => !/[\r\n]/.test(text), { error: expected("expected one line of text, without line breaks") });

const getInvolved = z
  .array(oneLine)
  .optional()
  .describe(
    'Lines for the recap\'s "How to get involved" section: mailing lists, chat channels, repositories, each one line of Markdown, e.g. "Chat: #edge on OFTC" or "[openstack/edge](https://github.com/openstack/edge)".',
  );

/**
 * A track's total time. `d` is one of the TRACK'S days (its daily budget), not 24 hours: organisers
 * say "a day and a half" for a track, and `total: 1d4h` with a 4h daily budget means 8 hours.
 * Kept as days and minutes; ../domain/tracks.ts trackTotalMinutes turns it into minutes.
 */
const trackTotal = z
  .string()
  .transform((text, ctx) => {
    const m = /^\s*(?:(\d+(?:\.\d+)?)\s*d(?:ays?)?)?\s*(.*?)\s*$/i.exec(text)!;
    const days = m[1] === undefined ? 0 : Number(m[1]);
    const rest = m[2] === "" ? 0 : parseDuration(m[2]!);
    if (rest === null || (days === 0 && rest === 0) || (m[1] === undefined && m[2] === "")) {
      ctx.addIssue({
        code: "custom",
        message: `expected a total such as 1d4h (a day here is one of the track's days, its daily budget), 1.5d or 6h, got ${describeInput(text)}`,
      });
      return z.NEVER;
    }
    return { days, minutes: rest };
  })
  .describe("The track's total time over all its days, e.g. `1d4h` or `1.5d` (a day here is one of the track's days: its `daily-budget`) or `6h`.");

const track = z
  .strictObject({
    id: trackId,
    title: z.string().min(1).max(200).describe('Human title of the track, e.g. "Edge computing".'),
    label: label
      .optional()
      .describe(
        "Issues and pull requests with this label become the track's topics; default `<event id>/<track id>`, e.g. ptg/edge (which must fit GitHub's 50 characters too). A topic labelled for two or more tracks is a joint session.",
      ),
    room: location.optional().describe("Where the track meets (a room, a video call); the column of the schedule. Default: the track's title."),
    start: timeOfDay.optional().describe("Local time the track's days start; default the event's `start`."),
    "daily-budget": positiveDuration.optional().describe("Time for topics on each of the track's days; default the event's `daily-budget`."),
    total: trackTotal.optional(),
    days: z.array(isoDate).min(1).optional().describe("The days the track runs, each one of the event's days (YYYY-MM-DD); default every day of the event."),
    chairs: z
      .array(z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, { error: expected("expected a GitHub login such as octocat") }))
      .default([])
      .describe("GitHub logins who may post `/now` and `/next` for this track besides people with triage access to the event's repository."),
    issue: z.boolean().default(false).describe("Open an issue for this track that holds only its part of the schedule and its waiting list (opt-in)."),
    "get-involved": getInvolved,
  })
  .describe("A track of a multi-track gathering: a team with its own room and time.");

const event = z
  .strictObject({
    from: isoDate.describe("First day of the event, YYYY-MM-DD."),
    to: isoDate.describe("Last day of the event, YYYY-MM-DD (inclusive)."),
    weekdays: z.boolean().default(true).describe("Only Monday to Friday."),
    start: timeOfDay.describe('Local start time of each day, "HH:MM" (24-hour). Quote it in YAML.'),
    timezone: timezone.default("UTC"),
    "daily-budget": positiveDuration.describe("Time for topics per day, e.g. 2h30m."),
    location: location.optional().describe("Where the event takes place, one line of text; wins over the series' `location`."),
    "join-url": joinUrl.optional().describe("The link people join the event by (an absolute http(s) URL); wins over the series' `join-url`."),
    tracks: z
      .array(track)
      .min(1)
      .optional()
      .describe(
        "Parallel tracks (a multi-track gathering): each packs the topics labelled for it into its own room and time. A topic labelled for two or more tracks is a joint session, at the same time in each. Without tracks the event is one room.",
      ),
    "get-involved": getInvolved,
    recap: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Where the Action's `recap` command publishes the gathering's recap, in the minutes' repository and with the minutes' `publish` mode; {series} is replaced by the event's id. Default recaps/{series}.md.",
      ),
  })
  .superRefine((e, ctx) => {
    if (e.from > e.to) {
      ctx.addIssue({ code: "custom", path: ["to"], input: e.to, message: `expected a date on or after \`from\` (${e.from}), got ${describeInput(e.to)}` });
      return;
    }
    const dates = new Set(eventDays(e).map((d) => d.date));
    if (dates.size === 0) {
      // Only possible with `weekdays` and a Saturday and/or Sunday: every command would have no day to plan.
      const day = (d: string) => `${d} (${DateTime.fromISO(d, { zone: "UTC" }).setLocale("en").toFormat("cccc")})`;
      ctx.addIssue({
        code: "custom",
        path: ["from"],
        input: e.from,
        message: `expected at least one day from Monday to Friday (\`weekdays\` is true, the default), got only ${day(e.from)}${e.to === e.from ? "" : ` to ${day(e.to)}`}: the event has no day. Set \`weekdays: false\` to meet at the weekend.`,
      });
      return;
    }
    if (!e.tracks) return;
    const ids = new Set<string>();
    const labels = new Map<string, string>();
    e.tracks.forEach((t, i) => {
      if (ids.has(t.id)) ctx.addIssue({ code: "custom", path: ["tracks", i, "id"], message: `expected each track id once, got \`${t.id}\` twice` });
      ids.add(t.id);
      if (t.label !== undefined) {
        const other = labels.get(t.label.toLowerCase());
        if (other !== undefined)
          ctx.addIssue({
            code: "custom",
            path: ["tracks", i, "label"],
            message: `expected each track's own label, got \`${t.label}\`, the label of track \`${other}\` too`,
          });
        labels.set(t.label.toLowerCase(), t.id);
      }
      (t.days ?? []).forEach((d, j) => {
        if (!dates.has(d)) {
          ctx.addIssue({
            code: "custom",
            path: ["tracks", i, "days", j],
            message: `expected one of the event's days (${e.from} to ${e.to}${e.weekdays ? ", Monday to Friday" : ""}), got ${d}`,
          });
        }
      });
    });
  })
  .describe("A multi-day event (meetup) instead of a recurring cadence.");

/** Words people write for a cadence that edit distance cannot find. */
const CADENCE_SYNONYMS: Readonly<Record<string, (typeof CADENCES)[number]>> = {
  fortnightly: "biweekly",
  everyotherweek: "biweekly",
  every2weeks: "biweekly",
  everytwoweeks: "biweekly",
};

function cadenceSuggestion(input: unknown): string {
  if (typeof input !== "string") return "";
  const synonym = CADENCE_SYNONYMS[input.toLowerCase().replace(/[-_\s]/g, "")];
  return synonym === undefined ? didYouMean(input, CADENCES) : ` (did you mean \`${synonym}\`?)`;
}

// The RRULE branch aborts when it fails, so a cadence that is neither form is
// one problem: no regex shown, and none of the series' checks that depend on
// the cadence (`weeks`, `day`) run on a value that is not one.
const cadence = z
  .union([z.enum(CADENCES), z.string().regex(/^(RRULE:)?FREQ=/i, { abort: true })], {
    error: (issue) =>
      `expected weekly, biweekly, monthly or an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=MO, got ${describeInput(issue.input)}${cadenceSuggestion(issue.input)}`,
  })
  .describe("weekly | biweekly | monthly | an RFC 5545 RRULE (FREQ=...).");

export const seriesSchema = z
  .strictObject({
    title: z.string().min(1).max(200).describe('Human title of the series, e.g. "Team IaaS".'),
    repository: repoName.optional().describe("Where this series' meeting issues live; default: the top-level `repository`."),
    cadence: cadence.optional(),
    weeks: z.enum(["odd", "even"]).optional().describe("For biweekly: meet in odd or even ISO-8601 calendar weeks."),
    day: z.enum(WEEKDAYS).optional().describe("Day of the week of the meeting."),
    nth: z.literal([1, 2, 3, 4, -1]).optional().describe("For monthly: which of the month's `day`s (1-4, or -1 for the last); default 1."),
    time: timeOfDay.optional(),
    duration: positiveDuration.prefault("1h").describe("Length of the meeting; the agenda's time budget."),
    timezone: timezone.default("UTC"),
    label: label.optional().describe("Issues and pull requests with this label become topics; default agenda/<series id>."),
    "default-estimate": positiveDuration.prefault("10m").describe("Estimate of a topic that names none."),
    recurring: z.array(z.string().min(1)).default([]).describe("Items on every agenda, before the topics."),
    "recurring-time": duration.prefault("0m").describe("Time reserved for the recurring items, taken from the budget."),
    roles: z
      .record(z.string().min(1), z.array(z.string().min(1)).min(1))
      .default({})
      .describe("Rotating roles: role name -> roster of GitHub logins, round-robin per occurrence."),
    order: z.enum(["fifo", "votes"]).default("fifo").describe("fifo: by the time the label was added; votes: most 👍 first, then fifo."),
    "waiting-list": z
      .enum(["first-fit", "strict"])
      .default("first-fit")
      .describe("first-fit: a later short topic may use room a longer one cannot; strict: first come, first served, no skipping."),
    "keep-times": z
      .boolean()
      .default(false)
      .describe(
        "When a topic leaves the agenda, the topics after it on the same day keep their start times and the gap stays (for a waiting topic that fits it); default false: they move up to close the gap. Either way a scheduled topic keeps its day, and an author whose topic's day or start changes is told in a comment.",
      ),
    board: topicBoard.optional(),
    event: event.optional(),
    "open-ahead": positiveDuration
      .optional()
      .describe(
        "How long before a meeting starts the Action's `open-next` command opens its issue, e.g. `7d` or `2d12h`. Default: as soon as the previous meeting is over (as the app does).",
      ),
    minutes: minutes.prefault({}),
    notes: notes.prefault({}),
    location: location.optional(),
    "join-url": joinUrl.optional(),
    template: z
      .string()
      .min(1)
      .regex(/^[^/\\].*\.md$/i, {
        error: expected('expected the path of a Markdown file in the configuration\'s repository, such as ".github/meeting-template.md"'),
      })
      .optional()
      .describe(
        "A Markdown file in the repository this configuration was loaded from (e.g. `.github/meeting-template.md`) whose text, with placeholders such as `{{when}}`, `{{where}}` and `{{agenda}}`, becomes the body of each new meeting issue; see docs/templates.md. Read once, when the issue is opened.",
      ),
  })
  .superRefine((s, ctx) => {
    if (s.event) {
      for (const key of ["cadence", "day", "time", "weeks"] as const) {
        if (s[key] !== undefined) {
          ctx.addIssue({ code: "custom", path: [key], message: `expected either \`${key}\` or \`event\`, not both: \`${key}\` does not apply to an event` });
        }
      }
      return;
    }
    if (!s.cadence)
      ctx.addIssue({ code: "custom", path: ["cadence"], message: "missing, expected `cadence` (weekly, biweekly, monthly or an RRULE) or an `event`" });
    if (!s.time) ctx.addIssue({ code: "custom", path: ["time"], message: 'missing, expected `time`, a time of day such as "14:00"' });
    const isRRule = s.cadence !== undefined && !(CADENCES as readonly string[]).includes(s.cadence);
    if (!isRRule && s.cadence && !s.day)
      ctx.addIssue({ code: "custom", path: ["day"], message: `missing, expected \`day\` (${WEEKDAYS.join(", ")}) for a ${s.cadence} cadence` });
    if (isRRule) {
      const problem = validateRRule(s.cadence!);
      if (problem) ctx.addIssue({ code: "custom", path: ["cadence"], message: problem });
      if (s.day) ctx.addIssue({ code: "custom", path: ["day"], message: "expected no `day` with an RRULE cadence: name the day in the rule (BYDAY=MO)" });
    }
    if (s.nth !== undefined && s.cadence !== "monthly") {
      ctx.addIssue({ code: "custom", path: ["nth"], message: "expected no `nth` here: `nth` applies only to `cadence: monthly`" });
    }
    if (s.cadence === "biweekly" && !s.weeks)
      ctx.addIssue({ code: "custom", path: ["weeks"], message: "missing, expected `weeks: odd` or `weeks: even` for a biweekly cadence" });
    if (s.weeks && s.cadence !== "biweekly") {
      ctx.addIssue({
        code: "custom",
        path: ["weeks"],
        message: `expected no \`weeks\` with cadence ${s.cadence ?? "(none)"}: \`weeks\` applies only to \`cadence: biweekly\``,
      });
    }
  })
  .describe("A meeting series (or a multi-day event).");

export const backlogSchema = z
  .strictObject({
    label: label.default("idea").describe("Issues with this label are ideas."),
    title: z.string().min(1).max(200).default("Idea Backlog").describe("Title of the pinned backlog issue."),
    repository: repoName.optional().describe("Where the backlog issue lives; default: the top-level `repository`."),
    path: z
      .string()
      .optional()
      .describe("Where the Action's `backlog` command publishes the backlog as a Markdown page, e.g. docs/backlog.md (in the backlog's repository)."),
    publish: publishMode.describe("How the backlog page is published: committed to the default branch, or through a pull request."),
    locale: z.string().default("en").describe("Locale for the alphabetical order (a BCP 47 tag such as en, de, sv)."),
    board: ideaBoard.optional(),
  })
  .describe("The idea backlog: ideas in alphabetical order, which claims no priority.");

export const sprintsSchema = z
  .strictObject({
    board: sprintBoard.optional(),
    milestones: z
      .boolean()
      .default(false)
      .describe(
        "Milestones are sprints: a milestone's sprint ends with its due date and starts the day after the previous milestone's due date (the first one: when it was created). Milestones without a due date are not sprints. A milestone titled \"Sprint Gothenburg\" is Sprint Gothenburg.",
      ),
    "label-prefix": z
      .string()
      .min(1)
      .optional()
      .describe(
        'Labels with this prefix (e.g. "sprint/") are sprints: `sprint/gothenburg` is Sprint gothenburg. Each sprint label gives its first and last day in its description, e.g. "2025-01-06..2025-01-19".',
      ),
    repository: repoName
      .optional()
      .describe(
        "The repository whose milestones (or sprint labels) define the sprints; default: the top-level `repository`. Items come from everywhere Docket looks for topics (with a board: the board's items).",
      ),
    "review-repository": repoName
      .optional()
      .describe(
        "The repository the sprint reviews are published in (at `path`), when it is not where the sprints are defined; default: `sprints.repository`, else the top-level `repository`.",
      ),
    meeting: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The meeting series (an id under `meetings`) whose meeting reviews each sprint: its first meeting from the sprint's last day on. The review then names that meeting issue, links its minutes, lists its participants and roles, and puts what was noted, decided or assigned about a sprint item (`/note #12 ...`) under that item. That meeting's minutes link the review (`- Sprint review:` in their head, where it is or will be published) and put those lines under the item too, in a \"Sprint items\" section.",
      ),
    timezone: timezone.default("UTC").describe("The zone in which sprint days start and end (IANA, e.g. Europe/Berlin)."),
    path: z
      .string()
      .default("sprints/{sprint}.md")
      .describe(
        "Where the Action publishes sprint reviews; {sprint} is replaced by the sprint's name in lower case, with dashes (e.g. gothenburg). A review written after its sprint ended is a record: later runs keep it as published unless the Action's input `force` is true.",
      ),
    publish: publishMode.describe("How sprint reviews are published: committed to the default branch, or through a pull request."),
  })
  .superRefine((s, ctx) => {
    const sources = [s.board ? "board" : null, s.milestones ? "milestones" : null, s["label-prefix"] !== undefined ? "label-prefix" : null].filter(
      (x) => x !== null,
    );
    if (sources.length > 1) {
      ctx.addIssue({
        code: "custom",
        path: [sources[1]!],
        message: `expected one source of sprints, got ${sources.map((x) => `\`${x}\``).join(" and ")}: keep one`,
      });
    }
  })
  .describe("Where sprints come from, for the sprint review: a board's iteration field, milestones, or labels (one of them).");

export const calendarSchema = z
  .strictObject({
    path: z
      .string()
      .default("calendar/docket.ics")
      .describe(
        "Where the Action's `calendar` command publishes the iCalendar file of every series and event (RFC 5545), e.g. calendar/docket.ics; people subscribe to its raw URL.",
      ),
    "track-path": z
      .string()
      .default("calendar/{series}-{track}.ics")
      .describe(
        "Where the `calendar` command publishes one iCalendar file per track of a multi-track gathering (its sessions, joint ones included), for people to subscribe to the tracks they follow; {series} and {track} are replaced by the ids.",
      ),
    repository: repoName.optional().describe("Repository the calendar is published in; default: the top-level `repository`."),
    publish: publishMode.describe("How the calendar is published: committed to the default branch, or through a pull request (branch docket/calendar)."),
  })
  .describe("The iCalendar file of every series and event, published by the Action's `calendar` command.");

export const configSchema = z
  .strictObject({
    repository: repoName.optional().describe("Default repository for meeting and backlog issues; default: the repository that holds this file."),
    "estimate-label-prefix": z.string().min(1).default("time/").describe("Labels such as time/15m carry a topic's estimate."),
    "estimate-field": z.string().min(1).default("Estimate").describe("Issue-form field (### heading) that carries a topic's estimate."),
    meetings: z
      .record(
        z.string().regex(/^[a-z0-9][a-z0-9-]{0,38}$/, {
          error: expected("expected a series id of lower-case letters, digits and dashes (at most 39), such as team-iaas"),
        }),
        seriesSchema,
      )
      .default({})
      .describe("Meeting series by id (lower-case, used in commands: /agenda <id>)."),
    backlog: backlogSchema.optional(),
    sprints: sprintsSchema.optional(),
    calendar: calendarSchema.optional(),
  })
  .superRefine((c, ctx) => {
    // A track's label needs the series id when it is the default (`<event id>/<track id>`): checked here, where the id is known.
    for (const [id, series] of Object.entries(c.meetings)) {
      const tracks = series.event?.tracks ?? [];
      // An explicit label that is another track's default would make every topic of that track a joint session.
      const defaults = new Map(tracks.filter((t) => t.label === undefined).map((t) => [trackLabel(id, t).toLowerCase(), t.id]));
      tracks.forEach((t, i) => {
        const other = t.label === undefined ? undefined : defaults.get(t.label.toLowerCase());
        if (other !== undefined && other !== t.id) {
          ctx.addIssue({
            code: "custom",
            path: ["meetings", id, "event", "tracks", i, "label"],
            message: `expected each track's own label, got \`${t.label}\`, the default label of track \`${other}\` too (\`${trackLabel(id, { id: other })}\`)`,
          });
        }
      });
      tracks.forEach((t, i) => {
        // An explicit label is checked on its own (at most 50); the default can be 79 (39 + 1 + 39).
        const label = trackLabel(id, t);
        if (t.label === undefined && label.length > LABEL_MAX) {
          ctx.addIssue({
            code: "custom",
            path: ["meetings", id, "event", "tracks", i],
            message: `expected a track label of at most ${LABEL_MAX} characters (GitHub's limit), got its default \`${label}\` (${label.length}): give the track a shorter \`label\``,
          });
        }
      });
    }
  })
  .describe("Docket configuration (.github/docket.yml).");

export type DocketConfig = z.output<typeof configSchema>;
export type SeriesConfig = z.output<typeof seriesSchema>;
export type BacklogConfig = z.output<typeof backlogSchema>;
export type CalendarConfig = z.output<typeof calendarSchema>;
export type DocketConfigInput = z.input<typeof configSchema>;
export { WEEKDAYS };
