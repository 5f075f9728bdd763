import { describe, expect, it } from "vitest";
import { mergeNotes, notesAreaText, notesHeadings, padSection, padSkeleton, readHeading, readPadState } from "../../src/render/notes.js";

const HOME = "acme/meetings";
const t = (number: number, title: string, repo = HOME) => ({ repo, number, title });
const heads = (topics: ReturnType<typeof t>[], recurring: string[] = []) => notesHeadings(recurring, topics, HOME);

describe("notesHeadings", () => {
  it("writes one heading per recurring item, then per topic; #N at home, owner/repo#N elsewhere", () => {
    expect(heads([t(12, "Flavor naming"), t(3, "Docs", "acme/infra")], ["Who presents?"]).map((h) => h.line)).toEqual([
      "### Who presents?",
      "### #12 Flavor naming",
      "### acme/infra#3 Docs",
    ]);
  });

  it("skips drafts and repeats, and escapes titles so they stay one heading", () => {
    const lines = notesHeadings([], [{ repo: "", number: null, title: "draft" }, t(1, "a\n### b <!-- x -->"), t(1, "again")], HOME).map((h) => h.line);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^### #1 a ### b /);
    expect(lines[0]).not.toContain("<!--");
  });
});

describe("mergeNotes", () => {
  it("opens a notes area with the headings, a blank line between them", () => {
    expect(mergeNotes(null, heads([t(1, "A"), t(2, "B")], ["Intro"]), HOME)).toBe("### Intro\n\n### #1 A\n\n### #2 B");
  });

  it("changes nothing when every heading is there, whatever people wrote", () => {
    const typed =
      "Preamble  \n\n### Intro\n- hi\n\n### #1 A (renamed by hand)\n\tcode-ish\n```\n### #2 not a heading in code\n```\n### #2 B\nDecision: yes   \n\n\n";
    expect(mergeNotes(typed, heads([t(1, "A"), t(2, "B")], ["Intro"]), HOME)).toBe(typed);
  });

  it("appends the heading of a topic added later without touching typed text", () => {
    const typed = "### #1 A\nwe agreed  \n  - trailing spaces kept\n\n### #2 B\nnotes on B";
    expect(mergeNotes(typed, heads([t(1, "A"), t(2, "B"), t(3, "C")]), HOME)).toBe(`${typed}\n\n### #3 C`);
  });

  it("puts a new heading in agenda order, before the next topic's heading", () => {
    const typed = "### #1 A\nnotes on A\n### #3 C\nnotes on C";
    const merged = mergeNotes(typed, heads([t(1, "A"), t(2, "B"), t(3, "C")]), HOME);
    expect(merged).toBe("### #1 A\nnotes on A\n\n### #2 B\n\n### #3 C\nnotes on C");
    // What people typed is all still there, in order.
    expect(merged.replace("\n\n### #2 B\n", "")).toBe(typed);
  });

  it("keeps the heading of a topic that left the agenda when something was written under it", () => {
    const typed = "### #1 A\n\n### #2 B\nwe talked about B after all\n\n### #3 C\n";
    expect(mergeNotes(typed, heads([t(1, "A"), t(3, "C")]), HOME)).toBe(typed);
  });

  it("drops the empty heading of a topic that left the agenda", () => {
    expect(mergeNotes("### #1 A\nnote\n\n### #2 B\n\n### #3 C\nmore", heads([t(1, "A"), t(3, "C")]), HOME)).toBe("### #1 A\nnote\n\n### #3 C\nmore");
    expect(mergeNotes("### #1 A\nnote\n\n### #2 B\n\n", heads([t(1, "A")]), HOME)).toBe("### #1 A\nnote");
  });

  it("never drops people's own headings, or a topic heading at another level", () => {
    const typed = "## Our notes\n\n### Misc\n\n## #2 B\n\n### #9 Old\n";
    expect(mergeNotes(typed, heads([]), HOME)).toBe("## Our notes\n\n### Misc\n\n## #2 B");
  });

  it("recognises a topic heading written with the full reference or a URL", () => {
    const typed = "### acme/meetings#1 A\nx\n### https://github.com/acme/infra/issues/3 C\ny";
    expect(mergeNotes(typed, heads([t(1, "A"), t(3, "C", "acme/infra")]), HOME)).toBe(typed);
  });

  it("is idempotent", () => {
    const wanted = heads([t(1, "A"), t(2, "B"), t(3, "C")], ["Intro"]);
    for (const start of [null, "", "free text", "### #3 C\nc", "### #2 B\n\n### #9 gone\n"]) {
      const once = mergeNotes(start, wanted, HOME);
      expect(mergeNotes(once, wanted, HOME)).toBe(once);
    }
  });

  it("adds the headings after text typed into an empty area", () => {
    expect(mergeNotes("just some text", heads([t(1, "A")]), HOME)).toBe("just some text\n\n### #1 A");
    expect(mergeNotes("", heads([t(1, "A")]), HOME)).toBe("### #1 A");
  });
});

describe("notesAreaText", () => {
  it("reads the area, and from the begin marker on when the end marker is gone", () => {
    expect(notesAreaText("x\r\n<!-- docket:begin notes -->\r\n### #1 A\r\nhi\r\n<!-- docket:end notes -->\r\n")).toEqual({
      text: "### #1 A\nhi",
      damaged: false,
    });
    expect(notesAreaText("<!-- docket:begin notes -->\n### #1 A\nhi\n")).toEqual({ text: "### #1 A\nhi", damaged: true });
    expect(notesAreaText("no area")).toBeNull();
  });
});

describe("the pad", () => {
  it("keeps its state in a hidden line a rerun reads back", () => {
    const section = padSection({ kind: "hedgedoc", id: "abc", url: "https://pad.example.org/abc" });
    expect(section).toContain("[HedgeDoc pad](https://pad.example.org/abc)");
    expect(readPadState(`body\n${section}\n`)).toEqual({ kind: "hedgedoc", id: "abc", url: "https://pad.example.org/abc" });
    expect(readPadState('<!-- docket:pad {"kind":"etherpad","id":"x","url":"u"} -->')).toBeNull();
  });

  it("starts from a title, the date, a participants line and the same headings", () => {
    const text = padSkeleton({
      title: "Team IaaS — 2025-01-13",
      occurrence: { seriesId: "iaas", date: "2025-01-13", start: "2025-01-13T14:00:00+01:00", end: "2025-01-13T15:00:00+01:00", timezone: "Europe/Berlin" },
      meetingUrl: "https://github.com/acme/meetings/issues/7",
      recurring: ["Who presents?"],
      topics: [t(12, "Flavor naming")],
      home: HOME,
    });
    expect(text).toBe(`# Team IaaS — 2025-01-13

> Monday, 13 January 2025, 14:00–15:00 Europe/Berlin (13:00 UTC) · [the meeting issue](https://github.com/acme/meetings/issues/7)
> Write under each heading; \`Decision: …\` and \`AI @user: …\` lines become decisions and action items. Docket reads this pad into the minutes when the meeting issue is closed.

Participants: 

### Who presents?


### #12 Flavor naming
`);
  });
});

it("readHeading reads ATX headings only", () => {
  expect(readHeading("### #12 Title ##")).toEqual({ level: 3, text: "#12 Title" });
  expect(readHeading("#12 not a heading")).toBeNull();
  expect(readHeading("    ### indented code")).toBeNull();
});
