/**
 * The one source of truth for `.github/docket.yml`: it validates, fills
 * defaults, types the code (`DocketConfig`) and is exported as JSON Schema
 * (`schema.json`, `npm run schema`) for editors.
 *
 * Keys are kebab-case, as in GitHub's own YAML files. Unknown keys are errors:
 * a typo such as `timezon:` must not silently fall back to a default.
 */
import { IANAZone } from "luxon";
import { z } from "zod";
import { parseDuration } from "../domain/duration.js";

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A duration such as `30m`, `1h`, `1h30m` or `90` (minutes); parsed to whole minutes. */
const duration = z
  .union([z.string(), z.number()])
  .describe("A duration: `30m`, `1h`, `1h30m`, or a number of minutes.")
  .transform((value, ctx) => {
    const minutes = parseDuration(String(value));
    if (minutes === null) {
      ctx.addIssue({ code: "custom", message: `expected a duration such as 30m, 1h or 1h30m, got "${value}"` });
      return z.NEVER;
    }
    return minutes;
  });

const positiveDuration = duration.refine((m) => m > 0, { message: "expected a duration greater than zero" });

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a time of day as "HH:MM" in 24-hour form, e.g. "14:00"' })
  .describe('Local time of day, "HH:MM" (24-hour). Quote it in YAML.');

const timezone = z
  .string()
  .refine((tz) => IANAZone.isValidZone(tz), { message: "expected an IANA time zone such as Europe/Berlin or UTC" })
  .describe("IANA time zone, e.g. Europe/Berlin, America/New_York, UTC.");

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "expected a date as YYYY-MM-DD" })
  .describe("A calendar date, YYYY-MM-DD.");

const repoName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)?$/, { message: 'expected a repository name such as "meetings" or "org/meetings"' })
  .describe('A repository: "name" in the same owner, or "owner/name".');

const label = z.string().min(1).max(50).describe("A GitHub label name (at most 50 characters).");

const board = z
  .strictObject({
    owner: z.string().min(1).describe("The organisation or user that owns the Projects (v2) board."),
    number: z.number().int().positive().describe("The board's number, as in its URL."),
    field: z.string().default("Status").describe("The single-select field that marks items."),
    value: z.string().optional().describe("The field value that makes an item a topic or idea."),
    "estimate-field": z.string().optional().describe("A number field that carries the estimate in minutes."),
    "iteration-field": z.string().optional().describe("An iteration field that defines sprints."),
  })
  .describe("A Projects (v2) board used as a source.");

const minutes = z
  .strictObject({
    path: z.string().default("minutes/{date}.md").describe("Where the minutes are published; {date} and {series} are replaced."),
    repository: repoName.optional().describe("Repository the minutes are published in; default: the meeting repository."),
    publish: z.enum(["commit", "pull-request"]).default("commit").describe("Commit straight to the default branch, or open a pull request."),
    "follow-up-issues": z.boolean().default(false).describe("Open an issue, assigned to its owner, for each action item."),
  })
  .describe("How the Action publishes the minutes of this series.");

const event = z
  .strictObject({
    from: isoDate,
    to: isoDate,
    weekdays: z.boolean().default(true).describe("Only Monday to Friday."),
    start: timeOfDay,
    timezone: timezone.default("UTC"),
    "daily-budget": positiveDuration.describe("Time for topics per day, e.g. 2h30m."),
  })
  .refine((e) => e.from <= e.to, { message: "`from` must not be after `to`", path: ["to"] })
  .describe("A multi-day event (meetup) instead of a recurring cadence.");

const cadence = z
  .union([
    z.enum(["weekly", "biweekly", "monthly"]),
    z
      .string()
      .regex(/^(RRULE:)?FREQ=/i, { message: "expected weekly, biweekly, monthly or an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=MO" }),
  ])
  .describe("weekly | biweekly | monthly | an RFC 5545 RRULE (FREQ=...).");

export const seriesSchema = z
  .strictObject({
    title: z.string().min(1).max(200).describe('Human title of the series, e.g. "Team IaaS".'),
    repository: repoName.optional().describe("Where this series' meeting issues live; default: the top-level `repository`."),
    cadence: cadence.optional(),
    weeks: z.enum(["odd", "even"]).optional().describe("For biweekly: meet in odd or even ISO-8601 calendar weeks."),
    day: z.enum(WEEKDAYS).optional().describe("Day of the week of the meeting."),
    nth: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)])
      .default(1)
      .describe("For monthly: which of the month's `day`s (1-4, or -1 for the last)."),
    time: timeOfDay.optional(),
    duration: positiveDuration.default(60).describe("Length of the meeting; the agenda's time budget."),
    timezone: timezone.default("UTC"),
    label: label.optional().describe("Issues and pull requests with this label become topics; default agenda/<series id>."),
    "default-estimate": positiveDuration.default(10).describe("Estimate of a topic that names none."),
    recurring: z.array(z.string().min(1)).default([]).describe("Items on every agenda, before the topics."),
    "recurring-time": duration.default(0).describe("Time reserved for the recurring items, taken from the budget."),
    roles: z
      .record(z.string().min(1), z.array(z.string().min(1)).min(1))
      .default({})
      .describe("Rotating roles: role name -> roster of GitHub logins, round-robin per occurrence."),
    order: z.enum(["fifo", "votes"]).default("fifo").describe("fifo: by the time the label was added; votes: most 👍 first, then fifo."),
    "waiting-list": z
      .enum(["first-fit", "strict"])
      .default("first-fit")
      .describe("first-fit: a later short topic may use room a longer one cannot; strict: first come, first served, no skipping."),
    board: board.optional(),
    event: event.optional(),
    minutes: minutes.prefault({}),
  })
  .superRefine((s, ctx) => {
    if (s.event) {
      for (const key of ["cadence", "day", "time", "weeks"] as const) {
        if (s[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: `\`${key}\` does not apply to an \`event\` series` });
      }
      return;
    }
    if (!s.cadence) ctx.addIssue({ code: "custom", path: ["cadence"], message: "expected `cadence` (weekly, biweekly, monthly or an RRULE) or an `event`" });
    if (!s.time) ctx.addIssue({ code: "custom", path: ["time"], message: 'expected `time`, e.g. "14:00"' });
    const isRRule = s.cadence !== undefined && !["weekly", "biweekly", "monthly"].includes(s.cadence);
    if (!isRRule && s.cadence && !s.day) ctx.addIssue({ code: "custom", path: ["day"], message: "expected `day` (monday ... sunday)" });
    if (s.cadence === "biweekly" && !s.weeks) ctx.addIssue({ code: "custom", path: ["weeks"], message: "expected `weeks: odd` or `weeks: even` for a biweekly cadence" });
    if (s.weeks && s.cadence !== "biweekly") ctx.addIssue({ code: "custom", path: ["weeks"], message: "`weeks` applies only to `cadence: biweekly`" });
  })
  .describe("A meeting series (or a multi-day event).");

export const backlogSchema = z
  .strictObject({
    label: label.default("idea").describe("Issues with this label are ideas."),
    title: z.string().min(1).max(200).default("Idea Backlog").describe("Title of the pinned backlog issue."),
    repository: repoName.optional().describe("Where the backlog issue lives; default: the top-level `repository`."),
    path: z.string().optional().describe("Where the Action publishes the backlog as a Markdown page."),
    locale: z.string().default("en").describe("Locale for the alphabetical order (a BCP 47 tag such as en, de, sv)."),
    board: board.optional(),
  })
  .describe("The idea backlog: ideas in alphabetical order, which claims no priority.");

export const sprintsSchema = z
  .strictObject({
    board: board.optional(),
    milestones: z.boolean().default(false).describe("Milestones are sprints."),
    "label-prefix": z.string().optional().describe('Labels with this prefix (e.g. "sprint/") are sprints.'),
    path: z.string().default("sprints/{sprint}.md").describe("Where the Action publishes sprint reviews."),
  })
  .describe("Where sprints come from, for the sprint review.");

export const configSchema = z
  .strictObject({
    repository: repoName.optional().describe("Default repository for meeting and backlog issues; default: the repository that holds this file."),
    "estimate-label-prefix": z.string().min(1).default("time/").describe('Labels such as time/15m carry a topic\'s estimate.'),
    "estimate-field": z.string().min(1).default("Estimate").describe("Issue-form field (### heading) that carries a topic's estimate."),
    meetings: z
      .record(
        z.string().regex(/^[a-z0-9][a-z0-9-]{0,38}$/, { message: "expected a series id of lower-case letters, digits and dashes" }),
        seriesSchema,
      )
      .default({})
      .describe("Meeting series by id (lower-case, used in commands: /agenda <id>)."),
    backlog: backlogSchema.optional(),
    sprints: sprintsSchema.optional(),
  })
  .describe("Docket configuration (.github/docket.yml).");

export type DocketConfig = z.output<typeof configSchema>;
export type SeriesConfig = z.output<typeof seriesSchema>;
export type BacklogConfig = z.output<typeof backlogSchema>;
export type DocketConfigInput = z.input<typeof configSchema>;
export { WEEKDAYS };
