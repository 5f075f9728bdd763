import { describe, expect, it } from "vitest";
import { beginMarker, dominantNewline, endMarker, mergeSections, parseState, readSection, readState, stateComment } from "../../src/render/markers.js";

const body = [
  "Hello, this is our meeting.",
  "",
  "<!-- docket:begin agenda -->",
  "old agenda",
  "<!-- docket:end agenda -->",
  "",
  "Text between, written by people.  ",
  "<!-- docket:begin waiting-list -->",
  "old waiting",
  "<!-- docket:end waiting-list -->",
  "",
  "## Notes",
  "- we decided things",
  "",
].join("\n");

describe("markers", () => {
  it("spells the markers", () => {
    expect(beginMarker("agenda")).toBe("<!-- docket:begin agenda -->");
    expect(endMarker("waiting-list")).toBe("<!-- docket:end waiting-list -->");
    expect(() => beginMarker("Bad Name -->")).toThrow(/invalid Docket section name/);
  });

  it("reads a section without the line breaks next to its markers", () => {
    expect(readSection(body, "agenda")).toBe("old agenda");
    expect(readSection(body, "backlog")).toBeNull();
    expect(readSection(null, "agenda")).toBeNull();
  });

  it("finds markers retyped with other spacing", () => {
    expect(readSection("<!--docket:begin agenda-->\nx\n<!--  docket:end agenda  -->", "agenda")).toBe("x");
  });
});

describe("mergeSections", () => {
  it("replaces what lies between the markers and keeps everything else byte for byte", () => {
    const merged = mergeSections(body, [
      { name: "agenda", content: "new agenda\nline 2" },
      { name: "waiting-list", content: "Nobody is waiting." },
    ]);
    expect(merged.problems).toEqual([]);
    expect(merged.body).toBe(
      [
        "Hello, this is our meeting.",
        "",
        "<!-- docket:begin agenda -->",
        "new agenda",
        "line 2",
        "<!-- docket:end agenda -->",
        "",
        "Text between, written by people.  ",
        "<!-- docket:begin waiting-list -->",
        "Nobody is waiting.",
        "<!-- docket:end waiting-list -->",
        "",
        "## Notes",
        "- we decided things",
        "",
      ].join("\n"),
    );
  });

  it("changes nothing when the content is the same", () => {
    const sections = [
      { name: "agenda", content: "old agenda" },
      { name: "waiting-list", content: "old waiting\n" },
    ];
    expect(mergeSections(body, sections)).toEqual({ body, problems: [] });
  });

  it("round-trips a body edited in the browser (CRLF) with no change", () => {
    const crlf = body.replace(/\n/g, "\r\n");
    expect(dominantNewline(crlf)).toBe("\r\n");
    const sections = [
      { name: "agenda", content: "old agenda" },
      { name: "waiting-list", content: "old waiting" },
    ];
    expect(mergeSections(crlf, sections).body).toBe(crlf);
  });

  it("writes generated content with the body's CRLF newlines", () => {
    const crlf = "Intro\r\n\r\n<!-- docket:begin agenda -->\r\nold\r\n<!-- docket:end agenda -->\r\nNotes\r\n";
    const merged = mergeSections(crlf, [{ name: "agenda", content: "a\nb" }]);
    expect(merged.body).toBe("Intro\r\n\r\n<!-- docket:begin agenda -->\r\na\r\nb\r\n<!-- docket:end agenda -->\r\nNotes\r\n");
    // and the next sync with the same content leaves it exactly as it is
    expect(mergeSections(merged.body, [{ name: "agenda", content: "a\nb" }]).body).toBe(merged.body);
  });

  it("appends a missing section after one blank line, in the order given", () => {
    expect(
      mergeSections("People's text", [
        { name: "agenda", content: "A" },
        { name: "waiting-list", content: "W" },
      ]).body,
    ).toBe(
      "People's text\n\n<!-- docket:begin agenda -->\nA\n<!-- docket:end agenda -->\n\n<!-- docket:begin waiting-list -->\nW\n<!-- docket:end waiting-list -->",
    );
    expect(mergeSections("ends with a newline\n", [{ name: "agenda", content: "A" }]).body).toBe(
      "ends with a newline\n\n<!-- docket:begin agenda -->\nA\n<!-- docket:end agenda -->",
    );
    expect(mergeSections("ends with a blank line\r\n\r\n", [{ name: "agenda", content: "A" }]).body).toBe(
      "ends with a blank line\r\n\r\n<!-- docket:begin agenda -->\r\nA\r\n<!-- docket:end agenda -->",
    );
  });

  it("treats a null or empty body as empty", () => {
    expect(mergeSections(null, [{ name: "agenda", content: "A" }]).body).toBe("<!-- docket:begin agenda -->\nA\n<!-- docket:end agenda -->");
    expect(mergeSections("", [{ name: "agenda", content: "" }]).body).toBe("<!-- docket:begin agenda -->\n<!-- docket:end agenda -->");
  });

  it("leaves a damaged pair alone and names it, while still writing the sound ones", () => {
    const cases: Array<[string, RegExp]> = [
      ["Notes\n<!-- docket:begin agenda -->\nmy notes, no end marker", /without <!-- docket:end agenda -->/],
      ["<!-- docket:end agenda -->\nmy notes", /without <!-- docket:begin agenda -->/],
      ["<!-- docket:end agenda -->\nmy notes\n<!-- docket:begin agenda -->", /end marker comes before the begin marker/],
      [
        "<!-- docket:begin agenda -->\na\n<!-- docket:end agenda -->\nmine\n<!-- docket:begin agenda -->\nb\n<!-- docket:end agenda -->",
        /found 2 begin and 2 end markers/,
      ],
      [
        "<!-- docket:begin agenda -->\n<!-- docket:begin waiting-list -->\nx\n<!-- docket:end agenda -->\n<!-- docket:end waiting-list -->",
        /another Docket section's marker sits inside it/,
      ],
    ];
    for (const [damaged, problem] of cases) {
      const merged = mergeSections(damaged, [{ name: "agenda", content: "NEW" }]);
      expect(merged.body).toBe(damaged);
      expect(merged.problems).toHaveLength(1);
      expect(merged.problems[0]).toMatch(/^section "agenda": /);
      expect(merged.problems[0]).toMatch(problem);
    }
    const mixed = mergeSections("<!-- docket:begin agenda -->\nmine\n<!-- docket:begin waiting-list -->\nw\n<!-- docket:end waiting-list -->", [
      { name: "agenda", content: "A" },
      { name: "waiting-list", content: "W" },
    ]);
    expect(mixed.body).toBe("<!-- docket:begin agenda -->\nmine\n<!-- docket:begin waiting-list -->\nW\n<!-- docket:end waiting-list -->");
    expect(mixed.problems).toEqual([
      'section "agenda": found <!-- docket:begin agenda --> without <!-- docket:end agenda -->; left it unchanged; please repair or remove its markers',
    ]);
    expect(readSection(mixed.body, "agenda")).toBeNull();
  });
});

describe("a section on one line", () => {
  it("keeps its line: a new one-line content replaces it in place, people's text on the line stays", () => {
    const body = "# <!-- docket:begin title -->Team IaaS<!-- docket:end title --> on Monday\nmore\n";
    expect(mergeSections(body, [{ name: "title", content: "Team IaaS & Friends" }])).toEqual({
      body: "# <!-- docket:begin title -->Team IaaS & Friends<!-- docket:end title --> on Monday\nmore\n",
      problems: [],
    });
  });
});

describe("state", () => {
  const state = { scheduled: ["I_kwDOA1", "I_kwDOA2"], waiting: ["PR_kwDOB-->x"] };

  it("is a hidden line whose JSON cannot close the comment", () => {
    expect(stateComment(state)).toBe('<!-- docket:state {"scheduled":["I_kwDOA1","I_kwDOA2"],"waiting":["PR_kwDOB--\\u003ex"]} -->');
  });

  it("round-trips through the agenda section", () => {
    const merged = mergeSections("Intro", [{ name: "agenda", content: `| table |\n\n${stateComment(state)}` }]).body;
    expect(readState(merged)).toEqual(state);
    expect(readState(merged.replace(/\n/g, "\r\n"))).toEqual(state);
  });

  it("is null for garbage, never an exception", () => {
    const wrap = (line: string) => `<!-- docket:begin agenda -->\n${line}\n<!-- docket:end agenda -->`;
    for (const body of [
      null,
      "",
      "no sections",
      wrap("no state line"),
      wrap("<!-- docket:state -->"),
      wrap("<!-- docket:state {not json} -->"),
      wrap("<!-- docket:state null -->"),
      wrap('<!-- docket:state ["a"] -->'),
      wrap('<!-- docket:state {"scheduled":["a"]} -->'),
      wrap('<!-- docket:state {"scheduled":[1],"waiting":[]} -->'),
      // a state line outside the agenda section is not Docket's
      `${stateComment(state)}\n${wrap("x")}`,
    ]) {
      expect(readState(body)).toBeNull();
    }
  });
});

describe("state: the plan", () => {
  const state = {
    scheduled: ["I_1", "I_2", "I_3"],
    waiting: ["I_4"],
    plan: { I_1: { date: "2025-02-03", offset: 0 }, I_2: { date: "2025-02-03", offset: 75 }, I_3: { date: "2025-02-05", offset: 0 } },
  };

  it("is written compactly (a day's date once, then its offsets in agenda order) and read back", () => {
    expect(stateComment(state)).toBe('<!-- docket:state {"scheduled":["I_1","I_2","I_3"],"waiting":["I_4"],"plan":["2025-02-03",0,75,"2025-02-05",0]} -->');
    expect(parseState(stateComment(state))).toEqual(state);
  });

  it("a state written before plans were kept still reads (no plan: packed afresh once); a plan that does not line up is none", () => {
    expect(parseState('<!-- docket:state {"scheduled":["I_1"],"waiting":[],"at":[1700000000]} -->')).toEqual({
      scheduled: ["I_1"],
      waiting: [],
      queuedAt: { I_1: "2023-11-14T22:13:20.000Z" },
    });
    for (const plan of ['["2025-02-03",0]', '["2025-02-03",0,1,2,3]', "[0,1,2]", '["monday",0,1,2]', '["2025-02-03",0,1.5,2]', '"x"']) {
      const parsed = parseState(`<!-- docket:state {"scheduled":["I_1","I_2","I_3"],"waiting":[],"plan":${plan}} -->`);
      expect(parsed).toEqual({ scheduled: ["I_1", "I_2", "I_3"], waiting: [] });
    }
    expect(parseState('<!-- docket:state {"scheduled":["I_1","I_2"],"waiting":[],"plan":["2025-02-03",0,"2025-02-04",5]} -->')?.plan).toEqual({
      I_1: { date: "2025-02-03", offset: 0 },
      I_2: { date: "2025-02-04", offset: 5 },
    });
    // A gathering's track that starts before the event places sessions before its frame: negative offsets are a plan too.
    expect(parseState('<!-- docket:state {"scheduled":["I_1","I_2"],"waiting":[],"plan":["2025-02-03",-60,-30]} -->')?.plan).toEqual({
      I_1: { date: "2025-02-03", offset: -60 },
      I_2: { date: "2025-02-03", offset: -30 },
    });
  });

  it("a gathering's state keeps each session's tracks in schedule order, and drops them when they do not line up", () => {
    const gathering = { ...state, tracks: { I_1: ["edge"], I_2: ["edge", "nova"], I_3: ["nova"] } };
    expect(stateComment(gathering)).toContain('"tracks":["edge","edge,nova","nova"]');
    expect(parseState(stateComment(gathering))).toEqual(gathering);
    for (const tracks of ['["edge"]', '["edge","","nova"]', '["edge","Edge","nova"]', '"edge"']) {
      expect(parseState(`<!-- docket:state {"scheduled":["I_1","I_2","I_3"],"waiting":[],"tracks":${tracks}} -->`)).toEqual({
        scheduled: ["I_1", "I_2", "I_3"],
        waiting: [],
      });
    }
  });
});
