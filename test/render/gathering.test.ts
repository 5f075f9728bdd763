/**
 * The event issue of a multi-track gathering as its readers see it: one grid per day (read with
 * parse5, the HTML parser browsers' rules come from, so spans are laid out as GitHub shows them),
 * a gantt per day with one section per room, each track's waiting list with its reasons, a track's
 * own issue, hostile titles, and the body kept under GitHub's limit.
 */
import { parseFragment, type DefaultTreeAdapterTypes as T } from "parse5";
import { describe, expect, it } from "vitest";
import { characters, MAX_BODY } from "../../src/domain/limits.js";
import { eventDays } from "../../src/domain/schedule.js";
import type { Gathering, Session, TrackSpec, TrackWaiting, TrackWaitingReason } from "../../src/domain/tracks.js";
import type { Topic } from "../../src/domain/types.js";
import { htmlText } from "../../src/render/escape.js";
import { fitGathering, scheduleSection, trackIssueSections, trackWaitingSection, type GatheringRenderInput } from "../../src/render/gathering.js";
import { mergeSections, readSection, readState } from "../../src/render/markers.js";
import { topic as sharedTopic } from "../helpers/topics.js";

const Z = "\u200B";
const REPO = "openinfra/ptg";

function topic(number: number, title: string, author = "alice"): Topic {
  return sharedTopic({ id: `I_kwDOptg${String(number).padStart(6, "0")}`, repo: REPO, number, title, author, createdAt: "2025-03-01T10:00:00Z" });
}

const days = eventDays({ from: "2025-04-07", to: "2025-04-09", start: "09:00", timezone: "Europe/Berlin", weekdays: true });

function track(id: string, title: string, room: string, dayIdx: readonly number[] = [0, 1, 2], extra: Partial<TrackSpec> = {}): TrackSpec {
  return {
    id,
    title,
    room,
    label: `ptg/${id}`,
    days: dayIdx.map((d) => ({ day: d, date: days[d]!.date, from: 0, capacity: 240 })),
    total: null,
    chairs: [],
    issue: false,
    getInvolved: [],
    ...extra,
  };
}

const edge = track("edge", "Edge", "Room A");
const tripleo = track("tripleo", "TripleO", "Room B");
const nova = track("nova", "Nova", "Nova");
const tracks = [edge, tripleo, nova];

function session(t: Topic, tracksOf: string[], day: number, offset: number, minutes: number): Session {
  return { topic: t, minutes, estimateSource: "label", queuedAt: "2025-03-01T10:00:00.000Z", tracks: tracksOf, day, date: days[day]!.date, offset };
}

function waiting(t: Topic, tracksOf: string[], minutes: number, reason: TrackWaitingReason): Omit<TrackWaiting, "position"> {
  return { topic: t, minutes, estimateSource: "label", queuedAt: "2025-03-02T10:00:00.000Z", tracks: tracksOf, reason };
}

/** A gathering as packing hands it over: per track, each session and waiting topic once. */
function gatheringOf(specs: readonly TrackSpec[], sessions: Session[], waits: Array<Omit<TrackWaiting, "position">> = []): Gathering {
  const listed = waits.map((w, i) => ({ ...w, position: i + 1 }));
  const sorted = [...sessions].sort((a, b) => a.day - b.day || a.offset - b.offset);
  return {
    tracks: specs.map((t) => {
      const own = sorted.filter((s) => s.tracks.includes(t.id));
      return {
        track: t,
        sessions: own,
        waiting: listed.filter((w) => w.tracks.includes(t.id)),
        used: t.days.map((d) => own.filter((s) => s.day === d.day).reduce((n, s) => n + s.minutes, 0)),
      };
    }),
    sessions: sorted,
    waiting: listed,
  };
}

function input(gathering: Gathering, extra: Partial<GatheringRenderInput> = {}): GatheringRenderInput {
  return { seriesId: "ptg", title: "PTG", days, timezone: "Europe/Berlin", gathering, tracks, ...extra };
}

// ---------------------------------------------------------------------------
// Reading a grid as a browser lays it out.

interface Cell {
  text: string;
  rowspan: number;
  colspan: number;
  links: string[];
}

function children(node: T.ParentNode): T.ChildNode[] {
  return node.childNodes;
}

function isElement(node: T.ChildNode, tag?: string): node is T.Element {
  return "tagName" in node && (tag === undefined || node.tagName === tag);
}

function textOf(node: T.ParentNode): string {
  return children(node)
    .map((c) => (c.nodeName === "#text" ? (c as T.TextNode).value : isElement(c, "br") ? " / " : isElement(c) ? textOf(c) : ""))
    .join("");
}

function linksOf(node: T.ParentNode): string[] {
  return children(node).flatMap((c) => (isElement(c, "a") ? [c.attrs.find((a) => a.name === "href")?.value ?? ""] : isElement(c) ? linksOf(c) : []));
}

function elements(node: T.ParentNode, tag: string): T.Element[] {
  return children(node).flatMap((c) => (isElement(c) ? (c.tagName === tag ? [c] : elements(c, tag)) : []));
}

/** Every table in the text, each as the rows a reader sees: a spanned cell in every place it covers (the same object). */
function grids(markdown: string): Cell[][][] {
  return elements(parseFragment(markdown), "table").map((table) => {
    const out: Cell[][] = [];
    elements(table, "tr").forEach((tr, r) => {
      out[r] ??= [];
      let c = 0;
      for (const td of children(tr).filter((n): n is T.Element => isElement(n, "td") || isElement(n, "th"))) {
        while (out[r]![c] !== undefined) c++;
        const attr = (name: string) => Number(td.attrs.find((a) => a.name === name)?.value ?? "1");
        const cell: Cell = { text: textOf(td), rowspan: attr("rowspan"), colspan: attr("colspan"), links: linksOf(td) };
        for (let dr = 0; dr < cell.rowspan; dr++) for (let dc = 0; dc < cell.colspan; dc++) (out[r + dr] ??= [])[c + dc] = cell;
        c += cell.colspan;
      }
    });
    return out;
  });
}

const texts = (grid: Cell[][]) => grid.map((row) => row.map((cell) => cell?.text ?? "(none)"));

/** The part of a section from a day's heading to the next day's. */
function dayPart(section: string, day: number): string {
  const from = section.indexOf(`### Day ${day} — `);
  const next = section.indexOf(`### Day ${day + 1} — `);
  return section.slice(from, next < 0 ? undefined : next);
}

// ---------------------------------------------------------------------------

describe("scheduleSection: the grid", () => {
  const keynote = topic(1, "Edge and TripleO: shared CI");
  const image = topic(2, "Image building");
  const quota = topic(3, "Unified quota");
  const ci = topic(4, "Zuul jobs");
  const g = gatheringOf(tracks, [
    session(image, ["edge"], 0, 0, 60),
    session(quota, ["nova"], 0, 0, 30),
    session(keynote, ["edge", "tripleo"], 0, 60, 90), // adjacent columns: one cell across both
    session(ci, ["edge", "nova"], 0, 150, 30), // Edge and Nova are not side by side
  ]);

  it("one row per interval between the day's times, one column per room; a session spans its time and, joint, its adjacent columns", () => {
    const section = scheduleSection(input(g, { pads: { [keynote.id]: "https://pad.example.org/p/keynote" } }));
    const day1 = dayPart(section, 1);
    expect(day1).toContain("### Day 1 — Monday, 7 April 2025");
    const [grid, ...others] = grids(day1);
    expect(others).toEqual([]);
    const k = `${REPO}#1 Edge and TripleO: shared CI / 1h30m · 📝 notes / joint session`;
    expect(texts(grid!)).toEqual([
      ["Time", "Room A — Edge", "Room B — TripleO", "Nova"],
      ["09:00–09:30", `${REPO}#2 Image building / 1h`, "", `${REPO}#3 Unified quota / 30m`],
      ["09:30–10:00", `${REPO}#2 Image building / 1h`, "", ""],
      ["10:00–11:30", k, k, ""],
      ["11:30–12:00", `${REPO}#4 Zuul jobs / 30m / joint with Nova`, "", `${REPO}#4 Zuul jobs / 30m / joint with Edge`],
    ]);
    const joint = grid![3]![1]!;
    expect(joint).toBe(grid![3]![2]); // one cell, not two
    expect([joint.rowspan, joint.colspan]).toEqual([1, 2]);
    expect([grid![1]![1]!.rowspan, grid![1]![1]!.colspan]).toEqual([2, 1]);
    expect(joint.links).toEqual([`https://github.com/${REPO}/issues/1`, "https://pad.example.org/p/keynote"]);
    expect(grid![4]![1]).not.toBe(grid![4]![3]); // not side by side: a cell in each column
  });

  it("puts the table in one HTML block (no blank line inside, so GitHub reads it as HTML) with Markdown around it", () => {
    const section = scheduleSection(input(g));
    const table = section.slice(section.indexOf("<table>"), section.indexOf("</table>"));
    expect(table).not.toMatch(/\n\s*\n/);
    expect(section).toMatch(/<\/table>\n\n```mermaid/);
  });

  it("a joint session of three tracks whose columns are not all side by side: one cell over the adjacent pair, one in the other", () => {
    const neutron = track("neutron", "Neutron", "Room N");
    const order = [edge, nova, tripleo, neutron]; // Edge | Nova | TripleO | Neutron
    const three = topic(9, "Release plan");
    const section = scheduleSection(
      input(gatheringOf(order, [session(three, ["edge", "nova", "neutron"], 0, 0, 60), session(topic(10, "Later"), ["nova"], 0, 60, 30)]), { tracks: order }),
    );
    const [grid] = grids(dayPart(section, 1));
    expect(texts(grid!)[1]).toEqual([
      "09:00–10:00",
      `${REPO}#9 Release plan / 1h / joint with Neutron`,
      `${REPO}#9 Release plan / 1h / joint with Neutron`,
      "",
      `${REPO}#9 Release plan / 1h / joint with Edge and Nova`,
    ]);
    expect(grid![1]![1]).toBe(grid![1]![2]);
    expect(grid![1]![1]!.colspan).toBe(2);
  });

  it("shows the columns of the tracks that run on a day only", () => {
    const late = track("late", "Late track", "Room L", [1]);
    const section = scheduleSection(
      input(gatheringOf([edge, late], [session(topic(5, "A"), ["edge"], 0, 0, 30), session(topic(6, "B"), ["late"], 1, 0, 30)]), { tracks: [edge, late] }),
    );
    expect(texts(grids(dayPart(section, 1))[0]!)[0]).toEqual(["Time", "Room A — Edge"]);
    expect(texts(grids(dayPart(section, 2))[0]!)[0]).toEqual(["Time", "Room A — Edge", "Room L — Late track"]);
    expect(dayPart(section, 3)).toContain("Nothing planned for this day yet.");
  });

  it("a session that overlaps another in its room (a plan the grid cannot draw) is listed under the grid, not lost", () => {
    const clash = topic(12, "Clash");
    const section = scheduleSection(input(gatheringOf(tracks, [session(topic(5, "First"), ["edge"], 0, 0, 60), session(clash, ["edge", "nova"], 0, 30, 60)])));
    expect(texts(grids(section)[0]!).slice(1).flat().join(" ")).not.toContain("Clash");
    expect(section).toContain(
      `Also planned, overlapping another session in the same room:\n- 09:30–10:30 Edge and Nova: [${REPO}#12 Clash](https://github.com/${REPO}/issues/12), 1h`,
    );
    expect(section).toContain("Clash :09:30, 60m"); // the gantt draws overlaps as they are
  });

  it("a session on a day the event no longer has is still shown, with its date", () => {
    const section = scheduleSection(
      input(
        gatheringOf(tracks, [
          session(topic(5, "Kept"), ["edge"], 0, 0, 30),
          { ...session(topic(6, "Orphan"), ["edge"], 0, 0, 30), day: 7, date: "2025-04-16" },
        ]),
      ),
    );
    expect(section).toContain(`Planned on a day the event no longer has:\n- 2025-04-16, Edge: [${REPO}#6 Orphan](https://github.com/${REPO}/issues/6), 30m`);
  });

  it("a gantt per day with one section per room, a joint session in each of its rooms", () => {
    const section = scheduleSection(input(g));
    const gantt = dayPart(section, 1).split("```mermaid")[1]!.split("```")[0]!;
    expect(
      gantt
        .trim()
        .split("\n")
        .map((l) => l.trim()),
    ).toEqual([
      "gantt",
      "dateFormat HH:mm",
      "axisFormat %H:%M",
      "todayMarker off",
      "section Room A",
      "Image building :09:00, 60m",
      "Edge and TripleO#58; shared CI :10:00, 90m",
      "Zuul jobs :11:30, 30m",
      "section Room B",
      "Edge and TripleO#58; shared CI :10:00, 90m",
      "section Nova",
      "Unified quota :09:00, 30m",
      "Zuul jobs :11:30, 30m",
    ]);
  });

  it("says what each track planned on the day, and of its total; and days with nothing", () => {
    const capped = { ...edge, total: 480 };
    const section = scheduleSection(input(gatheringOf([capped, tripleo, nova], g.sessions), { tracks: [capped, tripleo, nova] }));
    expect(dayPart(section, 1)).toContain(
      [
        "- **Edge** — Planned: 3h of 4h; 3h of its total of 8h over all its days.",
        "- **TripleO** — Planned: 1h30m of 4h.",
        "- **Nova** — Planned: 1h of 4h.",
      ].join("\n"),
    );
    expect(dayPart(section, 2)).toContain("### Day 2 — Tuesday, 8 April 2025\n\nNothing planned for this day yet.");
  });

  it("ends with the state line the workflow reads back: every session with its day and offset, then who waits", () => {
    const w = gatheringOf(tracks, g.sessions, [waiting(topic(7, "Waits"), ["edge"], 30, "no-room")]);
    const body = mergeSections("Notes people wrote.\n", [{ name: "agenda", content: scheduleSection(input(w)) }]).body;
    expect(readState(body)).toEqual({
      scheduled: ["I_kwDOptg000002", "I_kwDOptg000003", "I_kwDOptg000001", "I_kwDOptg000004"],
      waiting: ["I_kwDOptg000007"],
      queuedAt: {
        I_kwDOptg000001: "2025-03-01T10:00:00.000Z",
        I_kwDOptg000002: "2025-03-01T10:00:00.000Z",
        I_kwDOptg000003: "2025-03-01T10:00:00.000Z",
        I_kwDOptg000004: "2025-03-01T10:00:00.000Z",
        I_kwDOptg000007: "2025-03-02T10:00:00.000Z",
      },
      plan: {
        I_kwDOptg000002: { date: "2025-04-07", offset: 0 },
        I_kwDOptg000003: { date: "2025-04-07", offset: 0 },
        I_kwDOptg000001: { date: "2025-04-07", offset: 60 },
        I_kwDOptg000004: { date: "2025-04-07", offset: 150 },
      },
      // Each session's tracks, so the next packing sees a topic that joined a track (../domain/tracks.ts).
      tracks: { I_kwDOptg000001: ["edge", "tripleo"], I_kwDOptg000002: ["edge"], I_kwDOptg000003: ["nova"], I_kwDOptg000004: ["edge", "nova"] },
    });
  });

  it("with nothing planned: how to propose a topic, with every track's label", () => {
    const section = scheduleSection(input(gatheringOf(tracks, [])));
    expect(section).toContain(
      "No sessions yet — label an issue with a track's label: `ptg/edge` (Edge), `ptg/tripleo` (TripleO), `ptg/nova` (Nova); a topic with two or more track labels is a joint session of those tracks.",
    );
    expect(section).not.toContain("<table>");
  });

  it("on the day summer time begins, times are the local clock: 90 minutes after 01:00 is 03:30", () => {
    const dstDays = eventDays({ from: "2025-03-30", to: "2025-03-30", start: "01:00", timezone: "Europe/Berlin", weekdays: false });
    const t = { ...edge, days: [{ day: 0, date: "2025-03-30", from: 0, capacity: 240 }] };
    const s = { ...session(topic(8, "Night owls"), ["edge"], 0, 90, 60), date: "2025-03-30" };
    const section = scheduleSection({ ...input(gatheringOf([t], [session(topic(11, "First"), ["edge"], 0, 0, 60), s]), { tracks: [t], days: dstDays }) });
    expect(section).toContain("### Day 1 — Sunday, 30 March 2025");
    expect(texts(grids(section)[0]!).map((r) => r[0])).toEqual(["Time", "01:00–03:00", "03:00–03:30", "03:30–04:30"]);
    expect(section).toContain("Night owls :03:30, 60m");
  });
});

describe("hostile titles", () => {
  const hostile = "</td></tr></table><script>alert(1)</script><!-- docket:end agenda --> @mallory & *bold*";
  const t = topic(66, hostile, "mallory");
  const g = gatheringOf(tracks, [session(t, ["edge", "tripleo"], 0, 0, 30)], [waiting(topic(67, hostile), ["nova"], 30, "no-room")]);

  it("cannot leave their cell, open a tag or comment, end Docket's section, or ping anybody", () => {
    const body = mergeSections(
      "Before\n\n<!-- docket:begin agenda -->\n<!-- docket:end agenda -->\n\n<!-- docket:begin waiting-list -->\n<!-- docket:end waiting-list -->\n\nAfter, people's notes.\n",
      [
        { name: "agenda", content: scheduleSection(input(g)) },
        { name: "waiting-list", content: trackWaitingSection(input(g)) },
      ],
    ).body;
    expect(body.endsWith("After, people's notes.\n")).toBe(true);
    const section = readSection(body, "agenda")!;
    expect(readState(body)?.scheduled).toEqual([t.id]);
    const [grid] = grids(section);
    expect(texts(grid!)).toEqual([
      ["Time", "Room A — Edge", "Room B — TripleO", "Nova"],
      [
        "09:00–09:30",
        `${REPO}#66 ${hostile.replace("@", `@${Z}`)} / 30m / joint session`,
        `${REPO}#66 ${hostile.replace("@", `@${Z}`)} / 30m / joint session`,
        "",
      ],
    ]);
    expect(elements(parseFragment(section), "script")).toEqual([]);
    expect(section).toMatch(/^- \*\*Edge\*\* — Planned: 30m of 4h\.$/m); // what follows the table is still Markdown
    expect(section).not.toMatch(/<script|<!-- docket:end agenda -->.*@mallory/);
    expect(readSection(body, "waiting-list")).toContain("&lt;/td&gt;");
  });

  it("a room or track called like markup stays text in the header, the gantt and the headings", () => {
    const evil = track("evil", "<b>Evil</b> @team", "</th></tr><!-- docket:state {} -->");
    const g2 = gatheringOf([evil], [session(topic(70, "Fine"), ["evil"], 0, 0, 30)], [waiting(topic(71, "W"), ["evil"], 30, "no-room")]);
    const section = scheduleSection(input(g2, { tracks: [evil] }));
    expect(texts(grids(section)[0]!)[0]).toEqual(["Time", `</th></tr><!-- docket:state {} --> — <b>Evil</b> @${Z}team`]);
    expect(section.match(/<!--\s*docket:state/g)).toHaveLength(1);
    expect(readState(mergeSections("", [{ name: "agenda", content: section }]).body)?.scheduled).toEqual(["I_kwDOptg000070"]);
    expect(section).toContain("    section #60;/th#62;#60;/tr#62;#60;#33;-#45; docket#58;state #123;#125; -#45;#62;\n");
    expect(trackWaitingSection(input(g2, { tracks: [evil] }))).toContain(
      `### &lt;b&gt;Evil&lt;/b&gt; @${Z}team (&lt;/th&gt;&lt;/tr&gt;&lt;!-- docket:state {} --&gt;)`,
    );
  });

  it("htmlText escapes for HTML text and attributes, and cuts only between whole entities", () => {
    expect(htmlText(`a"b'c<d>e&f @x`)).toBe(`a&quot;b&#39;c&lt;d&gt;e&amp;f @${Z}x`);
    expect(htmlText("<<<<<", undefined, 10)).toBe("&lt;&lt;…");
  });
});

describe("trackWaitingSection", () => {
  const capped = { ...track("edge", "Edge", "Room A"), total: 480 };
  const specs = [capped, tripleo, nova];
  const g = gatheringOf(
    specs,
    [session(topic(1, "Long one"), ["edge"], 0, 0, 240), session(topic(2, "Another"), ["edge"], 1, 0, 200)],
    [
      waiting(topic(10, "Cross-project CI", "bob"), ["edge", "tripleo"], 60, "no-common-slot"),
      waiting(topic(11, "Everything at once"), ["tripleo"], 300, "too-long"),
      waiting(topic(12, "More edge"), ["edge"], 60, "over-total"),
      waiting(topic(13, "Full"), ["tripleo"], 30, "no-room"),
    ],
  );

  it("lists each track's waiting topics in its order, with why each waits; a joint topic on each of its tracks' lists", () => {
    const section = trackWaitingSection(input(g, { tracks: specs }));
    const link = (n: number, title: string) => `[${REPO}#${n} ${title}](https://github.com/${REPO}/issues/${n})`;
    expect(section).toBe(
      [
        "## Waiting list",
        "These topics did not fit. Each moves onto the schedule on its own when room frees up.",
        "### Edge (Room A)",
        [
          `1. ${link(10, "Cross-project CI")} by [bob](https://github.com/bob), 1h — no common free slot for edge and tripleo on any day`,
          `2. ${link(12, "More edge")} by [alice](https://github.com/alice), 1h — over Edge's total of 8h`,
        ].join("\n"),
        "### TripleO (Room B)",
        [
          `1. ${link(10, "Cross-project CI")} by [bob](https://github.com/bob), 1h — no common free slot for edge and tripleo on any day`,
          `2. ${link(11, "Everything at once")} by [alice](https://github.com/alice), 5h — longer than any day of TripleO (5h > 4h); split it or lower its estimate`,
          `3. ${link(13, "Full")} by [alice](https://github.com/alice), 30m — no room left in TripleO`,
        ].join("\n"),
        "### Nova",
        "Nobody is waiting.",
      ].join("\n\n"),
    );
  });

  it("a gathering where nobody waits says so once", () => {
    expect(trackWaitingSection(input(gatheringOf(tracks, [])))).toBe("## Waiting list\n\nNobody is waiting.");
  });
});

describe("trackIssueSections", () => {
  const g = gatheringOf(
    tracks,
    [
      session(topic(1, "Image building"), ["edge"], 0, 0, 60),
      session(topic(2, "Shared CI"), ["edge", "nova"], 0, 60, 30),
      session(topic(3, "Quota"), ["nova"], 1, 0, 30),
    ],
    [waiting(topic(4, "Later"), ["edge"], 30, "no-room")],
  );

  it("holds only the track's sessions, joint ones marked, and its own waiting list; no state line", () => {
    const chaired = { ...edge, chairs: ["carol"] };
    const { schedule, waiting: list } = trackIssueSections(
      input(g, { tracks: [chaired, tripleo, nova], pads: { I_kwDOptg000002: "https://pad.example.org/p/ci" } }),
      "edge",
    );
    expect(schedule).toContain("**Room:** Room A · **Chairs:** [carol](https://github.com/carol)");
    expect(dayPart(schedule, 1)).toContain(
      [
        "| Time | Topic | Estimate | Notes |",
        "| :-: | --- | -: | --- |",
        `| 09:00–10:00 | [${REPO}#1 Image building](https://github.com/${REPO}/issues/1) | 1h |  |`,
        `| 10:00–10:30 | [${REPO}#2 Shared CI](https://github.com/${REPO}/issues/2) — joint with Nova | 30m | [📝 notes](https://pad.example.org/p/ci) |`,
        "",
        "Planned: 1h30m of 4h.",
      ].join("\n"),
    );
    expect(schedule).not.toContain("Quota");
    expect(dayPart(schedule, 2)).toContain("Nothing planned for this day yet.");
    expect(schedule).not.toContain("docket:state");
    expect(list).toBe(
      `## Waiting list\n\n1. [${REPO}#4 Later](https://github.com/${REPO}/issues/4) by [alice](https://github.com/alice), 30m — no room left in Edge`,
    );
  });

  it("says clearly when the track does not exist", () => {
    expect(() => trackIssueSections(input(g), "neutron")).toThrow('no track "neutron" in this gathering (tracks: edge, tripleo, nova)');
  });
});

describe("fitGathering", () => {
  const ALL = "https://github.com/search?q=label%3Aptg%2Fedge&type=issues";

  /** Short ids, as in agenda-fit.test.ts: with GitHub's node ids the state line of 2,000 sessions alone passes the limit. */
  const short = (t: Topic, n: number): Topic => ({ ...t, id: `I_${n}` });

  /** 2,000 sessions over ten tracks and three days, titles of 200 `<`; 300 topics waiting. */
  function crowd(): Gathering {
    const many = Array.from({ length: 10 }, (_, i) => ({
      ...track(`t${i}`, `Track ${i}`, `Room ${i}`),
      days: days.map((d) => ({ day: d.index, date: d.date, from: 0, capacity: 24 * 60 })),
    }));
    const sessions: Session[] = [];
    for (let n = 0; n < 2000; n++) {
      const tr = n % 10;
      const slot = Math.floor(n / 10); // 200 per track: 67 a day, 10 minutes each
      const joint = tr % 2 === 0 && slot % 5 === 0 ? [`t${tr}`, `t${tr + 1}`] : [`t${tr}`];
      if (joint.length === 1 && tr % 2 === 1 && slot % 5 === 0) continue; // the odd track of a joint pair is busy then
      sessions.push(session(short(topic(n + 1, "<".repeat(200)), n + 1), joint, Math.floor(slot / 67), (slot % 67) * 10, 10));
    }
    const waits = Array.from({ length: 300 }, (_, i) => waiting(short(topic(5000 + i, "<".repeat(200)), 5000 + i), [`t${i % 10}`], 10, "no-room"));
    return gatheringOf(many, sessions, waits);
  }

  it("2,000 sessions: a body within 65,536 characters that lists what fits, counts the rest, and keeps every session in the state", () => {
    const g = crowd();
    const inp = input(g, { tracks: g.tracks.map((t) => t.track), allTopicsUrl: ALL });
    const compose = (i: GatheringRenderInput) =>
      mergeSections("People's text.\n", [
        { name: "agenda", content: scheduleSection(i) },
        { name: "waiting-list", content: trackWaitingSection(i) },
      ]).body;
    expect(characters(compose(inp))).toBeGreaterThan(MAX_BODY);
    const body = fitGathering(inp, compose)!;
    expect(body).not.toBeNull();
    expect(characters(body)).toBeLessThanOrEqual(MAX_BODY);
    expect(body.startsWith("People's text.\n")).toBe(true);
    const section = readSection(body, "agenda")!;
    const listed = grids(section).reduce((n, grid) => n + new Set(grid.slice(1).flatMap((row) => row.slice(1).filter((c) => c.text !== ""))).size, 0);
    expect(listed).toBeGreaterThan(0);
    const sessionsListed = new Set(grids(section).flatMap((grid) => grid.slice(1).flatMap((row) => row.slice(1).flatMap((c) => c.links)))).size;
    expect(section).toContain(
      `**${g.sessions.length - sessionsListed} more topics are on the schedule**, not listed here: GitHub allows an issue 65,536 characters. See [all topics of this gathering](${ALL}).`,
    );
    expect(readSection(body, "waiting-list")).toContain("more topics are waiting**");
    expect(readState(body)?.scheduled).toHaveLength(g.sessions.length);
    expect(readState(body)?.waiting).toHaveLength(300);
  });

  it("leaves a gathering that fits as it is", () => {
    const g = gatheringOf(tracks, [session(topic(1, "Small"), ["edge"], 0, 0, 30)]);
    expect(fitGathering(input(g), scheduleSection)).toBe(scheduleSection(input(g)));
  });
});
