/** The recap's model: a gathering's sessions with what was recorded for them in the three places the minutes read. */
import { describe, expect, it } from "vitest";
import type { MeetingComment } from "../../src/domain/minutes.js";
import { recapModel, type RecapModel } from "../../src/domain/recap.js";
import { EDGE, JOINT, NOVA, recapInput, SECRET, TRIPLEO } from "../helpers/recap-gathering.js";

let n = 0;
const comment = (author: string, body: string): MeetingComment => ({ id: ++n, author, body, createdAt: "2025-03-04T09:30:00Z" });

const input = recapInput;

const session = (m: RecapModel, id: string) => m.sessions.find((s) => s.session.topic.id === id)!;
const said = (m: RecapModel, id: string) => session(m, id).items.entries.map((e) => [e.kind, e.text, ...e.owners]);

describe("recapModel", () => {
  it("gathers each session's notes from the comments, the notes area, the meeting pad and its own pad", () => {
    const m = recapModel(
      input({
        comments: [comment("alice", "/decision #11 ship Edge v2 in the spring\n/action @bob #33 write the joint spec"), comment("carol", "thanks all")],
        notes: [
          { source: "notes", text: "### acme/nova#44 Live migration\n- Decision: post-copy by default" },
          { source: "pad", text: "# PTG\n### #33 Deploying edge sites\nAI @dave: try it on real hardware" },
        ],
        sessionNotes: [
          {
            topicId: TRIPLEO.id,
            source: "https://pad.example.org/tripleo",
            text: "# Drop Python 3.8\n\nMost jobs moved already.\nDecision: drop it in the next cycle\nAI @erin, @frank: update the CI images",
          },
        ],
        pads: { meeting: "https://pad.example.org/ptg", sessions: { [TRIPLEO.id]: "https://pad.example.org/tripleo" } },
      }),
    );
    expect(said(m, EDGE.id)).toEqual([["decision", "ship Edge v2 in the spring"]]);
    expect(said(m, JOINT.id)).toEqual([
      ["action", "write the joint spec", "bob"],
      ["action", "try it on real hardware", "dave"],
    ]);
    expect(said(m, NOVA.id)).toEqual([["decision", "post-copy by default"]]);
    // The session pad's lines before any topic heading are its session's, not "Other".
    expect(said(m, TRIPLEO.id)).toEqual([
      ["note", "Most jobs moved already."],
      ["decision", "drop it in the next cycle"],
      ["action", "update the CI images", "erin", "frank"],
    ]);
    expect(session(m, TRIPLEO.id).pad).toBe("https://pad.example.org/tripleo");
    expect(m.meetingPad).toBe("https://pad.example.org/ptg");
    expect(m.general.entries).toEqual([]);
    expect(m.counts).toEqual({ sessions: 5, decisions: 3, actionItems: 3, unparsed: 0 });
    expect(m.problems).toEqual([]);
  });

  it("lists a joint session under every track it joined, the same session each time", () => {
    const m = recapModel(input({ comments: [comment("alice", "/decision #33 one installer for both")] }));
    const ids = (track: string) => m.tracks.find((t) => t.track.id === track)!.sessions.map((s) => s.session.topic.id);
    expect(ids("edge")).toEqual([EDGE.id, JOINT.id]);
    expect(ids("tripleo")).toEqual([TRIPLEO.id, JOINT.id]);
    expect(ids("nova")).toEqual([NOVA.id, SECRET.id]);
    expect(m.tracks[0]!.sessions[1]).toBe(m.tracks[1]!.sessions[1]);
    // Counted once.
    expect(m.counts.decisions).toBe(1);
  });

  it("in a session's pad, a line or heading naming another session goes to that one", () => {
    const m = recapModel(
      input({
        sessionNotes: [
          {
            topicId: EDGE.id,
            source: "edge pad",
            text: "We agreed on the roadmap.\n/decision #22 TripleO follows Edge's lead\n## acme/nova#44\nNova will help",
          },
        ],
      }),
    );
    expect(said(m, EDGE.id)).toEqual([["note", "We agreed on the roadmap."]]);
    expect(said(m, TRIPLEO.id)).toEqual([["decision", "TripleO follows Edge's lead"]]);
    expect(said(m, NOVA.id)).toEqual([["note", "Nova will help"]]);
  });

  it("keeps what belongs to no session under Other, and what could not be read, reported", () => {
    const m = recapModel(input({ comments: [comment("alice", "/note dinner at 7 on Tuesday\n/decision #99 not a session\n/frobnicate")] }));
    expect(m.general.entries.map((e) => [e.kind, e.text, e.ref])).toEqual([
      ["note", "dinner at 7 on Tuesday", null],
      ["decision", "not a session", "#99"],
      ["unparsed", "/frobnicate", null],
    ]);
    expect(m.problems.map((p) => p.message)).toEqual([
      "/decision: #99 is not on the agenda; recorded under Other",
      "/frobnicate is not a command Docket knows; kept as written under Other",
    ]);
    expect(m.counts.unparsed).toBe(1);
  });

  it("reads past the chairs' /now and /next <track> in the event issue: they are now-and-next's, not notes, problems or a next topic", () => {
    const m = recapModel(
      input({
        comments: [comment("alice", "/now edge #11\n/next edge #33\n/next edge\n/decision #11 ship it"), comment("bob", "/now tripleo clear\n/cancel")],
      }),
    );
    expect(said(m, EDGE.id)).toEqual([["decision", "ship it"]]);
    expect(m.general.entries).toEqual([]);
    expect(m.problems).toEqual([]);
    expect(m.counts.unparsed).toBe(0);
  });

  it("leaves out the sessions some readers may not read, with their notes and pads, counted", () => {
    const m = recapModel(
      input({
        comments: [comment("alice", "/decision #55 patch before the embargo ends\n/action @bob #55 backport it")],
        sessionNotes: [{ topicId: SECRET.id, source: "secret pad", text: "Decision: the exploit details" }],
        pads: { sessions: { [SECRET.id]: "https://pad.example.org/secret" } },
        leftOut: new Set([SECRET.id]),
      }),
    );
    expect(m.hidden).toBe(1);
    expect(m.sessions.map((s) => s.session.topic.id)).not.toContain(SECRET.id);
    expect(m.tracks[2]!.sessions.map((s) => s.session.topic.id)).toEqual([NOVA.id]);
    expect(JSON.stringify(m)).not.toMatch(/embargo|exploit|backport|Embargoed|pad\.example\.org\/secret/);
    expect(m.counts).toMatchObject({ decisions: 0, actionItems: 0 });
  });
});
