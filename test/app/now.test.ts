/**
 * `/now` in the app: a triager's comment on a gathering's event issue, against the simulator
 * (test/helpers/app-sim.ts). The command runs with its series' job, and the issue shows it.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { readSection } from "../../src/render/markers.js";
import { acmeWorld } from "../fixtures/acme.js";
import { BOT, useAppSim } from "../helpers/app-sim.js";
import { ptgConfig } from "../helpers/gathering.js";
import type { Issue } from "../sim/state.js";

// A `/now` comment saying "(fails)" fails as a GitHub outage would; every other one runs as it is.
vi.mock("../../src/workflows/now.js", async (original) => {
  const real = await original<typeof import("../../src/workflows/now.js")>();
  return {
    ...real,
    handleNowCommands: (...args: Parameters<typeof real.handleNowCommands>) =>
      args[3].body.includes("(fails)") ? Promise.reject(new Error("GitHub answered 502")) : real.handleNowCommands(...args),
  };
});

// The event's issue lives in acme/.github, beside the configuration (acme has no meetings repository).
const CONFIG = ptgConfig({
  title: "Project Teams Gathering",
  tracks: ["{ id: edge, title: Edge computing, room: Room A }", "{ id: tripleo, title: TripleO, room: Room B }"],
}).replace("repository: meetings\n", "");

const NOW = "2025-02-03T10:15:00Z";
const github = useAppSim(acmeWorld({ now: NOW, config: CONFIG }), { now: NOW });
let issue: Issue;

beforeEach(() => {
  const repo = github.sim.state.repo("acme", ".github")!;
  repo.nextNumber = 5;
  issue = github.sim.state.createIssue(repo, {
    title: "Project Teams Gathering — 2025-02-03",
    author: "tess",
    body: "Our gathering.\n",
    labels: ["docket/ptg"],
  });
});

async function say(body: string, commenter: string): Promise<void> {
  await github.act({ as: commenter, action: "comment", repo: "acme/.github", number: issue.number, body });
}

describe("/now in the app", () => {
  // What `/now` writes, who may use it and how it answers: test/workflows/now.test.ts. Here, that
  // the app routes the comment to it, as the app's own identity, in the series' job.
  it("a triager's `/now edge` on the event issue updates its Happening now section and gets the app's 👍", async () => {
    await say("/now edge Opening plenary", "tess");
    const text = github.issue("acme/.github", 5).body ?? "";
    expect(readSection(text, "now")).toContain("Opening plenary");
    expect(
      issue.comments
        .flatMap((c) => c.reactions)
        .filter((r) => r.user === BOT)
        .map((r) => r.content),
    ).toEqual(["+1"]);
    // The series' rebuild ran after it in the same job and kept it.
    expect(readSection(text, "agenda")).toContain("<!-- docket:state ");
  });

  it("a `/now` that fails loses nothing else of its job: the series' rebuild still runs", async () => {
    await say("/now edge Keynote (fails)", "tess");
    const text = github.issue("acme/.github", 5).body ?? "";
    expect(readSection(text, "now")).toBeNull();
    expect(readSection(text, "agenda")).toContain("<!-- docket:state ");
  });
});
