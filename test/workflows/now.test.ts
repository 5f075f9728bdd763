/**
 * `/now` and `/next` on the local GitHub: a gathering's event issue in the public
 * sovereign/meetings, a private repository beside it, Bob with triage, Carol with no role but a
 * chair of the edge track, Dave with no role at all.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readSection } from "../../src/render/markers.js";
import { handleNowCommands } from "../../src/workflows/now.js";
import { startSimulator, type Simulator } from "../sim/server.js";
import { violationText } from "../sim/helpers.js";
import { ptgConfig } from "../helpers/gathering.js";
import { actionWorld, commandTarget, jobContext, loadedConfig } from "./action-world.js";

const NOW = "2025-02-03T10:42:00Z";
const SECRET = "Acquire Globex quietly";
const GATHERING = ptgConfig({
  title: "Project Teams Gathering",
  timezone: "Europe/Berlin",
  tracks: ["{ id: edge, title: Edge computing, room: Room A, chairs: [carol] }", "{ id: tripleo, title: TripleO, room: Room B }"],
});

function world() {
  const w = actionWorld() as any;
  w.orgs[0].repos.push({ name: "secret", visibility: "private", issues: [{ number: 1, title: SECRET, author: "alice", created_at: "2025-01-02T09:00:00Z" }] });
  return w;
}

let simulator: Simulator | undefined;
beforeAll(async () => {
  simulator = await startSimulator({ world: world() });
});
afterAll(() => simulator?.close());
beforeEach(() => simulator!.reset());
afterEach(() => expect(violationText(simulator!)).toEqual([]));
const sim = () => simulator!;

const HEADER = "When: 3–5 February 2025\n\nPeople's own words stay *exactly* as written.\n\n";
const BODY = `${HEADER}<!-- docket:begin agenda -->\n## Agenda\n<!-- docket:end agenda -->\n\n<!-- docket:begin waiting-list -->\n## Waiting list\n<!-- docket:end waiting-list -->\n\n## Notes\n`;

function eventIssue() {
  const meetings = sim().state.repo("sovereign", "meetings")!;
  return sim().state.createIssue(meetings, { title: "Project Teams Gathering — 2025-02-03", body: BODY, labels: ["docket/ptg"], author: "alice" });
}

async function say(issue: ReturnType<typeof eventIssue>, body: string, author = "bob") {
  const comment = sim().state.addComment(issue, body, author);
  const config = loadedConfig(GATHERING);
  return handleNowCommands(jobContext(sim(), NOW), config, commandTarget(issue), { id: comment.id, body, author });
}

const nowOf = (issue: ReturnType<typeof eventIssue>) => readSection(issue.body ?? "", "now") ?? "";
const lines = (issue: ReturnType<typeof eventIssue>) =>
  nowOf(issue)
    .split("\n")
    .filter((l) => l.startsWith("- ") || l.startsWith("_"));
const reactions = (issue: ReturnType<typeof eventIssue>) => issue.comments.flatMap((c) => c.reactions.map((r) => `${c.author}:${r.content}`));

describe("/now and /next", () => {
  it("a triager's commands apply in order, fenced ones are ignored, the section goes after the header, and the comment gets a 👍", async () => {
    const issue = eventIssue();
    const welcome = sim().state.repo("sovereign", "meetings")!.issues.get(1)!;
    await say(issue, ["/now edge #1", "/next edge Hallway track", "```", "/now tripleo #1", "```", "/now tripleo Lunch @alice"].join("\n"));
    expect(lines(issue)).toEqual([
      `- **Room A** — Edge computing: now [${welcome.title} #1](https://github.com/sovereign/meetings/issues/1) · next Hallway track`,
      "- **Room B** — TripleO: now Lunch @\u200Balice · next —",
      "_Updated 11:42 Europe/Berlin_",
    ]);
    expect(issue.body!.startsWith(`${HEADER}<!-- docket:begin now -->\n## Happening now`)).toBe(true);
    expect(issue.body!.endsWith(BODY.slice(HEADER.length))).toBe(true);
    expect(reactions(issue)).toEqual(["bob:+1"]);

    // `/next edge` moves on: what was next is now; nothing follows on the (not yet readable) schedule.
    await say(issue, "/next edge");
    expect(lines(issue)[0]).toBe("- **Room A** — Edge computing: now Hallway track · next —");
    await say(issue, "/now edge clear");
    expect(lines(issue)[0]).toBe("- **Room A** — Edge computing: now — · next —");
  });

  it('shows a topic of a private repository in the public event issue only as "a private topic"', async () => {
    const issue = eventIssue();
    await say(issue, "/now edge sovereign/secret#1");
    expect(lines(issue)[0]).toBe("- **Room A** — Edge computing: now a private topic · next —");
    expect(issue.body).not.toContain(SECRET);
    expect(issue.body).not.toContain("sovereign/secret");
  });

  it("a track's chair may update their track only; somebody else is refused with a reply and nothing changes", async () => {
    const issue = eventIssue();
    await say(issue, "/now edge Keynote", "carol");
    expect(lines(issue)[0]).toBe("- **Room A** — Edge computing: now Keynote · next —");
    const before = issue.body;
    await say(issue, "/now tripleo Keynote", "carol");
    expect(issue.body).toBe(before);
    expect(issue.comments.at(-1)!.body).toContain("@carol only people with triage permission (or more) on `sovereign/meetings` can use `/now tripleo`");
    await say(issue, "/now edge Party", "dave");
    expect(issue.body).toBe(before);
    expect(issue.comments.at(-1)!.body).toContain("or the track's chairs (carol)");
  });

  it("an unknown track is answered with the track ids; a comment already applied is not applied again", async () => {
    const issue = eventIssue();
    await say(issue, "/now nova #1");
    expect(issue.comments.at(-1)!.body).toContain("there is no track `nova`; the tracks are `edge`, `tripleo`.");
    expect(issue.body).toBe(BODY);

    const comment = sim().state.addComment(issue, "/now edge A\n/next edge B", "bob");
    const run = () =>
      handleNowCommands(jobContext(sim(), NOW), loadedConfig(GATHERING), commandTarget(issue), { id: comment.id, body: comment.body, author: "bob" });
    await run();
    await say(issue, "/next edge");
    const after = issue.body;
    await run(); // a retried job: the older comment changes nothing
    expect(issue.body).toBe(after);
    expect(lines(issue)[0]).toBe("- **Room A** — Edge computing: now B · next —");
  });
  it("a `/now` that would take the event issue past GitHub's limit of 65,536 characters is refused with a reply; the body stays as it was", async () => {
    const meetings = sim().state.repo("sovereign", "meetings")!;
    const issue = sim().state.createIssue(meetings, {
      title: "Project Teams Gathering — 2025-02-03",
      body: `${"p".repeat(65_300)}\n\n${BODY}`,
      labels: ["docket/ptg"],
      author: "alice",
    });
    const before = issue.body;
    await say(issue, `/now edge ${"Long words ".repeat(20)}`);
    expect(issue.body).toBe(before);
    expect(issue.comments.at(-1)!.author).not.toBe("bob");
    expect(issue.comments.at(-1)!.body).toContain("65,536");
    expect(issue.comments.at(-1)!.body).toContain("nothing was changed");
  });
  it("in a track issue or an older event's issue `/now` is refused with a reply naming the event's issue; neither issue changes", async () => {
    const meetings = sim().state.repo("sovereign", "meetings")!;
    const event = eventIssue();
    const track = sim().state.createIssue(meetings, {
      title: "Project Teams Gathering — Edge computing — 2025-02-03",
      body: '<!-- docket:track {"series":"ptg","track":"edge","date":"2025-02-03"} -->\n',
      labels: ["docket/ptg"],
      author: "alice",
    });
    const older = sim().state.createIssue(meetings, { title: "Project Teams Gathering — 2024-02-05", body: BODY, labels: ["docket/ptg"], author: "alice" });
    for (const issue of [track, older]) {
      const before = issue.body;
      await say(issue, "/now edge Lunch break");
      expect(issue.body).toBe(before);
      expect(issue.comments.at(-1)!.body).toContain(
        "`/now` works in the meeting issue of the event, “Project Teams Gathering — 2025-02-03”; nothing was changed.",
      );
    }
    expect(event.body).toBe(BODY);
  });
  it("comments that arrive out of order both apply (GitHub does not promise the order of its deliveries); each applies once", async () => {
    const issue = eventIssue();
    const older = sim().state.addComment(issue, "/now edge Keynote", "bob");
    const newer = sim().state.addComment(issue, "/now tripleo Upgrades", "bob");
    const run = (c: typeof older) =>
      handleNowCommands(jobContext(sim(), NOW), loadedConfig(GATHERING), commandTarget(issue), { id: c.id, body: c.body, author: "bob" });
    await run(newer);
    await run(older);
    expect(lines(issue).slice(0, 2)).toEqual(["- **Room A** — Edge computing: now Keynote · next —", "- **Room B** — TripleO: now Upgrades · next —"]);
    expect(reactions(issue)).toEqual(["bob:+1", "bob:+1"]);
    await say(issue, "/now edge Lunch");
    const after = issue.body;
    await run(older); // redelivered: not applied again
    await run(newer);
    expect(issue.body).toBe(after);
  });
});
