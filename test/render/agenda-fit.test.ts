/**
 * A meeting issue always fits GitHub's limit on a body (65,536 characters): fitToLimit in
 * src/render/agenda.ts shortens escaped titles, then lists only what fits and counts the rest
 * with a link to all of them; people's text outside the markers counts too and stays as it is.
 */
import { describe, expect, it } from "vitest";
import { characters, MAX_BODY } from "../../src/domain/limits.js";
import type { Agenda, ScheduledTopic } from "../../src/domain/types.js";
import {
  AGENDA_SECTION,
  agendaSection,
  fitToLimit,
  meetingBody,
  SHORT_TITLE,
  WAITING_SECTION,
  waitingListSection,
  type AgendaSectionInput,
} from "../../src/render/agenda.js";
import { mergeSections, readSection, readState } from "../../src/render/markers.js";
import { FLOOD_ALL_TOPICS as ALL, flood, floodInput, floodTopic } from "../helpers/agenda-flood.js";

const topic = floodTopic;
const input = floodInput;

const merge = (body: string) => (i: AgendaSectionInput) =>
  mergeSections(body, [
    { name: AGENDA_SECTION, content: agendaSection(i) },
    { name: WAITING_SECTION, content: waitingListSection(i) },
  ]).body;

describe("fitToLimit", () => {
  it("leaves an agenda that fits exactly as it was", () => {
    const small = input(flood(8, "Ceph upgrade"));
    expect(fitToLimit(small, meetingBody)).toBe(meetingBody(small));
  });

  it("400 topics titled with 256 '<': a valid body within 65,536 characters that lists what fits and counts the rest, with the search link", () => {
    const agenda = flood(400);
    expect(characters(meetingBody(input(agenda)))).toBeGreaterThan(400_000); // what was written before
    const body = fitToLimit(input(agenda), meetingBody)!;
    expect(characters(body)).toBeLessThanOrEqual(MAX_BODY);
    expect(characters(body)).toBeGreaterThan(MAX_BODY - 1_000); // it uses the room it has

    // All six on the agenda are listed, with titles cut after escaping: whole `&lt;` only.
    const section = readSection(body, AGENDA_SECTION)!;
    const title = `${"&lt;".repeat((SHORT_TITLE - 2) / 4)}…`;
    expect(title.length).toBeLessThanOrEqual(SHORT_TITLE);
    expect(section).toContain(
      `| 1 | 14:00 | [sovereign/infra#1 ${title}](https://github.com/sovereign/infra/issues/1) | [mallory](https://github.com/mallory) | 10m |`,
    );
    expect(section).toContain("| 6 | 14:50 |");
    expect(section).not.toMatch(/&l…|&lt…|&(?!lt;)/);

    // The waiting list: the first ones in order, then how many more, and where to see them all.
    const waiting = readSection(body, WAITING_SECTION)!;
    const listed = [...waiting.matchAll(/^(\d+)\. \[sovereign\/infra#(\d+) /gm)].map((m) => Number(m[1]));
    expect(listed.length).toBeGreaterThan(100);
    expect(listed).toEqual(listed.map((_, i) => i + 1));
    const more = 394 - listed.length;
    expect(waiting).toContain(
      `**${more} more topics are waiting**, not listed here: GitHub allows an issue 65,536 characters. See [all topics labelled \`agenda/iaas\`](${ALL}).`,
    );

    // Nothing is lost from Docket's own state: every topic is remembered, with when it joined the queue.
    const all = [...agenda.scheduled, ...agenda.waiting];
    expect(readState(body)).toEqual({
      scheduled: agenda.scheduled.map((s) => s.topic.id),
      waiting: agenda.waiting.map((w) => w.topic.id),
      queuedAt: Object.fromEntries(all.map((c) => [c.topic.id, new Date(Date.parse(c.queuedAt)).toISOString()])),
    });
  });

  it("is deterministic: the same inputs give the same text", () => {
    expect(fitToLimit(input(flood(400)), meetingBody)).toBe(fitToLimit(input(flood(400)), meetingBody));
  });

  it("shortens titles before it leaves topics out: 60 long titles fit once shortened", () => {
    const body = fitToLimit(input(flood(60)), meetingBody)!;
    expect(characters(meetingBody(input(flood(60))))).toBeGreaterThan(MAX_BODY);
    expect(characters(body)).toBeLessThanOrEqual(MAX_BODY);
    expect(body).not.toContain("not listed here");
    expect(body).toContain("54. [sovereign/infra#60 ");
  });

  it("people's text outside the markers counts and is never changed: the sections get what remains", () => {
    const notes = `Notes from people.\n\n${"n".repeat(40_000)}\n`;
    const existing = `${notes}\n${merge("")(input(flood(8, "Ceph upgrade")))}\n\n## After the sections\n\nmore notes by people\n`;
    const body = fitToLimit(input(flood(400)), merge(existing))!;
    expect(characters(body)).toBeLessThanOrEqual(MAX_BODY);
    expect(body.startsWith(notes)).toBe(true);
    expect(body.endsWith("\n\n## After the sections\n\nmore notes by people\n")).toBe(true);
    expect(readSection(body, WAITING_SECTION)).toMatch(/\*\*\d+ more topics are waiting\*\*/);
    // Less room than with no notes: fewer topics listed.
    const alone = fitToLimit(input(flood(400)), merge(""))!;
    const count = (b: string) => (readSection(b, WAITING_SECTION)!.match(/^\d+\. /gm) ?? []).length;
    expect(count(body)).toBeLessThan(count(alone));
  });

  it("when people's text leaves no room even for an agenda that lists nothing: null (write nothing)", () => {
    const existing = `${"n".repeat(MAX_BODY - 100)}\n`;
    expect(fitToLimit(input(flood(400)), merge(existing))).toBeNull();
  });

  it("lists fewer agenda topics too when even those do not fit, and says how many more are on the agenda", () => {
    // A long day of 1-minute topics: 300 scheduled.
    const scheduled: ScheduledTopic[] = Array.from({ length: 300 }, (_, i) => ({
      topic: topic(i + 1, "<".repeat(256)),
      minutes: 1,
      estimateSource: "label",
      queuedAt: "2025-01-02T10:00:00Z",
      offset: i,
      day: 0,
    }));
    const agenda: Agenda = { slots: [{ capacity: 300 }], used: [300], scheduled, waiting: [] };
    const body = fitToLimit(input(agenda), meetingBody)!;
    expect(characters(body)).toBeLessThanOrEqual(MAX_BODY);
    const section = readSection(body, AGENDA_SECTION)!;
    const rows = (section.match(/^\| \d+ \|/gm) ?? []).length;
    expect(rows).toBeGreaterThan(100);
    expect(rows).toBeLessThan(300);
    expect(section).toContain(`**${300 - rows} more topics are on the agenda**, not listed here`);
    expect(section).toContain("Planned: 5h of 5h.");
    expect(readState(body)!.scheduled).toHaveLength(300);
  });

  it("counts characters as GitHub does: code points (emoji titles are not cut more than needed)", () => {
    const body = fitToLimit(input(flood(400, "😀".repeat(256))), meetingBody)!;
    expect(characters(body)).toBeLessThanOrEqual(MAX_BODY);
    expect(body).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no emoji cut in half
  });
});
