/** The minutes from notes taken as text: the meeting issue's notes area and a shared pad (MinutesInput.notes). */
import { describe, expect, it } from "vitest";
import { buildMinutes } from "../../src/domain/minutes.js";
import type { MeetingComment, MinutesInput, MinutesNotes } from "../../src/domain/minutes.js";
import { iaasMeeting, minutesTopic as topic } from "../fixtures/minutes.js";

const CI = topic("acme/meetings", 12, "Rotate the CI secrets");
const CEPH = topic("acme/meetings", 15, "Ceph Reef upgrade");
const DOCS = topic("acme/docs", 7, "Onboarding guide");

function input(notes: MinutesNotes[], comments: MeetingComment[] = []): MinutesInput {
  return {
    meeting: iaasMeeting(),
    comments,
    topics: [CI, CEPH, DOCS],
    recurring: ["Who presents in the community call?", "Anything to add to the agenda?"],
    roles: {},
    occurrenceNumber: 0,
    notes,
  };
}

const texts = (xs: ReadonlyArray<{ text: string; kind?: string }>) => xs.map((x) => x.text);
const area = (text: string): MinutesNotes => ({ source: "notes", text });

describe("buildMinutes: notes taken as text", () => {
  it("files every line under the heading it stands under; conventions are read, plain lines are notes", () => {
    const m = buildMinutes(
      input([
        area(
          [
            "Said before any heading",
            "### #12 Rotate the CI secrets",
            "The secrets expire on 31 December.",
            "- Decision: rotate every 90 days",
            "- AI @fkr, @garloff: write the runbook",
            "  - with screenshots",
            "### acme/docs#7 Onboarding guide",
            "1. the draft is in docs#4",
            "/note an explicit note",
          ].join("\n"),
        ),
      ]),
    );
    expect(m.topics[0]!.entries.map((e) => [e.kind, e.text, e.details])).toEqual([
      ["note", "The secrets expire on 31 December.", []],
      ["decision", "rotate every 90 days", []],
      ["action", "write the runbook", ["- with screenshots"]],
    ]);
    expect(m.topics[0]!.actions[0]).toMatchObject({ owners: ["fkr", "garloff"], author: "", commentId: "notes", line: 5 });
    expect(texts(m.topics[2]!.notes)).toEqual(["the draft is in docs#4", "an explicit note"]);
    expect(texts(m.general.notes)).toEqual(["Said before any heading"]);
    expect(m.topics[1]!.discussed).toBe(false);
    expect(m.carryOver).toEqual([CEPH]);
    expect(m.actionItems).toMatchObject([{ text: "write the runbook", topicRef: "acme/meetings#12" }]);
    expect(m.problems).toEqual([]);
    // Notes have no author: nobody becomes a participant by them.
    expect(m.participants).toEqual([]);
  });

  it("puts the notes after the comments' entries of the same topic, in the order written; the pad after the notes area", () => {
    const m = buildMinutes(
      input(
        [area("### #12 Rotate\nfrom the area 1\nfrom the area 2"), { source: "pad", text: "### #12\nfrom the pad" }],
        [{ id: 1, author: "bob", body: "/note #12 from a comment", createdAt: "2023-12-04T13:00:00Z" }],
      ),
    );
    expect(texts(m.topics[0]!.entries)).toEqual(["from a comment", "from the area 1", "from the area 2", "from the pad"]);
    expect(m.topics[0]!.entries.map((e) => e.commentId)).toEqual([1, "notes", "notes", "pad"]);
  });

  it("keeps an answer written under a recurring item's heading with it, decisions and action items listed too", () => {
    const m = buildMinutes(input([area("### Who presents in the community call?\n@carol presents\nAI @carol: send the slides\n### anything to add\nnothing")]));
    expect(m.recurring.map((r) => r.answers.map((a) => [a.kind, a.text]))).toEqual([
      [
        ["note", "@carol presents"],
        ["action", "send the slides"],
      ],
      [["note", "nothing"]],
    ]);
    expect(m.actionItems).toMatchObject([{ owners: ["carol"], text: "send the slides", topicRef: "Who presents in the community call?", topicId: null }]);
  });

  it("reports lines that look like commands but cannot be read, as in comments, and keeps them under Other", () => {
    const m = buildMinutes(input([area("### #12\nAI: nobody owns this\n/decsion typo")]));
    expect(m.unparsed).toBe(2);
    expect(m.general.entries.map((e) => [e.kind, e.text])).toEqual([
      ["unparsed", "AI: nobody owns this"],
      ["unparsed", "/decsion typo"],
    ]);
    expect(m.problems).toEqual([
      { commentId: "notes", notes: true, author: "", line: 2, message: expect.stringContaining("an action item needs an owner") },
      { commentId: "notes", notes: true, author: "", line: 3, message: "/decsion is not a command Docket knows; kept as written under Other" },
    ]);
  });

  it("sends what follows a heading of no agenda topic to Other, with a warning and the reference kept", () => {
    const m = buildMinutes(input([area("### #99 Something else\nsaid about it\n### #15\nback on the agenda")]));
    expect(m.general.entries.map((e) => [e.text, e.ref])).toEqual([
      ["Something else", "#99"],
      ["said about it", null],
    ]);
    expect(texts(m.topics[1]!.notes)).toEqual(["back on the agenda"]);
    expect(m.problems).toEqual([
      expect.objectContaining({ line: 1, message: "heading `#99 Something else`: #99 is not on the agenda; what follows is recorded under Other" }),
    ]);
  });

  it("keeps people's own headings: deeper ones stay with their topic, others start Other", () => {
    const m = buildMinutes(input([area("# Team IaaS — 2023-12-04\n## Topics\n### #12 CI\n#### Options\nA or B\n### Other\nlunch\n### Kudos\nthanks")]));
    expect(texts(m.topics[0]!.notes)).toEqual(["Options", "A or B"]);
    expect(texts(m.general.notes)).toEqual(["lunch", "Kudos", "thanks"]);
  });

  it("reads the participants line and ignores HTML comments, quotes and empty headings", () => {
    const m = buildMinutes(
      input([
        {
          source: "pad",
          text: "# Title\n\n> quoted hint, not minutes\n\nParticipants: @alice, @bob and carol\n<!-- a hint\nover lines -->\n### #12\n\n### #15\nx",
        },
      ]),
    );
    expect(m.participants).toEqual(["alice", "bob"]);
    expect(texts(m.general.notes)).toEqual(["Participants: @alice, @bob and carol"]);
    expect(texts(m.topics[1]!.notes)).toEqual(["x"]);
    expect(m.topics[0]!.discussed).toBe(false);
    const empty = buildMinutes(input([{ source: "pad", text: "Participants: \n### #12\n" }]));
    expect(empty.general.entries).toEqual([]);
  });

  it("a /topic in notes holds until the next heading; lines under a heading do not leak into the next source", () => {
    const m = buildMinutes(input([area("### #12\n/topic #15\non Ceph\n### #7\non docs"), { source: "pad", text: "before any heading" }]));
    expect(texts(m.topics[1]!.notes)).toEqual(["on Ceph"]);
    expect(texts(m.topics[2]!.notes)).toEqual(["on docs"]);
    expect(texts(m.general.notes)).toEqual(["before any heading"]);
  });
});
