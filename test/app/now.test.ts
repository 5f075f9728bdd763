/**
 * `/now` in the app: a triager's comment on a gathering's event issue, against the simulator
 * (test/helpers/app-sim.ts). The command runs with its series' job, and the issue shows it.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { readSection } from "../../src/render/markers.js";
import { acmeWorld } from "../fixtures/acme.js";
import { BOT, useAppSim } from "../helpers/app-sim.js";
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

const CONFIG = `
meetings:
  ptg:
    title: Project Teams Gathering
    label: ptg-topic
    event:
      from: 2025-02-03
      to: 2025-02-05
      start: "09:00"
      timezone: UTC
      daily-budget: 3h
      tracks:
        - { id: edge, title: Edge computing, room: Room A }
        - { id: tripleo, title: TripleO, room: Room B }
`;

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
  it("a triager's `/now edge` updates the event issue's Happening now section and gets a 👍", async () => {
    await say("/now edge Opening plenary", "tess");
    const text = github.issue("acme/.github", 5).body ?? "";
    expect(readSection(text, "now")).toContain("- **Room A** — Edge computing: now Opening plenary · next —");
    expect(text.startsWith("Our gathering.\n")).toBe(true);
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
