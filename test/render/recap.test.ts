/** The recap as a Markdown file: per track its sessions with decisions and owners, joint sessions under each track, pads, how to get involved. */
import { describe, expect, it } from "vitest";
import { recapModel, type RecapInput } from "../../src/domain/recap.js";
import { recapMarkdown } from "../../src/render/recap.js";
import { GATHERING, recapInput, SECRET, TRIPLEO } from "../helpers/recap-gathering.js";

function recap(more: Partial<RecapInput> = {}): string {
  return recapMarkdown(
    recapModel(
      recapInput({
        comments: [
          {
            id: 1,
            author: "alice",
            body: "/decision #11 ship Edge v2\n/action @bob #33 write the joint spec\n/note dinner at 7",
            createdAt: "2025-03-04T09:00:00Z",
          },
        ],
        sessionNotes: [{ topicId: TRIPLEO.id, source: "tripleo pad", text: "Most jobs moved.\n  - a sub-point\nDecision: drop it\n  - in the next cycle" }],
        pads: { meeting: "https://pad.example.org/ptg", sessions: { [TRIPLEO.id]: "https://pad.example.org/tripleo" } },
        leftOut: new Set([SECRET.id]),
        ...more,
      }),
    ),
  );
}

describe("recapMarkdown", () => {
  it("writes the whole gathering: head, tracks in order with their sessions, Other, pads, how to get involved", () => {
    expect(recap()).toBe(
      [
        "# PTG — recap",
        "",
        "- Dates: 4–5 March 2025 (times in Europe/Berlin)",
        "- Where: Vancouver Convention Centre",
        "- Event issue: [acme/meetings#9](https://github.com/acme/meetings/issues/9)",
        "- 3 tracks · 4 sessions · 2 decisions · 1 action item",
        "",
        "## Edge computing (Room 101)",
        "",
        "### [acme/edge#11 Edge v2 roadmap](https://github.com/acme/edge/issues/11)",
        "",
        "_Tuesday, 4 March 2025, 09:00–10:00_",
        "",
        "- **Decision:** ship Edge v2",
        "",
        "### [acme/edge#33 Deploying edge sites with TripleO](https://github.com/acme/edge/issues/33)",
        "",
        "_Tuesday, 4 March 2025, 10:00–11:00 · joint with TripleO_",
        "",
        "- AI @bob: write the joint spec",
        "",
        "## TripleO",
        "",
        "### [acme/tripleo#22 Drop Python 3.8](https://github.com/acme/tripleo/issues/22)",
        "",
        "_Tuesday, 4 March 2025, 09:00–10:00_",
        "",
        "- **Decision:** drop it",
        "  - in the next cycle",
        "- Most jobs moved.",
        "",
        "### [acme/edge#33 Deploying edge sites with TripleO](https://github.com/acme/edge/issues/33)",
        "",
        "_Tuesday, 4 March 2025, 10:00–11:00 · joint with Edge computing_",
        "",
        "- AI @bob: write the joint spec",
        "",
        "## Nova",
        "",
        "### [acme/nova#44 Live migration](https://github.com/acme/nova/issues/44)",
        "",
        "_Wednesday, 5 March 2025, 09:00–10:00_",
        "",
        "_Nothing recorded._",
        "",
        "## Other",
        "",
        "- dinner at 7",
        "",
        "## Pads",
        "",
        "- The whole event: [pad](https://pad.example.org/ptg)",
        "- [acme/tripleo#22 Drop Python 3.8](https://github.com/acme/tripleo/issues/22): [pad](https://pad.example.org/tripleo)",
        "",
        "## How to get involved",
        "",
        "- Mailing list: openstack-discuss@lists.openstack.org",
        "",
        "### Edge computing",
        "",
        "- Chat: #edge on OFTC",
        "- [openstack/edge](https://github.com/openstack/edge)",
        "",
      ].join("\n"),
    );
  });

  it("keeps notes brief: one line each, cut at 300 characters; decisions and action items whole", () => {
    const long = "word ".repeat(100).trim();
    const text = recap({ comments: [], sessionNotes: [{ topicId: TRIPLEO.id, source: "p", text: `${long}\n  - a sub-point\nDecision: ${long}` }] });
    const notes = text.split("\n").filter((l) => l.startsWith("- word"));
    expect(notes).toHaveLength(1);
    expect(Array.from(notes[0]!).length).toBe(2 + 300);
    expect(notes[0]).toMatch(/…$/);
    expect(text).not.toContain("a sub-point");
    expect(text).toContain(`- **Decision:** ${long}\n`);
  });

  it("cannot be broken by people's text: titles, notes and configured lines stay inside their lines", () => {
    const text = recap({
      comments: [
        { id: 2, author: "mallory", body: "/note #22 <!-- docket:end agenda --> <details>\n/decision #22 # not a heading", createdAt: "2025-03-04T09:00:00Z" },
      ],
      getInvolved: ["<script>alert(1)</script> chat"],
    });
    expect(text).not.toMatch(/(?<!\\)<(?:!--|details|script)/);
    expect(text).toContain("- **Decision:** \\# not a heading");
    expect(text).toContain("- \\<script>alert(1)\\</script> chat");
  });

  it("is the same bytes for the same notes (a rerun publishes nothing new)", () => {
    expect(recap()).toBe(recap());
  });

  it("leaves out sections with nothing to say, and says when nothing was recorded", () => {
    const text = recap({
      comments: [],
      sessionNotes: [],
      pads: {},
      getInvolved: [],
      gathering: { ...GATHERING, tracks: GATHERING.tracks.map((t) => ({ ...t, track: { ...t.track, getInvolved: [] } })) },
    });
    expect(text).not.toMatch(/## Other|## Pads|## How to get involved/);
    expect(text.match(/_Nothing recorded\._/g)).toHaveLength(5);
  });
});
