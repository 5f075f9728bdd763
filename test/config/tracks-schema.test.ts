import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load.js";
import { seriesSchema } from "../../src/config/schema.js";
import { resolveTracks } from "../../src/domain/tracks.js";

const event = (tracks: unknown[], extra: Record<string, unknown> = {}) => ({
  title: "PTG",
  event: { from: "2026-04-06", to: "2026-04-08", start: "09:00", "daily-budget": "4h", tracks, ...extra },
});
/** The event `ptg` as lines of a configuration file (under `meetings:`), with `tracks` (YAML list items). */
const ptgLines = (tracks: string[]) => [
  "  ptg:",
  "    title: PTG",
  "    event:",
  "      from: 2026-04-06",
  "      to: 2026-04-08",
  "      start: '09:00'",
  "      daily-budget: 4h",
  "      tracks:",
  ...tracks.map((t) => `        - ${t}`),
];
const problems = (input: unknown) => {
  const r = seriesSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("tracks in the configuration", () => {
  it("fills a track's label, room, days and budget from the event", () => {
    const s = seriesSchema.parse(event([{ id: "edge", title: "Edge computing" }]));
    expect(resolveTracks("ptg", s.event!)).toEqual([
      expect.objectContaining({ id: "edge", label: "ptg/edge", room: "Edge computing", total: null, issue: false, chairs: [], getInvolved: [] }),
    ]);
    expect(resolveTracks("ptg", s.event!)[0]!.days.map((d) => [d.date, d.from, d.capacity])).toEqual([
      ["2026-04-06", 0, 240],
      ["2026-04-07", 0, 240],
      ["2026-04-08", 0, 240],
    ]);
  });

  it("reads a total in the track's days: 1d4h with a 4h day is 8 hours, 1.5d with a 3h day is 4h30m", () => {
    const s = seriesSchema.parse(
      event([
        { id: "edge", title: "Edge", total: "1d4h" },
        { id: "nova", title: "Nova", total: "1.5d", "daily-budget": "3h", start: "10:30", days: ["2026-04-07"], room: "Room 2" },
      ]),
    );
    const [edge, nova] = resolveTracks("ptg", s.event!, 15);
    expect(edge!.total).toBe(480);
    expect(nova).toMatchObject({ total: 270, room: "Room 2", days: [{ day: 1, date: "2026-04-07", from: 90 + 15, capacity: 180 - 15 }] });
  });

  it("refuses a total that is not one, with the example", () => {
    expect(problems(event([{ id: "edge", title: "Edge", total: "soon" }]))).toEqual([
      'event.tracks.0.total: expected a total such as 1d4h (a day here is one of the track\'s days, its daily budget), 1.5d or 6h, got "soon"',
    ]);
  });

  it("refuses a track id twice, one label for two tracks, and a day the event does not have", () => {
    expect(
      problems(
        event([
          { id: "edge", title: "Edge", label: "Edge" },
          { id: "edge", title: "Edge 2" },
          { id: "nova", title: "Nova", label: "edge", days: ["2026-04-09"] },
        ]),
      ),
    ).toEqual([
      "event.tracks.1.id: expected each track id once, got `edge` twice",
      "event.tracks.2.label: expected each track's own label, got `edge`, the label of track `edge` too",
      "event.tracks.2.days.0: expected one of the event's days (2026-04-06 to 2026-04-08, Monday to Friday), got 2026-04-09",
    ]);
  });

  it("refuses a chair that is not a GitHub login and get-involved lines with line breaks", () => {
    expect(problems(event([{ id: "edge", title: "Edge", chairs: ["not a login"], "get-involved": ["a\nb"] }])).map((p) => p.split(":")[0])).toEqual([
      "event.tracks.0.chairs.0",
      "event.tracks.0.get-involved.0",
    ]);
  });

  it("refuses a track whose label, its default `<event id>/<track id>` included, is longer than GitHub's 50 characters", () => {
    const sid = "a".repeat(30);
    const text = [
      "meetings:",
      `  ${sid}:`,
      "    title: PTG",
      "    event:",
      "      { from: 2026-04-06, to: 2026-04-08, start: '09:00', daily-budget: 4h, tracks: [",
      `        { id: ${"b".repeat(20)}, title: Long default },`,
      `        { id: c, title: Short, label: ${sid}/c },`,
      `        { id: ${"d".repeat(20)}, title: Own label, label: ptg/d }] }`,
    ].join("\n");
    const result = parseConfigText(text);
    expect(result.ok ? [] : result.problems.map((p) => `${p.line} ${p.path}: ${p.message}`)).toEqual([
      `6 meetings.${sid}.event.tracks[0]: expected a track label of at most 50 characters (GitHub's limit), got its default \`${sid}/${"b".repeat(20)}\` (51): give the track a shorter \`label\``,
    ]);
  });

  it("refuses a track label that is another track's default label: that track's topics would all be joint sessions", () => {
    const text = ["meetings:", ...ptgLines(["{ id: a, title: A, label: PTG/b }", "{ id: b, title: B }"])].join("\n");
    const result = parseConfigText(text);
    expect(result.ok ? [] : result.problems.map((p) => `${p.line} ${p.path}: ${p.message}`)).toEqual([
      "10 meetings.ptg.event.tracks[0].label: expected each track's own label, got `PTG/b`, the default label of track `b` too (`ptg/b`)",
    ]);
  });

  it("warns when a track's label is another series' label, another event's track label or the backlog's", () => {
    const text = [
      "backlog: { label: ptg/ideas }",
      "meetings:",
      "  iaas: { title: IaaS, cadence: weekly, day: monday, time: '14:00', label: ptg/edge }",
      ...ptgLines(["{ id: edge, title: Edge }", "{ id: ideas, title: Ideas }"]),
      "  forum:",
      "    title: Forum",
      "    event: { from: 2026-05-04, to: 2026-05-04, start: '09:00', daily-budget: 4h, tracks: [{ id: a, title: A, label: ptg/ideas }] }",
    ].join("\n");
    const result = parseConfigText(text);
    expect(result.ok && result.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      "meetings.ptg.event.tracks[0]: label `ptg/edge` is also the label of meetings.iaas: its issues would be topics of both",
      "meetings.forum.event.tracks[0].label: label `ptg/ideas` is also the label of meetings.ptg.event.tracks[1]: its issues would be topics of both",
      "backlog.label: label `ptg/ideas` is also the label of meetings.ptg.event.tracks[1]: its issues would be both ideas and topics",
    ]);
  });
});
