import { describe, expect, it } from "vitest";
import { parseMinutesText } from "../../src/domain/minutes-lines.js";

const one = (text: string) => {
  const lines = parseMinutesText(text);
  expect(lines).toHaveLength(1);
  return lines[0]!;
};

describe("parseMinutesText: the conventions chairs use", () => {
  it.each([
    ["/decision Adopt v4", "Adopt v4"],
    ["/decision: Adopt v4", "Adopt v4"],
    ["/DECISION Adopt v4", "Adopt v4"],
    ["Decision: Adopt v4", "Adopt v4"],
    ["decision : Adopt v4", "Adopt v4"],
    ["**Decision:** Adopt v4", "Adopt v4"],
    ["**Decision**: Adopt v4", "Adopt v4"],
    ["- **Decision:** Adopt v4", "Adopt v4"],
    ["* Decision: Adopt v4", "Adopt v4"],
  ])("%s is a decision", (line, text) => {
    expect(one(line)).toMatchObject({ kind: "decision", text, owners: [], ref: null, line: 1 });
  });

  it.each([
    ["/action @alice write it", ["alice"], null, "write it"],
    ["/action: @alice write it", ["alice"], null, "write it"],
    ["/action @alice @bob #12 write it", ["alice", "bob"], "#12", "write it"],
    ["/action #12 @alice @bob write it", ["alice", "bob"], "#12", "write it"],
    ["AI @alice, @bob, ... to write this down", ["alice", "bob"], null, "to write this down"],
    ["AI @alice, @bob … to write this down", ["alice", "bob"], null, "to write this down"],
    ["AI @alice: write it", ["alice"], null, "write it"],
    ["ai @alice and @bob: acme/infra#3 write it", ["alice", "bob"], "acme/infra#3", "write it"],
    ["AI: @alice write it", ["alice"], null, "write it"],
    ["Action: @alice, @bob: write it", ["alice", "bob"], null, "write it"],
    ["**Action:** @carol #7: send the mail", ["carol"], "#7", "send the mail"],
    ["Action item @carol: send the mail", ["carol"], null, "send the mail"],
    ["- AI @alice @alice write it", ["alice"], null, "write it"],
  ])("%s is an action item", (line, owners, ref, text) => {
    const read = one(line);
    expect(read).toMatchObject({ kind: "action", owners, text });
    expect(read.kind === "action" ? (read.ref?.raw ?? null) : "not an action").toBe(ref);
  });

  it("reads /note with a REF, and returns other slash commands for the caller", () => {
    expect(parseMinutesText("/note #12 backups first\n/here @a @b\n/topic #3\n/next\n/role minutes @x")).toMatchObject([
      { kind: "note", text: "backups first", ref: { raw: "#12" } },
      { kind: "command", name: "here", args: ["@a", "@b"] },
      { kind: "command", name: "topic", rest: "#3" },
      { kind: "command", name: "next", args: [] },
      { kind: "command", name: "role", args: ["minutes", "@x"] },
    ]);
  });

  it.each([
    ["/note #4 -> x", "-> x"],
    ["/note #4 --> x", "--> x"],
    ["/note #4 - x", "x"],
    ["/note #4 — x", "x"],
    ["/note #4: -1 is the answer", "-1 is the answer"],
    ["/decision #4 -v is the flag", "-v is the flag"],
  ])("%s keeps the text after the REF as written (a dash is a separator only before a space)", (line, text) => {
    expect(one(line)).toMatchObject({ text, ref: { raw: "#4" } });
  });

  it("leaves prose alone: no colon after Decision, AI not followed by an owner or a colon", () => {
    expect(parseMinutesText("Decision making is hard.\nAI is everywhere now.\nWe took no decision: later.\nThe action plan @alice wrote")).toEqual([]);
  });

  it("returns lines that look like commands but cannot be read, verbatim, with the reason", () => {
    expect(parseMinutesText("AI: write it down\n/decision\nDecision:   \n/action #12 nobody")).toEqual([
      { kind: "unparsed", text: "AI: write it down", reason: expect.stringContaining("needs an owner"), line: 1, details: [] },
      { kind: "unparsed", text: "/decision", reason: "a decision without text", line: 2, details: [] },
      { kind: "unparsed", text: "Decision:", reason: "a decision without text", line: 3, details: [] },
      { kind: "unparsed", text: "/action #12 nobody", reason: expect.stringContaining("needs an owner"), line: 4, details: [] },
    ]);
  });
});

describe("parseMinutesText: structure", () => {
  it("keeps indented sub-points, links and code blocks under their line, with relative indentation", () => {
    const text = [
      "/decision Adopt v4 flavors",
      "  - only for new clusters, see [the spec](https://example.org/v4)",
      "    - existing ones migrate in Q3",
      "",
      "  ```yaml",
      "  flavor: SCS-2V-4",
      "  ```",
      "Unrelated prose.",
    ].join("\n");
    expect(parseMinutesText(text)).toEqual([
      {
        kind: "decision",
        text: "Adopt v4 flavors",
        owners: [],
        ref: null,
        line: 1,
        details: [
          "- only for new clusters, see [the spec](https://example.org/v4)",
          "  - existing ones migrate in Q3",
          "",
          "```yaml",
          "flavor: SCS-2V-4",
          "```",
        ],
      },
    ]);
  });

  it("keeps a fenced block written right below a line as its details", () => {
    expect(one("/note the error:\n```\nE: 42\n```").details).toEqual(["```", "E: 42", "```"]);
  });

  it("reads an action item nested under a decision on its own, keeping the order written", () => {
    expect(parseMinutesText("- Decision: adopt v4\n  - caveat: not on Fridays\n  - AI @bob: write the record\n    - by Monday")).toMatchObject([
      { kind: "decision", text: "adopt v4", details: ["- caveat: not on Fridays"] },
      { kind: "action", owners: ["bob"], text: "write the record", details: ["- by Monday"] },
    ]);
  });

  it("skips block quotes and code blocks that stand on their own; numbers lines as written (CRLF too)", () => {
    expect(parseMinutesText("> /decision quoted\r\n```\n/decision in code\n```\r\n    /note indented code\r\nDecision: real")).toMatchObject([
      { kind: "decision", text: "real", line: 6 },
    ]);
  });

  it("keeps plain lines, with their sub-points, when asked (a notes section or a pad)", () => {
    expect(parseMinutesText("Backups run nightly\n  - since May\nAI @a: check", { plain: "keep" })).toMatchObject([
      { kind: "text", text: "Backups run nightly", details: ["- since May"] },
      { kind: "action", owners: ["a"], text: "check" },
    ]);
  });
});
