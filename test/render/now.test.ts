import { describe, expect, it } from "vitest";
import { emptyNowState, type NowState } from "../../src/domain/now.js";
import { mergeNowSection, nowSection, readNowState } from "../../src/render/now.js";

const TRACKS = [
  { id: "edge", title: "Edge computing", room: "Room A" },
  { id: "tripleo", title: "TripleO", room: "Room B" },
  { id: "nova", title: "Nova", room: "Nova" },
];
const STATE: NowState = {
  applied: [39, 41],
  tracks: {
    edge: {
      now: { kind: "topic", id: "I_12", repo: "ptg/gathering", number: 12, title: "Edge *sites* @team", url: "https://github.com/ptg/gathering/issues/12" },
      next: { kind: "topic", id: "I_3", repo: "ptg/edge", number: 3, title: "Joint: networking", url: "https://github.com/ptg/edge/issues/3" },
    },
    tripleo: { now: { kind: "private" }, next: { kind: "text", text: "Lunch <!-- docket:end now -->" } },
  },
};
const input = {
  tracks: TRACKS,
  state: STATE,
  repo: "ptg/gathering",
  pads: new Map([["I_12", "https://pad.example.org/p12"]]),
  updatedAt: new Date("2025-04-07T12:05:00Z"),
  timezone: "Europe/Berlin",
};

describe("nowSection", () => {
  it("lists every track in order with now and next (a room named like its track named once), its pad, a private topic without a title, and the time in the event's zone", () => {
    const text = nowSection(input);
    expect(text.split("<!-- docket:now")[0]).toBe(
      [
        "## Happening now",
        "",
        "- **Room A** — Edge computing: now [Edge \\*sites\\* @\u200Bteam #12](https://github.com/ptg/gathering/issues/12) ([pad](https://pad.example.org/p12)) · next [Joint: networking ptg/edge#3](https://github.com/ptg/edge/issues/3)",
        "- **Room B** — TripleO: now a private topic · next Lunch &lt;!-- docket:end now --&gt;",
        "- **Nova**: now — · next —",
        "",
        "_Updated 14:05 Europe/Berlin_",
        "",
        "",
      ].join("\n"),
    );
  });

  it("keeps its state, which reads back as it was", () => {
    const body = mergeNowSection("", nowSection(input)).body;
    expect(readNowState(body)).toEqual(STATE);
    expect(readNowState("no section here")).toEqual(emptyNowState());
  });
});

describe("mergeNowSection", () => {
  it("goes after the header, before Docket's first body section, and leaves people's text as it was", () => {
    const body = "When: Monday\r\n\r\nOur own words.\r\n<!-- docket:begin agenda -->\r\nA\r\n<!-- docket:end agenda -->\r\n\r\n## Notes\r\nmine\r\n";
    const merged = mergeNowSection(body, "## Happening now\n\nx").body;
    expect(merged).toBe(
      "When: Monday\r\n\r\nOur own words.\r\n<!-- docket:begin now -->\r\n## Happening now\r\n\r\nx\r\n<!-- docket:end now -->\r\n\r\n<!-- docket:begin agenda -->\r\nA\r\n<!-- docket:end agenda -->\r\n\r\n## Notes\r\nmine\r\n",
    );
    // Written again in place.
    expect(mergeNowSection(merged, "## Happening now\n\ny").body).toBe(merged.replace("\r\nx\r\n", "\r\ny\r\n"));
  });
});
