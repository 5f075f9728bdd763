/**
 * The text of a new meeting issue around Docket's sections: the default, or a
 * series' template (`template:` in the config, docs/templates.md).
 *
 * Decisions:
 * - Every placeholder becomes a Docket section of the same name (`{{when}}` ->
 *   `<!-- docket:begin when -->…<!-- docket:end when -->`), so a later sync
 *   rewrites it when the configuration changes (the label, the join link, the
 *   title); people's text in the template around the placeholders is written
 *   once and then belongs to people, like anything outside Docket's markers.
 * - A placeholder alone on its line becomes a block section (markers on lines
 *   of their own); one inside a line (`# {{title}} on {{local-date}}`) a
 *   section on that line (markers.ts `inlineSection`), which GitHub shows as
 *   the bare text. Docket's own sections (`{{agenda}}`, `{{waiting-list}}`,
 *   `{{notes}}`, `{{pad}}`) span several lines and must stand on a line of
 *   their own. Those a template leaves out are appended at the end, in that order.
 * - A placeholder may appear once (two sections of one name would be damaged
 *   markers). Unknown placeholders, doubled ones, Docket's sections inside a
 *   line and Docket markers written into the template are problems (each named,
 *   with a did-you-mean): the issue then opens with the default text, so
 *   nothing is lost, and the problem says why.
 * - Only `{{name}}` with a name of letters, digits and dashes is a placeholder:
 *   other braces (`{{ }}`, `{x}`) are people's text.
 * - Times: `{{date}}` and `{{time}}` are the start in UTC (`2023-12-04`,
 *   `13:00 UTC`), `{{local-date}}` and `{{local-time}}` in the series' zone
 *   (`Monday, 4 December 2023`, `14:00–14:30 Europe/Berlin`).
 * - The template's newlines become `\n`.
 * - The header sections of an issue opened by an older Docket (When line and
 *   label sentence outside markers) have no markers: a sync rewrites only the
 *   header sections a body has (`presentHeaderSections`), and never appends one
 *   (mergeSections would put it under people's notes).
 */
import type { Occurrence } from "../domain/types.js";
import { closestMatch } from "../domain/suggest.js";
import { codeSpan, inline, linkMarkdown, oneLine, safeUrl } from "./escape.js";
import { clock, longDate, whenLine, zoned } from "./format.js";
import { utcLink } from "./calendar.js";
import { hasSection, inlineSection, sectionBlock, type Section } from "./markers.js";

/** Placeholders whose content Docket derives from the configuration and the date: one line each. */
export const HEADER_PLACEHOLDERS = ["title", "date", "time", "local-date", "local-time", "when", "where", "location", "join-url", "label", "about"] as const;
export type HeaderPlaceholder = (typeof HEADER_PLACEHOLDERS)[number];

/** Docket's own sections of a meeting issue, in the order they are appended when a template leaves them out. */
export const BODY_SECTIONS = ["pad", "agenda", "waiting-list", "notes"] as const;

const ALL_PLACEHOLDERS: readonly string[] = [...HEADER_PLACEHOLDERS, ...BODY_SECTIONS];

export interface MeetingHeaderInput {
  /** The series' title. */
  title: string;
  occurrence: Occurrence;
  /** The label that makes an issue a topic. */
  label: string;
  /** Where it takes place (config/load.ts meetingPlace). */
  location?: string | undefined;
  joinUrl?: string | undefined;
  /** For a multi-day event: each day (the When line names the days and the daily times once). */
  days?: readonly Occurrence[] | undefined;
}

/** "**Where:** Room 4 · [Join the meeting](https://…)"; "" when neither is known. Markdown, escaped. */
export function whereLine(place: { location?: string | undefined; joinUrl?: string | undefined }): string {
  const parts: string[] = [];
  const location = place.location === undefined ? "" : inline(place.location, 200);
  if (location !== "") parts.push(location);
  const join = place.joinUrl === undefined ? "" : linkMarkdown("Join the meeting", place.joinUrl);
  if (join !== "" && safeUrl(place.joinUrl ?? "") !== null) parts.push(join);
  return parts.length === 0 ? "" : `**Where:** ${parts.join(" · ")}`;
}

/** The content of every header placeholder: one line of escaped Markdown each ("" for what is not configured). */
export function headerContents(input: MeetingHeaderInput): Record<HeaderPlaceholder, string> {
  const { occurrence } = input;
  const start = zoned(occurrence.start, occurrence.timezone);
  const end = zoned(occurrence.end, occurrence.timezone);
  const utc = start.toUTC();
  const href = input.joinUrl === undefined ? null : safeUrl(input.joinUrl);
  return {
    title: inline(oneLine(input.title), 200),
    date: utc.toISODate() ?? occurrence.date,
    time: `${clock(utc)} UTC`,
    "local-date": longDate(start),
    "local-time": `${clock(start)}${end.isValid ? `–${clock(end)}` : ""} ${start.zoneName ?? occurrence.timezone}`,
    when: `**When:** ${whenLine(occurrence, input.days)} · ${linkMarkdown("in your time zone", utcLink(occurrence))}`,
    where: whereLine(input),
    location: input.location === undefined ? "" : inline(input.location, 200),
    "join-url": href === null ? "" : linkMarkdown(inline(href, 2000), href),
    label: codeSpan(input.label),
    about: `_Docket keeps the agenda and the waiting list below up to date from issues labelled ${codeSpan(input.label)}. Anything written outside them stays as you wrote it._`,
  };
}

/** The header sections a body already has (sound or damaged, so damage is reported), to rewrite on a sync; never the others. */
export function presentHeaderSections(body: string | null | undefined, input: MeetingHeaderInput): Section[] {
  const contents = headerContents(input);
  return HEADER_PLACEHOLDERS.filter((name) => hasSection(body, name)).map((name) => ({ name, content: contents[name] }));
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9][A-Za-z0-9_-]*)\s*\}\}/g;
const DOCKET_MARKER = /<!--[ \t]*docket:/;

/** What is wrong with a template, one sentence each (empty: it is fine). `path` names the file in the sentences. */
export function templateProblems(template: string, path: string): string[] {
  const problems: string[] = [];
  const where = `the meeting template ${codeSpan(path)}`;
  const seen = new Set<string>();
  for (const line of template.replace(/\r\n?/g, "\n").split("\n")) {
    for (const m of line.matchAll(PLACEHOLDER)) {
      const name = m[1] ?? "";
      if (!ALL_PLACEHOLDERS.includes(name)) {
        const guess = closestMatch(name, ALL_PLACEHOLDERS);
        problems.push(
          `${where} has an unknown placeholder ${codeSpan(m[0])}${guess === undefined ? "" : ` (did you mean ${codeSpan(`{{${guess}}}`)}?)`}; known: ${ALL_PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}`,
        );
        continue;
      }
      if (seen.has(name)) problems.push(`${where} has ${codeSpan(`{{${name}}}`)} more than once; each placeholder may appear once`);
      seen.add(name);
      if ((BODY_SECTIONS as readonly string[]).includes(name) && line.trim() !== m[0]) {
        problems.push(`${where} has ${codeSpan(`{{${name}}}`)} inside a line; it must stand on a line of its own`);
      }
    }
  }
  if (DOCKET_MARKER.test(template)) problems.push(`${where} contains a Docket marker (\`<!-- docket:\`); write placeholders such as {{agenda}} instead`);
  return problems;
}

/**
 * The template with every placeholder replaced by its section (see the file comment); `sections`
 * holds the content of each (header and body sections). Placeholders without content in
 * `sections` become empty sections. Assumes `templateProblems` found nothing.
 */
export function fillTemplate(template: string, sections: Readonly<Record<string, string>>): string {
  return template
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => {
      const only = /^\s*\{\{\s*([A-Za-z0-9][A-Za-z0-9_-]*)\s*\}\}\s*$/.exec(line);
      if (only !== null) return sectionBlock(only[1]!, sections[only[1]!] ?? "");
      return line.replace(PLACEHOLDER, (_, name: string) => inlineSection(name, oneLine(sections[name] ?? "")));
    })
    .join("\n");
}

/** The default text of a meeting issue, as a template: today's layout, with the config-dependent lines in sections. */
export function defaultTemplate(options: { pad: boolean; notes: boolean; notesHint: string }): string {
  return [
    "{{when}}",
    "{{where}}",
    "",
    "{{about}}",
    "",
    ...(options.pad ? ["{{pad}}", ""] : []),
    "{{agenda}}",
    "",
    "{{waiting-list}}",
    "",
    "## Notes",
    ...(options.notes ? ["", options.notesHint, "", "{{notes}}"] : []),
    "",
  ].join("\n");
}
