import { describe, expect, it } from "vitest";
import { buildMinutes, checkedRefs, withoutTopics } from "../../src/domain/minutes.js";
import type { MeetingComment, MinutesInput } from "../../src/domain/minutes.js";
import { iaasMeeting, minutesTopic as topic } from "../fixtures/minutes.js";

const CI = topic("acme/infra", 12, "Rotate the CI secrets", "garloff");
const CEPH = topic("acme/infra", 15, "Ceph Reef upgrade");
const DOCS = topic("acme/docs", 7, "Write the IaaS onboarding guide", "maxwolfs");

let commentId = 0;
function comment(author: string | null, body: string): MeetingComment {
  commentId++;
  return { id: commentId, author, body, createdAt: `2023-12-04T13:${String(commentId).padStart(2, "0")}:00Z` };
}

function input(comments: MeetingComment[], overrides: Partial<MinutesInput> = {}): MinutesInput {
  return {
    meeting: iaasMeeting(),
    comments,
    topics: [CI, CEPH, DOCS],
    recurring: ["Who presents in the community call?"],
    roles: { reporter: ["fkr", "garloff"], minutes: ["gndrmnn", "maxwolfs", "berendt"] },
    occurrenceNumber: 0,
    ...overrides,
  };
}

const texts = (xs: ReadonlyArray<{ text: string }>) => xs.map((x) => x.text);

describe("buildMinutes: commands", () => {
  it("files notes, decisions and action items under the topic they name, the rest under Other", () => {
    const m = buildMinutes(
      input([
        comment(
          "fkr",
          "/note #12 The current secrets expire on 31 December.\n/decision acme/infra#12: Rotate every 90 days.\n/action @fkr #12 write the outcomes down",
        ),
        comment("garloff", "/note Next community call: @garloff presents.\n/action #15 @garloff ask the Ceph folks about Reef"),
      ]),
    );
    const ci = m.topics[0]!;
    expect(texts(ci.notes)).toEqual(["The current secrets expire on 31 December."]);
    expect(texts(ci.decisions)).toEqual(["Rotate every 90 days."]);
    expect(ci.actions).toMatchObject([{ owners: ["fkr"], text: "write the outcomes down", author: "fkr", line: 3, ref: null }]);
    expect(m.topics[1]!.actions).toMatchObject([{ owners: ["garloff"], text: "ask the Ceph folks about Reef" }]);
    expect(texts(m.general.notes)).toEqual(["Next community call: @garloff presents."]);
    expect(m.actionItems).toEqual([
      { owners: ["fkr"], text: "write the outcomes down", details: [], topicRef: "acme/infra#12", topicId: CI.id, author: "fkr", commentId: commentId - 1 },
      { owners: ["garloff"], text: "ask the Ceph folks about Reef", details: [], topicRef: "acme/infra#15", topicId: CEPH.id, author: "garloff", commentId },
    ]);
    expect(m.problems).toEqual([]);
  });

  it("reads hand-written action items: `AI @user:` and `Action item @user:`, also as list items, with or without the colon", () => {
    const m = buildMinutes(
      input([
        comment(
          "gndrmnn",
          "Notes from the call:\n- AI @fkr: write the outcomes down\nAction item @garloff: #15 check the Reef release notes\nai @maxwolfs no colon, still an action item",
        ),
      ]),
    );
    expect(m.general.actions).toMatchObject([
      { owners: ["fkr"], text: "write the outcomes down", line: 2 },
      { owners: ["maxwolfs"], text: "no colon, still an action item", line: 4 },
    ]);
    expect(m.topics[1]!.actions).toMatchObject([{ owners: ["garloff"], text: "check the Reef release notes", line: 3 }]);
    expect(m.actionItems).toHaveLength(3);
  });

  it("accepts [#N], a trailing colon and the topic's URL as references", () => {
    const m = buildMinutes(
      input([comment("fkr", "/note [#12] bracketed\n/note #12: with a colon\n/note https://github.com/acme/docs/issues/7 by URL\n/note #12345 not ours")]),
    );
    expect(texts(m.topics[0]!.notes)).toEqual(["bracketed", "with a colon"]);
    expect(texts(m.topics[2]!.notes)).toEqual(["by URL"]);
    expect(m.general.notes).toMatchObject([{ text: "not ours", ref: "#12345" }]);
  });

  it("ignores quoted commands and commands in code blocks", () => {
    const m = buildMinutes(
      input([
        comment(
          "garloff",
          "> /decision #12 Rotate every 90 days\n> AI @fkr: write the outcomes down\n\nAgreed.\n\n```\n/decision #15 Not a command\nAI @fkr: not an action item\n```\n\n~~~md\n/note #15 nor this\n~~~\n    /note indented code is not a command",
        ),
      ]),
    );
    expect(m.topics.flatMap((t) => [...t.notes, ...t.decisions, ...t.actions])).toEqual([]);
    expect(m.general).toEqual({ entries: [], notes: [], decisions: [], actions: [] });
    expect(m.participants).toEqual(["garloff"]);
  });

  it("reads comments written with CRLF line endings", () => {
    const m = buildMinutes(input([comment("fkr", "/here\r\n/decision #12 Rotate every 90 days.\r\nAI @fkr: write the outcomes down\r\n")]));
    expect(texts(m.topics[0]!.decisions)).toEqual(["Rotate every 90 days."]);
    expect(m.general.actions).toMatchObject([{ owners: ["fkr"], text: "write the outcomes down", line: 3 }]);
  });

  it("keeps an /action without an owner verbatim under Other and says so in problems", () => {
    const m = buildMinutes(input([comment("fkr", "/action #12 somebody should write this down")]));
    expect(m.general.entries).toMatchObject([{ kind: "unparsed", text: "/action #12 somebody should write this down" }]);
    expect(m.topics[0]!.actions).toEqual([]);
    expect(m.actionItems).toEqual([]);
    expect(m.unparsed).toBe(1);
    expect(m.problems).toEqual([
      {
        commentId,
        author: "fkr",
        line: 1,
        message:
          "`/action #12 somebody should write this down`: an action item needs an owner (`AI @user text`, `/action @user #12 text`); kept as written under Other",
      },
    ]);
  });

  it("records an unknown #N under Other with the reference kept, and reports it", () => {
    const m = buildMinutes(input([comment("fkr", "/decision #99 Close the old ticket.\n/action @fkr acme/other#12 look at it")]));
    expect(m.general.decisions).toMatchObject([{ text: "Close the old ticket.", ref: "#99" }]);
    expect(m.general.actions).toMatchObject([{ owners: ["fkr"], text: "look at it", ref: "acme/other#12" }]);
    expect(m.actionItems).toMatchObject([{ owners: ["fkr"], topicRef: "acme/other#12", topicId: null }]);
    expect(m.problems.map((p) => p.message)).toEqual([
      "/decision: #99 is not on the agenda; recorded under Other",
      "/action: acme/other#12 is not on the agenda; recorded under Other",
    ]);
  });

  it("resolves #N shared by two repositories to the meeting's own repository, else asks for owner/repo#N", () => {
    const local = topic("acme/meetings", 7, "Meeting housekeeping");
    const m = buildMinutes(input([comment("fkr", "/note #7 which one?")], { topics: [DOCS, local] }));
    expect(texts(m.topics[1]!.notes)).toEqual(["which one?"]);

    const other = topic("acme/web", 7, "Website");
    const n = buildMinutes(input([comment("fkr", "/note #7 which one?\n/note acme/web#7 this one")], { topics: [DOCS, other] }));
    expect(n.general.notes).toMatchObject([{ text: "which one?", ref: "#7" }]);
    expect(texts(n.topics[1]!.notes)).toEqual(["this one"]);
    expect(n.problems[0]!.message).toBe("/note: #7 is ambiguous (acme/docs#7, acme/web#7); write owner/repo#7; recorded under Other");
  });

  it("reports commands without text and leaves other commands alone", () => {
    const m = buildMinutes(input([comment("fkr", "/note\n/decision #12\n/agenda iaas 15m\n/discussed\n/discussed soon")]));
    expect(m.problems.map((p) => [p.line, p.message])).toEqual([
      [1, "`/note`: a note without text; kept as written under Other"],
      [2, "`/decision #12`: a decision without text; kept as written under Other"],
      [4, "/discussed needs a topic, e.g. `/discussed #12`; kept as written under Other"],
      [5, "/discussed: soon is not a topic reference such as #12"],
    ]);
    expect(m.topics.every((t) => !t.discussed)).toBe(true);
  });
});

describe("buildMinutes: discussed and carried over", () => {
  it("counts a topic discussed when something was recorded, a person checked it, or /discussed names it", () => {
    const body = [
      "<!-- docket:begin agenda -->",
      "- [x] acme/docs#7 is checked inside Docket's section: does not count",
      "<!-- docket:end agenda -->",
      "",
      "## Notes",
      "- [x] Ceph upgrade (#15)",
      "- [ ] acme/docs#7",
      "```",
      "- [x] acme/docs#7 in a code block",
      "```",
    ].join("\r\n");
    const recorded = buildMinutes(input([comment("fkr", "/note #12 done")], { meeting: { ...input([]).meeting, body } }));
    expect(recorded.topics.map((t) => t.discussed)).toEqual([true, true, false]);
    expect(recorded.carryOver).toEqual([DOCS]);

    const marked = buildMinutes(input([comment("fkr", "/discussed acme/docs#7, #12")]));
    expect(marked.topics.map((t) => t.discussed)).toEqual([true, false, true]);
    expect(marked.carryOver).toEqual([CEPH]);
  });

  it("carries every topic over, in agenda order, from a meeting nobody wrote anything in", () => {
    const m = buildMinutes(input([]));
    expect(m.carryOver).toEqual([CI, CEPH, DOCS]);
    expect(m.participants).toEqual([]);
    expect(m.actionItems).toEqual([]);
    expect(m.roles).toEqual([
      { role: "reporter", login: "fkr" },
      { role: "minutes", login: "gndrmnn" },
    ]);
  });

  it("reads references anywhere on a checked line: #N, owner/repo#N, URLs", () => {
    expect(checkedRefs("- [x] see https://github.com/acme/infra/pull/3 and acme/docs#7\n* [X] #1, #2\n1. [x] (#4)\n- [ ] #5\n- [x] issue#6")).toEqual([
      { raw: "acme/infra#3", repo: "acme/infra", number: 3 },
      { raw: "acme/docs#7", repo: "acme/docs", number: 7 },
      { raw: "#1", repo: null, number: 1 },
      { raw: "#2", repo: null, number: 2 },
      { raw: "#4", repo: null, number: 4 },
    ]);
  });
});

describe("buildMinutes: sprint items of a sprint review meeting", () => {
  const ALERTS = topic("acme/infra", 4, "Disk usage alerts");
  const NAMING = topic("acme/standards", 5, "Document the flavor naming");

  it("files lines about a sprint item under it, never carries it over, and lets the agenda keep an item it lists too", () => {
    const model = buildMinutes(
      input([comment("fkr", "/note #4 -> tune the thresholds\n/decision acme/standards#5 Done.\n/note #12 rotated\n/action @bob #99 find out")], {
        sprintItems: [ALERTS, NAMING, { ...CI, id: "board-item-12" }],
      }),
    );
    expect(model.sprintItems.map((t) => [t.topic.number, t.discussed, texts(t.entries)])).toEqual([
      [4, true, ["-> tune the thresholds"]],
      [5, true, ["Done."]],
    ]);
    expect(texts(model.topics[0]!.entries)).toEqual(["rotated"]);
    expect(texts(model.general.entries)).toEqual(["find out"]);
    expect(model.carryOver).toEqual([CEPH, DOCS]);
    expect(model.decisions.map((d) => [d.text, d.topicRef])).toEqual([["Done.", "acme/standards#5"]]);
  });

  it("/next walks the agenda, then the sprint items", () => {
    const model = buildMinutes(input([comment("fkr", "/topic acme/docs#7\n/next\n/note first item")], { sprintItems: [ALERTS] }));
    expect(texts(model.sprintItems[0]!.entries)).toEqual(["first item"]);
    expect(model.problems).toEqual([]);
  });
});

describe("buildMinutes: participants and roles", () => {
  it("lists everyone who spoke or was marked present, as written by GitHub, sorted case-insensitively, without bots", () => {
    const m = buildMinutes(
      input([
        comment("garloff", "/here @Berendt @GNDRMNN"),
        comment("renovate[bot]", "/here\n/note #12 bot noise"),
        comment("github-actions[bot]", "AI @fkr: nothing"),
        comment(null, "/note from a deleted account"),
        comment("gndrmnn", "hi"),
        comment("Fkr", "/here"),
      ]),
    );
    expect(m.participants).toEqual(["Berendt", "Fkr", "garloff", "gndrmnn"]);
    expect(m.topics[0]!.notes).toEqual([]);
    expect(m.general).toEqual({ entries: [], notes: [], decisions: [], actions: [] });
  });

  it("leaves absent people out and skips them in the role rotation; presence follows the order of comments", () => {
    const m = buildMinutes(
      input([comment("maxwolfs", "/absent @berendt @fkr"), comment("fkr", "I am here after all\n/here"), comment("berendt", "(written before the meeting)")], {
        occurrenceNumber: 2,
        absent: ["@gndrmnn"],
      }),
    );
    // occurrence 2: reporter fkr (present again), minutes berendt (absent) -> gndrmnn (absent) -> maxwolfs
    expect(m.roles).toEqual([
      { role: "reporter", login: "fkr" },
      { role: "minutes", login: "maxwolfs" },
    ]);
    expect(m.participants).toEqual(["fkr", "maxwolfs"]);
    expect(m.absent).toEqual(["berendt", "gndrmnn"]);
  });

  it("lets /absent alone mark the commenter, and a later /here undo an absence given by the caller", () => {
    const m = buildMinutes(input([comment("garloff", "Sorry, I cannot make it.\n/absent"), comment("fkr", "/here @gndrmnn")], { absent: ["gndrmnn"] }));
    expect(m.participants).toEqual(["fkr", "gndrmnn"]);
    expect(m.absent).toEqual(["garloff"]);
  });
});

describe("buildMinutes: determinism", () => {
  it("gives equal models for equal input and keeps the meeting's identity", () => {
    const comments = [comment("fkr", "/note #12 a\n/decision b\nAI @garloff: c")];
    const a = buildMinutes(input(comments));
    const b = buildMinutes(input(comments.map((c) => ({ ...c }))));
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      series: "iaas",
      title: "Team IaaS",
      date: "2023-12-04",
      meeting: { number: 42 },
      recurring: [{ item: "Who presents in the community call?", answers: [] }],
    });
  });

  it("keeps a topic listed twice once", () => {
    const m = buildMinutes(input([], { topics: [CI, CI, DOCS] }));
    expect(m.topics.map((t) => t.topic.id)).toEqual([CI.id, DOCS.id]);
  });
});

describe("withoutTopics", () => {
  it("drops the left-out topics with their notes, decisions, action items and carry-over; general items stay", () => {
    const model = buildMinutes(
      input([
        comment("fkr", "/note #12 rotated\n/decision #12 weekly\n/action @fkr #12 write it down\n/action @garloff #15 plan Reef\nAI @fkr: send the summary"),
      ]),
    );
    const out = withoutTopics(model, new Set([CI.id, DOCS.id]));
    expect(out.topics.map((t) => t.topic.id)).toEqual([CEPH.id]);
    expect(out.carryOver).toEqual([]);
    expect(texts(out.actionItems)).toEqual(["plan Reef", "send the summary"]);
    expect(texts(out.general.actions)).toEqual(texts(model.general.actions));
    expect(model.topics).toHaveLength(3);
  });

  it("nothing left out: the same model", () => {
    const model = buildMinutes(input([]));
    expect(withoutTopics(model, new Set())).toBe(model);
  });
});

describe("buildMinutes: where a line without #ref belongs", () => {
  const at = (author: string, time: string, body: string): MeetingComment => ({ id: `${author}-${time}`, author, body, createdAt: `2023-12-04T${time}:00Z` });
  const slotted = [
    { ...CI, slot: { start: "2023-12-04T13:00:00.000Z", end: "2023-12-04T13:10:00.000Z" } },
    { ...CEPH, slot: { start: "2023-12-04T13:10:00.000Z", end: "2023-12-04T13:20:00.000Z" } },
    { ...DOCS, slot: { start: "2023-12-04T13:20:00.000Z", end: "2023-12-04T13:30:00.000Z" } },
  ];

  it("goes to the topic whose planned slot holds the comment's time, and the topic is discussed", () => {
    const m = buildMinutes(
      input(
        [
          at("fkr", "13:05", "/decision Rotate every 90 days"),
          at("garloff", "13:12", "AI @garloff, @fkr: ask about Reef"),
          at("fkr", "13:45", "Decision: lunch"),
        ],
        { topics: slotted },
      ),
    );
    expect(texts(m.topics[0]!.decisions)).toEqual(["Rotate every 90 days"]);
    expect(m.topics[1]!.actions).toMatchObject([{ owners: ["garloff", "fkr"], text: "ask about Reef" }]);
    expect(texts(m.general.decisions)).toEqual(["lunch"]);
    expect(m.carryOver.map((t) => t.id)).toEqual([DOCS.id]);
  });

  it("follows /topic and /next over the clock, across comments; an explicit #ref still wins", () => {
    const m = buildMinutes(
      input(
        [
          at("fkr", "13:01", "/topic #15\n/decision Wait for Reef 18.2.4"),
          at("garloff", "13:02", "/note not yet tested\n/note #7 the guide needs screenshots"),
          at("fkr", "13:03", "/next\nAI @maxwolfs draft the guide"),
        ],
        { topics: slotted },
      ),
    );
    expect(m.topics[1]!.entries.map((e) => e.text)).toEqual(["Wait for Reef 18.2.4", "not yet tested"]);
    expect(m.topics[2]!.entries.map((e) => e.text)).toEqual(["the guide needs screenshots", "draft the guide"]);
    expect(m.topics[0]!.entries).toEqual([]);
    expect(m.carryOver.map((t) => t.id)).toEqual([CI.id]);
    expect(m.problems).toEqual([]);
  });

  it("keeps each topic's lines in the order written: a caveat stays next to the decision it qualifies", () => {
    const m = buildMinutes(
      input([comment("fkr", "/note #12 the vault is slow\n/decision #12 rotate every 90 days\n/note #12 but not during the freeze\nAI @fkr #12 schedule it")]),
    );
    expect(m.topics[0]!.entries.map((e) => [e.kind, e.text])).toEqual([
      ["note", "the vault is slow"],
      ["decision", "rotate every 90 days"],
      ["note", "but not during the freeze"],
      ["action", "schedule it"],
    ]);
    expect(m.decisions).toMatchObject([{ text: "rotate every 90 days", topicRef: "acme/infra#12" }]);
  });

  it("reports /topic and /next it cannot follow, and unknown commands, verbatim under Other", () => {
    const m = buildMinutes(input([comment("fkr", "/topic #99\n/topic\n/topci #12\n/agenda iaas\n/next\n/next\n/next\n/next")]));
    expect(m.general.entries.map((e) => [e.kind, e.text])).toEqual([
      ["unparsed", "/topic #99"],
      ["unparsed", "/topic"],
      ["unparsed", "/topci #12"],
      ["unparsed", "/next"],
    ]);
    expect(m.unparsed).toBe(4);
    expect(m.problems.map((p) => [p.line, p.message])).toEqual([
      [1, "/topic: #99 is not on the agenda; kept as written under Other"],
      [2, "/topic needs an agenda topic, e.g. `/topic #12`; kept as written under Other"],
      [3, "/topci is not a command Docket knows; kept as written under Other"],
      [8, "/next: the last agenda topic was already reached; kept as written under Other"],
    ]);
  });
});

describe("buildMinutes: roles and recurring items", () => {
  it("/role overrides the rotation for this meeting only; the next meeting gets whoever was due", () => {
    const comments = [comment("fkr", "/role Minutes @carol\n/role chair @fkr")];
    const m = buildMinutes(input(comments));
    expect(m.roles).toEqual([
      { role: "reporter", login: "fkr" },
      { role: "minutes", login: "carol" },
      { role: "chair", login: "fkr" },
    ]);
    expect(m.problems.map((p) => p.message)).toEqual(["/role: `chair` is not a role of this series (reporter, minutes); recorded as written"]);
    expect(buildMinutes(input([], { occurrenceNumber: 1 })).roles).toEqual([
      { role: "reporter", login: "garloff" },
      { role: "minutes", login: "maxwolfs" },
    ]);
  });

  it("keeps an answer with its recurring item, by quoted start or number; a wrong one is kept under Other", () => {
    const m = buildMinutes(
      input([comment("carol", '/item "Who presents…" @carol presents the CI work\n/item 1 and @fkr the Ceph plan\n/item "Who cooks?" me')]),
    );
    expect(m.recurring).toMatchObject([
      { item: "Who presents in the community call?", answers: [{ text: "@carol presents the CI work" }, { text: "and @fkr the Ceph plan" }] },
    ]);
    expect(m.general.entries).toMatchObject([{ kind: "unparsed", text: '/item "Who cooks?" me' }]);
  });
});
