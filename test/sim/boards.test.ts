/**
 * Projects (v2) boards in the simulator: boards of an organisation and a user from the world
 * file, read through Docket's gateway (BOARD_ITEMS, BOARD_BY_ID, TOPIC_BOARDS) with
 * issues, pull requests, drafts and an item the token may not see (redacted), and the board
 * actions, which announce `projects_v2_item` webhooks for organisation boards only (payloads
 * checked against GitHub's webhook schema).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { boardTopics, sprintsFromIterations } from "../../src/domain/board.js";
import { BoardNotFound, findBoardField, GitHubGateway, type OctokitLike } from "../../src/github/gateway.js";
import { checkWebhookPayload } from "../contracts/webhooks.js";
import { issueNodeId, pullRequestNodeId } from "../fixtures/webhooks.js";
import { octokitFor, violationText } from "./helpers.js";
import { startSimulator, type Simulator } from "./server.js";
import type { World } from "./world.js";

const TOKEN = "ghs_boards_test_token_00001";
const NO_PROJECTS = "ghs_boards_test_token_00002";

const BOARD_WORLD: World = {
  now: "2025-01-13T09:00:00Z",
  clock: { frozen: true, step_ms: 1000 },
  users: [
    {
      login: "alice",
      projects: [
        {
          number: 1,
          title: "Alice's ideas",
          fields: [{ name: "Status", type: "single_select", options: ["Idea"] }],
          items: [{ draft: { title: "Write a blog post" }, values: { Status: "Idea" } }],
        },
      ],
    },
    "bob",
  ],
  orgs: [
    {
      login: "acme",
      members: { alice: "admin", bob: "write" },
      repos: [
        {
          name: "infra",
          issues: [
            { number: 1, title: "Upgrade Ceph", author: "bob", created_at: "2025-01-02T09:00:00Z" },
            { number: 2, title: "Dashboards", author: "bob", created_at: "2025-01-03T09:00:00Z", pull_request: { head: "dashboards" } },
            { number: 3, title: "Old bastion", author: "alice", state: "closed", created_at: "2024-12-03T09:00:00Z" },
          ],
        },
        { name: "secret", visibility: "private", issues: [{ number: 1, title: "Hidden topic", author: "alice" }] },
      ],
      projects: [
        {
          number: 6,
          title: "Planning",
          created_at: "2024-12-01T09:00:00Z",
          fields: [
            { name: "Status", type: "single_select", options: ["Agenda", "Idea", "Done"] },
            { name: "Estimate", type: "number" },
            {
              name: "Sprint",
              type: "iteration",
              iterations: [
                { title: "Gothenburg", start_date: "2024-12-30" },
                { title: "Hobart", start_date: "2025-01-13" },
              ],
            },
          ],
          items: [
            { content: "acme/infra#1", values: { Status: "Agenda", Estimate: 15, Sprint: "Gothenburg" }, created_at: "2025-01-04T09:00:00Z" },
            { content: "acme/infra#2", values: { Status: "Agenda", Sprint: "Hobart" }, created_at: "2025-01-05T09:00:00Z" },
            { content: "acme/infra#3", values: { Status: "Agenda", Sprint: "Gothenburg" } },
            { content: "acme/secret#1", values: { Status: "Agenda" } },
            { draft: { title: "Community call format", body: "An idea" }, values: { Status: "Agenda", Estimate: 5 }, created_at: "2025-01-06T09:00:00Z" },
            { draft: { title: "Archived thought" }, values: { Status: "Agenda" }, archived: true },
          ],
        },
      ],
    },
  ],
  app: {
    id: 7,
    slug: "docket",
    name: "Docket",
    owner: "acme",
    permissions: { issues: "write", organization_projects: "read", metadata: "read" },
    events: ["issues", "projects_v2_item"],
    installations: [{ id: 1, account: "acme" }],
  },
  tokens: [
    {
      token: TOKEN,
      login: "github-actions[bot]",
      repos: ["acme/infra"],
      permissions: { issues: "read", pull_requests: "read", organization_projects: "read", metadata: "read" },
    },
    { token: NO_PROJECTS, login: "github-actions[bot]", repos: ["acme/*"], permissions: { issues: "read", metadata: "read" } },
  ],
};

let sim: Simulator;
let gateway: GitHubGateway;

beforeAll(async () => {
  sim = await startSimulator({ world: BOARD_WORLD, checkWebhooks: true });
  gateway = new GitHubGateway(octokitFor(sim, TOKEN) as unknown as OctokitLike);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());
afterEach(() => {
  expect(violationText(sim)).toEqual([]);
});

describe("boards in the simulator", () => {
  it("an organisation board: issues, pull requests and drafts with their field values; an issue the token may not see is redacted", async () => {
    const board = await gateway.board({ owner: "acme", number: 6 });
    expect(board).toMatchObject({ title: "Planning", url: "https://github.com/orgs/acme/projects/6" });
    expect(board.items.map((i) => i.content?.kind ?? "redacted")).toEqual(["issue", "pull_request", "issue", "redacted", "draft", "draft"]);
    const { topics, skipped } = boardTopics(board.items, { field: "Status", value: "agenda", estimateField: "Estimate", boardUrl: board.url });
    expect(topics.map((t) => [t.topic.kind, t.topic.title, t.boardMinutes])).toEqual([
      ["issue", "Upgrade Ceph", 15],
      ["pull_request", "Dashboards", null],
      ["draft", "Community call format", 5],
    ]);
    expect(topics[2]!.topic.url).toMatch(/^https:\/\/github\.com\/orgs\/acme\/projects\/6\?pane=issue&itemId=\d+$/);
    expect(skipped).toEqual({ redacted: 1, archived: 1, closed: 1 });
  });

  it("fields with their options and iterations (completed and active ones), items per sprint", async () => {
    const { items, fields } = await gateway.board({ owner: "acme", number: 6 });
    expect(fields.map((f) => [f.name, f.type, f.options])).toEqual([
      ["Status", "single_select", ["Agenda", "Idea", "Done"]],
      ["Estimate", "number", []],
      ["Sprint", "iteration", []],
    ]);
    const iterations = findBoardField(fields, "sprint")?.iterations;
    expect(iterations).toEqual([
      { title: "Gothenburg", startDate: "2024-12-30", duration: 14 },
      { title: "Hobart", startDate: "2025-01-13", duration: 14 },
    ]);
    const sprints = sprintsFromIterations(items, "Sprint", { iterations: iterations! });
    expect(sprints.map((s) => [s.sprint.name, s.items.map((i) => `${i.title} ${i.state}`)])).toEqual([
      ["Gothenburg", ["Upgrade Ceph open", "Old bastion closed"]],
      ["Hobart", ["Dashboards open"]],
    ]);
  });

  it("a user's board is found by the same query; a token without organization_projects sees no organisation board", async () => {
    const user = await gateway.board({ owner: "alice", number: 1 });
    expect(user.items.map((i) => i.content?.title)).toEqual(["Write a blog post"]);
    await expect(gateway.board({ owner: "acme", number: 99 })).rejects.toBeInstanceOf(BoardNotFound);
    const without = new GitHubGateway(octokitFor(sim, NO_PROJECTS) as unknown as OctokitLike);
    await expect(without.board({ owner: "acme", number: 6 })).rejects.toBeInstanceOf(BoardNotFound);
  });

  it("an issue knows the boards it is on (Issue.projectItems), those the token may read", async () => {
    expect(await gateway.topicBoards(issueNodeId("acme", "infra", 1))).toEqual([{ owner: "acme", number: 6 }]);
    expect(await gateway.topicBoards(pullRequestNodeId("acme", "infra", 2))).toEqual([{ owner: "acme", number: 6 }]);
    const without = new GitHubGateway(octokitFor(sim, NO_PROJECTS) as unknown as OctokitLike);
    expect(await without.topicBoards(issueNodeId("acme", "infra", 1))).toEqual([]);
    expect(await gateway.topicBoards("I_doesnotexist")).toBeNull();
  });

  it("board actions announce projects_v2_item webhooks (valid against GitHub's schema) for organisation boards only", async () => {
    const added = await sim.act({ as: "bob", action: "board-add", board: "acme/6", draft: { title: "Try a new format" }, values: { Status: "Agenda" } });
    expect(added.deliveries.map((d) => d.name)).toEqual(["projects_v2_item.created", "projects_v2_item.edited"]);
    const edited = sim.deliveries().find((d) => d.name === "projects_v2_item.edited")! as unknown as {
      name: string;
      payload: { projects_v2_item: { project_node_id: string; content_node_id: string } };
    };
    expect(checkWebhookPayload(edited.name, edited.payload)).toEqual([]);
    expect(edited.payload).toMatchObject({
      action: "edited",
      projects_v2_item: { node_id: added.projectItem, content_type: "DraftIssue" },
      changes: { field_value: { field_type: "single_select", field_name: "Status" } },
      organization: { login: "acme" },
    });
    expect(edited.payload).not.toHaveProperty("repository");

    expect(await gateway.boardById(edited.payload.projects_v2_item.project_node_id)).toEqual({ owner: "acme", number: 6 });

    const archived = await sim.act({ as: "alice", action: "board-archive", board: "acme/6", issue: "acme/infra#1" });
    const removed = await sim.act({ as: "alice", action: "board-remove", board: "acme/6", issue: "acme/infra#2" });
    expect([...archived.deliveries, ...removed.deliveries].map((d) => d.name)).toEqual(["projects_v2_item.archived", "projects_v2_item.deleted"]);
    for (const d of sim.deliveries()) expect(checkWebhookPayload(d.name, d.payload)).toEqual([]);
    // The board still resolves after its item is gone; a node that is no board does not.
    expect(await gateway.boardById(edited.payload.projects_v2_item.project_node_id)).toEqual({ owner: "acme", number: 6 });
    expect(await gateway.boardById(removed.projectItem!)).toBeNull();

    const user = await sim.act({ as: "alice", action: "board-add", board: "alice/1", issue: "acme/infra#1", values: { Status: "Idea" } });
    expect(user).toMatchObject({ changed: true, deliveries: [] });
    await expect(sim.act({ as: "bob", action: "board-set", board: "alice/1", issue: "acme/infra#1", values: { Status: null } })).rejects.toThrow(
      /only its owner/,
    );
  });
});
