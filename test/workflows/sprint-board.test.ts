/**
 * The Action's `sprint-review` command with sprints from a Projects (v2) board's iteration field,
 * against the local GitHub: the action world (test/workflows/action-world.ts) plus the board
 * sovereign#6 "Planning" (iterations Auckland, empty; Gothenburg; Hobart; Lisbon, empty) with
 * issues, a merged pull request that was archived, drafts and an issue of a private repository
 * the token may not see (redacted), and the board sovereign#7 with 250 drafts (paging).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runActionCommand } from "../../src/action/run.js";
import { CommandError } from "../../src/workflows/action-job.js";
import { violationText } from "../sim/helpers.js";
import { startSimulator, type Simulator } from "../sim/server.js";
import type { World } from "../sim/world.js";
import { actionWorld, CONFIG, jobContext, lastSeq, loadedConfig, writesSince } from "./action-world.js";

/** Reaches the public repositories (not sovereign/secret) and may read organisation boards. */
const BOARD_TOKEN = "ghs_action_token_board_0001";
/** The same without `organization_projects: read`. */
const NO_BOARDS_TOKEN = "ghs_action_token_board_0002";

function boardWorld(): World {
  const world = actionWorld();
  const org = world.orgs![0]!;
  org.repos!.push({
    name: "secret",
    visibility: "private",
    issues: [{ number: 1, title: "Hidden work", author: "alice", created_at: "2024-12-20T09:00:00Z" }],
  });
  const permissions = { issues: "write", contents: "write", pull_requests: "write", metadata: "read" } as const;
  const repos = ["sovereign/meetings", "sovereign/infra", "sovereign/standards"];
  world.tokens!.push(
    { token: BOARD_TOKEN, login: "github-actions[bot]", repos, permissions: { ...permissions, organization_projects: "read" } },
    { token: NO_BOARDS_TOKEN, login: "github-actions[bot]", repos, permissions },
  );
  const iteration = (title: string, start_date: string) => ({ title, start_date });
  org.projects = [
    ...(org.projects ?? []),
    {
      number: 6,
      title: "Planning",
      public: true,
      fields: [
        { name: "Status", type: "single_select", options: ["Todo", "Done"] },
        {
          name: "Sprint",
          type: "iteration",
          duration: 14,
          iterations: [
            iteration("Auckland", "2024-12-16"),
            iteration("Gothenburg", "2024-12-30"),
            iteration("Hobart", "2025-01-13"),
            iteration("Lisbon", "2025-01-27"),
          ],
        },
      ],
      items: [
        { content: "sovereign/infra#4", values: { Sprint: "Gothenburg" }, created_at: "2025-01-07T17:00:00Z" },
        { content: "sovereign/infra#7", values: { Sprint: "Gothenburg", Status: "Done" }, created_at: "2024-12-30T11:00:00Z", archived: true },
        { content: "sovereign/infra#8", values: { Sprint: "Gothenburg" }, created_at: "2024-12-30T11:30:00Z" },
        { content: "sovereign/standards#5", values: { Sprint: "Gothenburg" }, created_at: "2024-12-30T12:00:00Z" },
        { draft: { title: "Write the sprint newsletter", body: "" }, values: { Sprint: "Gothenburg" }, created_at: "2024-12-30T15:00:00Z" },
        { content: "sovereign/secret#1", values: { Sprint: "Gothenburg" }, created_at: "2024-12-30T16:00:00Z" },
        { content: "sovereign/infra#9", values: { Sprint: "Hobart" }, created_at: "2025-01-11T09:00:00Z" },
        { draft: { title: "Plan the offsite", body: "" }, values: { Sprint: "Hobart" }, created_at: "2025-01-12T09:00:00Z" },
        { content: "sovereign/infra#1", values: { Status: "Todo" }, created_at: "2025-01-04T10:00:00Z" },
      ],
    },
    {
      number: 7,
      title: "Big board",
      public: true,
      fields: [{ name: "Sprint", type: "iteration", duration: 14, iterations: [iteration("Big", "2024-12-30")] }],
      items: Array.from({ length: 250 }, (_, i) => ({
        draft: { title: `Chore ${i + 1}`, body: "" },
        values: { Sprint: "Big" },
        created_at: "2024-12-30T09:00:00Z",
      })),
    },
  ] as never;
  return world;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ world: boardWorld() });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());
afterEach(() => expect(violationText(sim)).toEqual([]));

const BOARD = "  board: { owner: sovereign, number: 6, iteration-field: Sprint }";
const boardConfig = (more = "", board = BOARD) => loadedConfig(CONFIG.replace(/sprints:\n(?: {2}.*\n)*/, `sprints:\n${board}\n${more}`));
const review = (now: string, o: { sprint?: string; config?: ReturnType<typeof loadedConfig>; token?: string } = {}) =>
  runActionCommand(jobContext(sim, now, { token: o.token ?? BOARD_TOKEN }), o.config ?? boardConfig(), {
    command: "sprint-review",
    ...(o.sprint ? { sprint: o.sprint } : {}),
  });
const fileIn = (repo: string, path: string) => sim.state.resolveRef(sim.state.repo("sovereign", repo)!)!.files.get(path)?.text;
const boardRequests = (since = 0) =>
  sim.log.filter((e) => e.seq > since && e.kind === "graphql" && /^DocketBoard/.test(e.operationName ?? "")).map((e) => e.operationName);
/** With `sprints.meeting: iaas` (reviews in sovereign/standards): Docket opens the IaaS meeting issue of 13 January, which reviews Sprint Gothenburg. */
async function reviewMeeting() {
  const config = boardConfig("  meeting: iaas\n  review-repository: standards\n");
  const opened = await runActionCommand(jobContext(sim, "2025-01-08T09:00:00Z", { token: BOARD_TOKEN }), config, { command: "agenda", series: "iaas" });
  const number = Number(/\/issues\/(\d+)$/.exec(opened.outputs.issues ?? "")?.[1]);
  const say = (as: string, body: string) => sim.act({ as, action: "comment", repo: "sovereign/meetings", number, body });
  return { config, number, say };
}

/** A draft's link: the item on the board. */
const draftLink = (markdown: string, title: string) =>
  new RegExp(`\\[${title}\\]\\((https://github\\.com/orgs/sovereign/projects/6\\?pane=issue&itemId=\\d+)\\)`).exec(markdown)?.[1];

describe("sprints from a board's iteration field", () => {
  it("reviews the iteration that ended last (archived items and drafts count, hidden ones are left out) and plans the next; a rerun writes nothing", async () => {
    const result = await review("2025-01-13T09:00:00Z");
    const text = fileIn("meetings", "sprints/gothenburg.md")!;
    const newsletter = draftLink(text, "Write the sprint newsletter");
    const offsite = draftLink(text, "Plan the offsite");
    expect(newsletter).toBeDefined();
    expect(offsite).toBeDefined();
    expect(text).toBe(`# Sprint Gothenburg review

30 December 2024 – 12 January 2025 · 5 items: 2 done, 2 carried over, 1 closed before the sprint; 1 added mid-sprint.

\`\`\`mermaid
pie title Sprint Gothenburg
    "Done" : 2
    "Carried over" : 2
    "Closed before the sprint" : 1
\`\`\`

| Group | Done | Carried over | Closed before | Added mid-sprint |
| --- | -: | -: | -: | -: |
| sovereign/infra | 1 | 1 | 1 | 1 |
| sovereign/standards | 1 | 0 | 0 | 0 |
| Drafts | 0 | 1 | 0 | 0 |

## sovereign/infra

### Done

- [sovereign/infra#7 Add Grafana dashboards](https://github.com/sovereign/infra/pull/7)

### Carried over

- [sovereign/infra#4 Disk usage alerts fire too often](https://github.com/sovereign/infra/issues/4)

### Closed before the sprint

- [sovereign/infra#8 Remove the old bastion host](https://github.com/sovereign/infra/issues/8)

### Added mid-sprint

- [sovereign/infra#4 Disk usage alerts fire too often](https://github.com/sovereign/infra/issues/4) — carried over

## sovereign/standards

### Done

- [sovereign/standards#5 Document the flavor naming](https://github.com/sovereign/standards/issues/5)

## Drafts

### Carried over

- [Write the sprint newsletter](${newsletter})

# Sprint Hobart planning

13–26 January 2025 · 2 items.

## sovereign/infra

- [sovereign/infra#9 Upgrade Ceph to Reef](https://github.com/sovereign/infra/issues/9)

## Drafts

- [Plan the offsite](${offsite})

<!-- docket:sprint-review {"sprint":"Gothenburg","ended":true,"carried":[{"id":"I_c292ZXJlaWduL2luZnJhIzQ","repo":"sovereign/infra","number":4,"title":"Disk usage alerts fire too often","url":"https://github.com/sovereign/infra/issues/4","kind":"issue","added":true},{"id":"DI_ODg","repo":"","number":null,"title":"Write the sprint newsletter","url":"https://github.com/orgs/sovereign/projects/6?pane=issue\\u0026itemId=88","kind":"draft"}]} -->
`);
    expect(result.outputs).toEqual({
      path: "sprints/gothenburg.md",
      url: "https://github.com/sovereign/meetings/blob/main/sprints/gothenburg.md",
      done: "2",
      "carried-over": "2",
      added: "1",
    });
    expect(result.warnings).toEqual(["1 item on the board sovereign#6 is hidden from Docket (in repositories it may not read) and was left out of the review"]);
    expect(boardRequests()).toEqual(["DocketBoardItems"]); // the fields (and iterations) come with the first page

    const seq = lastSeq(sim);
    await review("2025-01-14T09:00:00Z");
    expect(writesSince(sim, seq)).toEqual([]);
  });

  it("an iteration by name or slug (any case), published in sprints.repository; an empty iteration is still reviewable", async () => {
    const config = boardConfig("  repository: infra\n");
    const auckland = await review("2025-01-13T09:00:00Z", { sprint: "AUCKLAND", config });
    expect(auckland.outputs).toMatchObject({ path: "sprints/auckland.md", done: "0", "carried-over": "0", added: "0" });
    const text = fileIn("infra", "sprints/auckland.md")!;
    expect(text.split("\n").slice(0, 5)).toEqual([
      "# Sprint Auckland review",
      "",
      "16–29 December 2024 · 0 items: 0 done, 0 carried over.",
      "",
      "No items were in this sprint.",
    ]);
    expect(text).toContain("# Sprint Gothenburg planning\n\n30 December 2024 – 12 January 2025 · 5 items.");
    expect(text).toContain("- [sovereign/infra#4 Disk usage alerts fire too often](https://github.com/sovereign/infra/issues/4)\n");

    // Hobart has not ended, but named it is reviewed; its next iteration is empty.
    const hobart = await review("2025-01-13T09:00:00Z", { sprint: "hobart", config });
    expect(hobart.outputs).toMatchObject({ path: "sprints/hobart.md", done: "0", "carried-over": "2" });
    expect(fileIn("infra", "sprints/hobart.md")).toMatch(
      /# Sprint Lisbon planning\n\n27 January – 9 February 2025 · 0 items\.\n\nNothing planned yet\.\n\n<!-- docket:sprint-review \{"sprint":"Hobart","ended":false,.*\} -->\n$/,
    );
    expect(fileIn("meetings", "sprints/hobart.md")).toBeUndefined();
  });

  it("iterations start at midnight in sprints.timezone: which one ended last, and the dates shown", async () => {
    // 23:30 UTC on 12 January is already 13 January in Berlin: Gothenburg is over there, not in UTC.
    const berlin = await review("2025-01-12T23:30:00Z", { config: boardConfig("  timezone: Europe/Berlin\n") });
    expect(berlin.outputs.path).toBe("sprints/gothenburg.md");
    expect(fileIn("meetings", "sprints/gothenburg.md")?.split("\n")[2]).toMatch(/^30 December 2024 – 12 January 2025 · 5 items/);
    const utc = await review("2025-01-12T23:30:00Z");
    expect(utc.outputs.path).toBe("sprints/auckland.md");
  });

  it("errors: an unknown iteration, none ended yet, a board Docket may not read or that does not exist, no such iteration field", async () => {
    await expect(review("2025-01-13T09:00:00Z", { sprint: "Oslo" })).rejects.toEqual(
      new CommandError('there is no sprint "Oslo" (iterations on the board sovereign#6: Auckland, Gothenburg, Hobart, Lisbon)', "sprints.board"),
    );
    await expect(review("2024-12-20T09:00:00Z")).rejects.toEqual(
      new CommandError("no sprint has ended yet (iterations on the board sovereign#6: Auckland, Gothenburg, Hobart, Lisbon)", "sprints.board"),
    );
    const unreadable = new CommandError(
      `the Projects (v2) board sovereign#6 does not exist or Docket may not read it (GitHub answered: Resource not accessible by personal access token) (an organisation board needs the app's "organization_projects: read" permission, or a token that may read projects)`,
      "sprints.board",
    );
    await expect(review("2025-01-13T09:00:00Z", { token: NO_BOARDS_TOKEN })).rejects.toEqual(unreadable);
    await expect(
      review("2025-01-13T09:00:00Z", { config: boardConfig("", "  board: { owner: sovereign, number: 99, iteration-field: Sprint }") }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/^the Projects \(v2\) board sovereign#99 does not exist/),
      configPath: "sprints.board",
    });
    for (const field of ["Status", "Iteration"]) {
      await expect(
        review("2025-01-13T09:00:00Z", { config: boardConfig("", `  board: { owner: sovereign, number: 6, iteration-field: ${field} }`) }),
      ).rejects.toEqual(
        new CommandError(`the board sovereign#6 has no iteration field named "${field}" (its iteration fields: "Sprint")`, "sprints.board.iteration-field"),
      );
    }
    expect(writesSince(sim)).toEqual([]);
  });

  it("reads a board of 250 items in three pages of 100, its iterations with the first", async () => {
    const seq = lastSeq(sim);
    const result = await review("2025-01-13T09:00:00Z", { config: boardConfig("", "  board: { owner: sovereign, number: 7, iteration-field: Sprint }") });
    expect(result.outputs).toMatchObject({ path: "sprints/big.md", done: "0", "carried-over": "250" });
    expect(boardRequests(seq)).toEqual(["DocketBoardItems", "DocketBoardItems", "DocketBoardItems"]);
  });
});

describe("a sprint review is a record", () => {
  /** The team moves an unfinished item of Gothenburg into Hobart on the board. */
  const moveToHobart = (repo: string, number: number) => {
    const project = sim.state.project("sovereign", 6)!;
    const issue = sim.state.issue(sim.state.repo("sovereign", repo)!, number)!;
    const item = project.items.find((i) => i.issueNodeId === issue.nodeId)!;
    sim.state.editProjectItem(project, item, "Sprint", "Hobart", "alice");
  };
  const disk = "- [sovereign/infra#4 Disk usage alerts fire too often](https://github.com/sovereign/infra/issues/4)";

  it("is kept as published after the board moves an unfinished item on; with force it is rendered again, the item still carried over and marked in the next plan", async () => {
    await review("2025-01-13T09:00:00Z");
    const published = fileIn("meetings", "sprints/gothenburg.md")!;
    expect(published).toContain(`### Carried over\n\n${disk}\n`);

    moveToHobart("infra", 4);
    const seq = lastSeq(sim);
    const again = await review("2025-01-14T09:00:00Z");
    expect(writesSince(sim, seq)).toEqual([]);
    expect(fileIn("meetings", "sprints/gothenburg.md")).toBe(published);
    expect(again.summary).toContain("- A record of an ended sprint: kept as published (input `force: true` renders it again).");
    expect(again.outputs).toMatchObject({ done: "2", "carried-over": "2", added: "1" });

    const forced = await runActionCommand(jobContext(sim, "2025-01-14T09:00:00Z", { token: BOARD_TOKEN }), boardConfig(), {
      command: "sprint-review",
      force: true,
    });
    const text = fileIn("meetings", "sprints/gothenburg.md")!;
    expect(forced.outputs).toMatchObject({ done: "2", "carried-over": "2", added: "1" });
    expect(text).not.toBe(published);
    expect(text).toContain("5 items: 2 done, 2 carried over, 1 closed before the sprint; 1 added mid-sprint.");
    expect(text).toContain(`### Carried over\n\n${disk}\n`);
    expect(text).toContain(
      `# Sprint Hobart planning\n\n13–26 January 2025 · 3 items.\n\n## sovereign/infra\n\n${disk} — carried over from Sprint Gothenburg\n- [sovereign/infra#9 Upgrade Ceph to Reef]`,
    );
  });

  it("names the meeting that reviewed it, links its minutes, lists participants and roles, puts notes about sprint items under them; published where review-repository says", async () => {
    const { config, number, say } = await reviewMeeting();
    await say("alice", "/here");
    await say("bob", "/here\n/note sovereign/infra#4 tune the thresholds -> (@team) first\n/decision sovereign/standards#5 Done as written.");
    await review("2025-01-13T15:00:00Z", { config });
    expect(fileIn("meetings", "sprints/gothenburg.md")).toBeUndefined();
    const text = fileIn("standards", "sprints/gothenburg.md")!;
    expect(text.split("\n").slice(0, 8).join("\n")).toBe(`# Sprint Gothenburg review

30 December 2024 – 12 January 2025 · 5 items: 2 done, 2 carried over, 1 closed before the sprint; 1 added mid-sprint.

- Reviewed in: [sovereign/meetings#${number}](https://github.com/sovereign/meetings/issues/${number})
- Minutes of the meeting: [minutes/2025-01-13.md](https://github.com/sovereign/meetings/blob/main/minutes/2025-01-13.md)
- Participants: @alice, @bob
- Minutes: @bob`);
    expect(text).toContain(`### Carried over\n\n${disk}\n  - tune the thresholds -> (@team) first\n`);
    expect(text).toContain(
      "- [sovereign/standards#5 Document the flavor naming](https://github.com/sovereign/standards/issues/5)\n  - **Decision:** Done as written.\n",
    );
  });

  it("the minutes of that meeting link the review and put notes about sprint items under those items, not under Other", async () => {
    const { config, number, say } = await reviewMeeting();
    await say(
      "bob",
      "/here\n/note sovereign/infra#4 tune the thresholds first\n/decision #5 Done as written.\n/note #9 Reef needs a maintenance window\n/note #99 not a sprint item",
    );
    const minutes = await runActionCommand(jobContext(sim, "2025-01-13T15:00:00Z", { token: BOARD_TOKEN }), config, {
      command: "minutes",
      issue: { owner: "sovereign", repo: "meetings", number },
    });
    const text = fileIn("meetings", "minutes/2025-01-13.md")!;
    expect(text.split("\n").slice(2, 5).join("\n")).toBe(`- Date: Monday, 13 January 2025
- Meeting issue: [sovereign/meetings#${number}](https://github.com/sovereign/meetings/issues/${number})
- Sprint review: [sprints/gothenburg.md](https://github.com/sovereign/standards/blob/main/sprints/gothenburg.md)`);
    expect(text).toContain(`## Sprint items

### [sovereign/infra#4 Disk usage alerts fire too often](https://github.com/sovereign/infra/issues/4)

- tune the thresholds first

### [sovereign/standards#5 Document the flavor naming](https://github.com/sovereign/standards/issues/5)

- **Decision:** Done as written.

### [sovereign/infra#9 Upgrade Ceph to Reef](https://github.com/sovereign/infra/issues/9)

- Reef needs a maintenance window

## Other

- not a sprint item (#99)
`);
    expect(text).toContain("## Decisions\n\n- Done as written. (sovereign/standards#5)\n");
    expect(text.slice(text.indexOf("## Carried over"))).not.toMatch(/infra#4|standards#5|infra#9/);
    expect(minutes.warnings).toEqual([expect.stringContaining("#99 is not on the agenda")]);
  });
});
