/**
 * The gateway's board reads (src/github/gateway.ts `board`, `openPullRequest`) over a fake
 * Octokit: 100 items a page with the `after` cursor, a user's board found after the
 * organisation lookup answered NOT_FOUND, redacted items handed on (not a crash).
 */
import { describe, expect, it } from "vitest";
import { boardTopics } from "../../src/domain/board.js";
import { BoardNotFound, GitHubGateway, type OctokitLike } from "../../src/github/gateway.js";

function item(i: number): Record<string, unknown> {
  return {
    id: `PVTI_${i}`,
    type: "ISSUE",
    isArchived: false,
    createdAt: "2025-01-02T10:00:00Z",
    updatedAt: "2025-01-02T10:00:00Z",
    fullDatabaseId: String(1000 + i),
    content: {
      __typename: "Issue",
      id: `I_${i}`,
      number: i,
      title: `Topic ${i}`,
      url: `https://github.com/acme/infra/issues/${i}`,
      body: "",
      createdAt: "2025-01-01T10:00:00Z",
      closedAt: null,
      author: { login: "alice" },
      repository: { nameWithOwner: "acme/infra" },
      labels: { nodes: [] },
      reactions: { totalCount: 0 },
      issueState: "OPEN",
    },
    fieldValues: {
      nodes: [
        {
          __typename: "ProjectV2ItemFieldSingleSelectValue",
          name: "Agenda",
          createdAt: "2025-01-02T10:00:00Z",
          updatedAt: "2025-01-03T10:00:00Z",
          field: { name: "Status" },
        },
        {},
      ],
    },
  };
}

const redacted = {
  id: "PVTI_secret",
  type: "REDACTED",
  isArchived: false,
  createdAt: "2025-01-02T10:00:00Z",
  updatedAt: "2025-01-02T10:00:00Z",
  fullDatabaseId: "9",
  content: null,
  fieldValues: { nodes: [] },
};

/** A user's board of `total` items (one redacted): `organization` answers NOT_FOUND, as GitHub does for a user login. */
function fakeOctokit(total: number) {
  const calls: Array<Record<string, unknown>> = [];
  const all = [redacted, ...Array.from({ length: total - 1 }, (_, k) => item(k + 1))];
  const octokit: OctokitLike = {
    request: async () => {
      throw new Error("no REST expected");
    },
    graphql: async (_query, variables = {}) => {
      calls.push(variables);
      const start = variables.after ? Number(variables.after) : 0;
      const nodes = all.slice(start, start + 100);
      const end = start + nodes.length;
      const data = {
        organization: null,
        user: {
          projectV2: {
            id: "PVT_1",
            title: "Planning",
            url: "https://github.com/users/alice/projects/6",
            items: { totalCount: all.length, pageInfo: { hasNextPage: end < all.length, endCursor: String(end) }, nodes },
          },
        },
      };
      throw Object.assign(new Error("Could not resolve to an Organization with the login of 'alice'."), {
        errors: [{ type: "NOT_FOUND", path: ["organization"] }],
        data,
      });
    },
  };
  return { octokit, calls };
}

describe("GitHubGateway.board", () => {
  it("reads 1,000 items in 10 requests of 100, cursor after cursor; a redacted item is passed on and skipped by the domain", async () => {
    const { octokit, calls } = fakeOctokit(1000);
    const gateway = new GitHubGateway(octokit);
    const board = await gateway.board({ owner: "alice", number: 6 });
    expect(calls).toHaveLength(10);
    expect(gateway.requests).toBe(10);
    expect(calls.map((c) => c.after)).toEqual([null, "100", "200", "300", "400", "500", "600", "700", "800", "900"]);
    expect(calls.map((c) => c.withFields)).toEqual([true, false, false, false, false, false, false, false, false, false]); // the fields come once
    expect(board).toMatchObject({ id: "PVT_1", title: "Planning", url: "https://github.com/users/alice/projects/6" });
    expect(board.items).toHaveLength(1000);
    expect(board.items[0]).toMatchObject({ id: "PVTI_secret", content: null });
    expect(board.items[1]!.content).toMatchObject({ id: "I_1", state: "open" });
    const { topics, skipped } = boardTopics(board.items, { field: "status", value: "agenda" });
    expect(topics).toHaveLength(999);
    expect(skipped).toEqual({ redacted: 1, archived: 0, closed: 0 });
    expect(topics[0]).toMatchObject({ queuedAt: "2025-01-03T10:00:00Z", itemId: "PVTI_1" });
  });

  it("a board that does not resolve for either kind of owner is a BoardNotFound", async () => {
    const octokit: OctokitLike = {
      request: async () => ({ status: 200, data: null }),
      graphql: async () => {
        throw Object.assign(new Error("not found"), {
          errors: [{ type: "NOT_FOUND" }, { type: "NOT_FOUND" }],
          data: { organization: { projectV2: null }, user: null },
        });
      },
    };
    await expect(new GitHubGateway(octokit).board({ owner: "acme", number: 99 })).rejects.toBeInstanceOf(BoardNotFound);
  });

  it("a board the token may not read (FORBIDDEN, INSUFFICIENT_SCOPES) is BoardNotFound with GitHub's words; other errors are not swallowed", async () => {
    const failing = (errors: unknown[]): OctokitLike => ({
      request: async () => ({ status: 200, data: null }),
      graphql: async () => {
        throw Object.assign(new Error("graphql failed"), { errors, data: { organization: { projectV2: null }, user: null } });
      },
    });
    const forbidden = new GitHubGateway(
      failing([
        { type: "FORBIDDEN", path: ["organization", "projectV2"], message: "Resource not accessible by integration" },
        { type: "NOT_FOUND", path: ["user"], message: "Could not resolve to a User with the login of 'acme'." },
      ]),
    ).board({ owner: "acme", number: 6 });
    await expect(forbidden).rejects.toBeInstanceOf(BoardNotFound);
    await expect(forbidden).rejects.toThrow("GitHub answered: Resource not accessible by integration");
    const scopes = new GitHubGateway(
      failing([{ type: "INSUFFICIENT_SCOPES", message: "Your token has not been granted the required scopes to execute this query." }]),
    ).board({ owner: "acme", number: 6 });
    await expect(scopes).rejects.toThrow("GitHub answered: Your token has not been granted the required scopes");
    await expect(
      new GitHubGateway(failing([{ type: "RATE_LIMITED", message: "API rate limit exceeded" }])).board({ owner: "acme", number: 6 }),
    ).rejects.toThrow("graphql failed");
  });

  it("one job reads a board once, however many series and backlogs name it", async () => {
    const { octokit, calls } = fakeOctokit(150);
    const gateway = new GitHubGateway(octokit);
    const [a, b] = await Promise.all([gateway.board({ owner: "alice", number: 6 }), gateway.board({ owner: "Alice", number: 6 })]);
    expect(a).toBe(b);
    expect(calls).toHaveLength(2);
  });
});

describe("GitHubGateway.openPullRequest", () => {
  it("skips a pull request a fork opened from a branch of the same name", async () => {
    const octokit: OctokitLike = {
      request: async () => ({ status: 200, data: null }),
      graphql: async () => ({
        repository: {
          pullRequests: {
            nodes: [
              { number: 9, url: "https://github.com/acme/.github/pull/9", baseRefName: "main", isCrossRepository: true },
              { number: 7, url: "https://github.com/acme/.github/pull/7", baseRefName: "main", isCrossRepository: false },
            ],
          },
        },
      }),
    };
    expect(await new GitHubGateway(octokit).openPullRequest({ owner: "acme", repo: ".github" }, "docket/poll/meetup")).toEqual({
      number: 7,
      url: "https://github.com/acme/.github/pull/7",
    });
  });
});
