/**
 * Milestones and assignees in the simulator (what the Action's sprint review and follow-up
 * issues use): milestones from the world over GraphQL (by due date, with their items and
 * MilestonedEvent times), the `milestone:` search qualifier, issues created with a milestone and
 * assignees (REST answers and webhook payloads checked against GitHub's descriptions), GitHub's
 * 422 for a login that cannot be assigned, and pull requests found by their head branch.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GitHubGateway, type OctokitLike } from "../../src/github/gateway.js";
import { MILESTONES, PULL_REQUESTS_FROM_BRANCH, SEARCH_SPRINT_ITEMS } from "../../src/github/queries.js";
import { graphqlAs } from "./graphql-client.js";
import { octokitFor, violationText, type TestOctokitInstance } from "./helpers.js";
import { startSimulator, type Simulator } from "./server.js";
import type { World } from "./world.js";

const TOKEN = "ghs_milestones_test_token_0001";

const world: World = {
  now: "2025-01-13T09:00:00Z",
  clock: { frozen: true, step_ms: 1000 },
  users: ["alice", "bob", "carol"],
  orgs: [
    {
      login: "acme",
      members: { alice: "admin", bob: "write" },
      repos: [
        {
          name: "infra",
          milestones: [
            { title: "Sprint Hobart", due_on: "2025-01-24T08:00:00Z", created_at: "2025-01-02T09:00:00Z" },
            {
              title: "Sprint Gothenburg",
              state: "closed",
              due_on: "2025-01-10T08:00:00Z",
              created_at: "2024-12-27T09:00:00Z",
              closed_at: "2025-01-10T17:00:00Z",
            },
            { title: "Someday" },
          ],
          issues: [
            {
              number: 1,
              title: "Automate image builds",
              author: "bob",
              state: "closed",
              closed_at: "2025-01-09T12:00:00Z",
              created_at: "2024-12-20T09:00:00Z",
              milestone: { title: "Sprint Gothenburg", at: "2024-12-27T10:00:00Z", by: "alice" },
            },
            { number: 2, title: "Rotate certificates", author: "bob", created_at: "2024-12-30T09:00:00Z", milestone: "Sprint Gothenburg" },
            { number: 3, title: "Upgrade Ceph", author: "alice", created_at: "2025-01-11T09:00:00Z", milestone: "Sprint Hobart", assignees: ["bob"] },
            { number: 4, title: "Dashboards", author: "bob", created_at: "2025-01-06T09:00:00Z", pull_request: { head: "dashboards" } },
          ],
        },
      ],
    },
  ],
  // An installation subscribed to issues, so the writes below are announced (and their payloads checked).
  app: { id: 7, slug: "docket", name: "Docket", owner: "acme", installations: [{ id: 1, account: "acme" }] },
  tokens: [{ token: TOKEN, login: "github-actions[bot]", repos: ["acme/*"] }],
};

let sim: Simulator;
let gh: TestOctokitInstance;
let gateway: GitHubGateway;

beforeAll(async () => {
  sim = await startSimulator({ world, checkWebhooks: true });
  gh = octokitFor(sim, TOKEN);
  gateway = new GitHubGateway(gh as unknown as OctokitLike);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());
afterEach(() => {
  expect(violationText(sim)).toEqual([]);
});

const infra = { owner: "acme", repo: "infra" };

describe("milestones", () => {
  it("DocketMilestones: by due date (none last), schema-valid; the gateway maps them", async () => {
    const data = await graphqlAs(sim, TOKEN).checked(MILESTONES, { owner: "acme", name: "infra", after: null });
    expect(data.repository.milestones.nodes.map((m: { title: string; state: string; dueOn: string | null }) => `${m.title} ${m.state} ${m.dueOn}`)).toEqual([
      "Sprint Gothenburg CLOSED 2025-01-10T08:00:00Z",
      "Sprint Hobart OPEN 2025-01-24T08:00:00Z",
      "Someday OPEN null",
    ]);
    const milestones = await gateway.milestones(infra);
    expect(milestones[0]).toEqual({
      id: expect.stringMatching(/^MI_/),
      number: 2,
      title: "Sprint Gothenburg",
      state: "closed",
      dueOn: "2025-01-10T08:00:00Z",
      createdAt: "2024-12-27T09:00:00Z",
      closedAt: "2025-01-10T17:00:00Z",
      url: "https://github.com/acme/infra/milestone/2",
    });
  });

  it('search `milestone:"title"` finds a sprint\'s items, with when the milestone was set', async () => {
    const data = await graphqlAs(sim, TOKEN).checked(SEARCH_SPRINT_ITEMS, { searchQuery: 'repo:acme/infra milestone:"Sprint Gothenburg"', after: null });
    expect(data.search.issueCount).toBe(2);
    const { items } = await gateway.searchSprintItems('repo:acme/infra milestone:"Sprint Gothenburg"');
    // Oldest first: every search reads its first page in the order of its first creation-time window (src/github/search-windows.ts).
    expect(items.map((i) => [i.number, i.state, i.closedAt, i.milestonedAt])).toEqual([
      [1, "closed", "2025-01-09T12:00:00Z", { "Sprint Gothenburg": "2024-12-27T10:00:00Z" }],
      [2, "open", null, { "Sprint Gothenburg": "2024-12-30T09:00:00Z" }],
    ]);
    expect((await gateway.searchSprintItems("repo:acme/infra no:milestone")).items.map((i) => i.number)).toEqual([4]);
  });

  it("REST issues show their milestone and assignees", async () => {
    const { data } = await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { ...infra, issue_number: 3 });
    expect(data.milestone).toMatchObject({ number: 1, title: "Sprint Hobart", open_issues: 1, closed_issues: 0, due_on: "2025-01-24T08:00:00Z" });
    expect(data.assignees?.map((a) => a.login)).toEqual(["bob"]);
  });
});

describe("assignees", () => {
  it("an issue created with assignees and a milestone announces opened, assigned and milestoned (schema-valid payloads)", async () => {
    const { data } = await gh.request("POST /repos/{owner}/{repo}/issues", { ...infra, title: "Follow up", body: "x", assignees: ["bob"], milestone: 1 });
    expect(data.assignees?.map((a) => a.login)).toEqual(["bob"]);
    expect(data.milestone?.title).toBe("Sprint Hobart");
    await sim.settled();
    expect(sim.deliveries().map((d) => `${d.event}.${d.action}`)).toEqual(["issues.opened", "issues.assigned", "issues.milestoned"]);
  });

  it("a login without a role on the repository cannot be assigned: 422, as GitHub answers", async () => {
    const error = await gh.request("POST /repos/{owner}/{repo}/issues", { ...infra, title: "Follow up", assignees: ["carol"] }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 422,
      response: { data: { message: "Validation Failed", errors: [{ resource: "Issue", field: "assignees", code: "invalid", value: "carol" }] } },
    });
    expect(sim.state.repo("acme", "infra")!.issues.size).toBe(4);
  });
});

describe("pull requests by head branch", () => {
  it("DocketPullRequestsFromBranch finds the open pull request from a branch, and only that", async () => {
    const data = await graphqlAs(sim, TOKEN).checked(PULL_REQUESTS_FROM_BRANCH, { owner: "acme", name: "infra", head: "dashboards" });
    expect(data.repository.pullRequests.nodes).toEqual([
      { number: 4, url: "https://github.com/acme/infra/pull/4", baseRefName: "main", isCrossRepository: false },
    ]);
    expect(await gateway.openPullRequest(infra, "dashboards")).toEqual({ number: 4, url: "https://github.com/acme/infra/pull/4" });
    expect(await gateway.openPullRequest(infra, "nope")).toBeNull();
  });
});
