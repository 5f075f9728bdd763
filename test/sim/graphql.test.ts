/**
 * The simulator's GraphQL API: Docket's documents (src/github/queries.ts) run against GitHub's
 * schema over the state; answers pass the contract kit's response check and match the state;
 * documents GitHub would reject get GitHub's errors.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { toTopic } from "../../src/github/gateway.js";
import { checkGraphQLResponse } from "../contracts/graphql.js";
import { DOCKET_ISSUES, OWNER_FILES, PIN_ISSUE, SEARCH_TOPICS, TOPICS_BY_ID } from "../../src/github/queries.js";
import { issueNodeId, pullRequestNodeId } from "../fixtures/webhooks.js";
import { graphqlAs } from "./graphql-client.js";
import { installationToken, startTestSimulator, violationText, withTypenames } from "./helpers.js";
import type { Simulator } from "./server.js";

let sim: Simulator;
let token: string;

beforeAll(async () => {
  sim = await startTestSimulator();
  token = await installationToken(sim);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());
afterEach(() => {
  expect(violationText(sim)).toEqual([]);
});

const gql = (query: string, variables: Record<string, unknown> = {}, path = "/api/graphql") => graphqlAs(sim, token).gql(query, variables, path);
const checked = (query: string, variables: Record<string, unknown> = {}) => graphqlAs(sim, token).checked(query, variables);

const search = async (q: string) => {
  const data = await checked(SEARCH_TOPICS, { searchQuery: q, after: null });
  return {
    count: data.search.issueCount as number,
    keys: (data.search.nodes as Array<{ repository: { nameWithOwner: string }; number: number }>).map((n) => `${n.repository.nameWithOwner}#${n.number}`),
    data,
  };
};

describe("Docket's documents", () => {
  it("DocketSearchTopics: open agenda topics of the org, newest first, with labels, label times and 👍", async () => {
    const { count, keys, data } = await search('org:sovereign label:"agenda/iaas" is:open');
    expect(keys).toEqual(["sovereign/infra#2", "sovereign/infra#1", "sovereign/standards#1", "sovereign/meetings#1"]);
    expect(count).toBe(4);
    expect(data.search.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
    const topics = data.search.nodes.map(toTopic);
    expect(topics[0]).toMatchObject({
      kind: "pull_request",
      id: pullRequestNodeId("sovereign", "infra", 2),
      author: "renovate[bot]",
      state: "open",
      labeledAt: { "agenda/iaas": "2025-01-07T08:00:00Z" },
    });
    expect(topics[1]).toMatchObject({
      kind: "issue",
      id: issueNodeId("sovereign", "infra", 1),
      labels: ["agenda/iaas", "time/15m"],
      labeledAt: { "agenda/iaas": "2025-01-06T09:30:00Z", "time/15m": "2025-01-06T09:31:00Z" },
      url: "https://github.com/sovereign/infra/issues/1",
      createdAt: "2025-01-04T09:00:00Z",
    });
    expect(topics[2]).toMatchObject({ thumbsUp: 1, body: expect.stringContaining("### Estimate") });
    expect(topics[3]).toMatchObject({ thumbsUp: 2, author: "alice" });
  });

  it("search qualifiers: repo, user, label OR and AND, exclusion, state, kind, words in the title, sort", async () => {
    expect((await search("repo:sovereign/standards is:closed")).keys).toEqual(["sovereign/standards#4"]);
    expect((await search("user:sovereign label:idea")).keys).toEqual(["sovereign/standards#2", "sovereign/standards#3"]);
    expect((await search("org:sovereign label:idea,meetup-topic")).keys).toEqual(["sovereign/infra#3", "sovereign/standards#2", "sovereign/standards#3"]);
    expect((await search('org:sovereign label:"agenda/iaas" label:time/15m')).keys).toEqual(["sovereign/infra#1"]);
    expect((await search('org:sovereign label:"agenda/iaas" -label:time/15m is:open is:issue')).keys).toEqual([
      "sovereign/standards#1",
      "sovereign/meetings#1",
    ]);
    expect((await search("org:sovereign is:pr")).keys).toEqual(["sovereign/infra#2"]);
    expect((await search("org:sovereign flavor in:title")).keys).toEqual(["sovereign/standards#1"]);
    expect((await search("org:sovereign release")).keys).toEqual(["sovereign/infra#1", "sovereign/standards#1"]); // title or body
    expect((await search("org:sovereign release in:title")).keys).toEqual(["sovereign/infra#1"]);
    expect((await search("org:sovereign label:idea sort:created-asc")).keys).toEqual(["sovereign/standards#3", "sovereign/standards#2"]);
    expect((await search("org:elsewhere")).count).toBe(0);
  });

  it("search by creation: a day, a second, comparisons and ranges (both ends included, * open), as GitHub reads created:", async () => {
    const keys = async (q: string) => (await search(`org:sovereign sort:created-asc ${q}`)).keys;
    // Created (UTC): standards#3 11-20 09:00, standards#4 12-01 10:00, standards#2 12-12 15:00, meetings#1 01-02 10:00, standards#1 01-03 08:00, …, infra#3 01-07 10:00, infra#4 01-07 16:00.
    expect(await keys("created:2024-12-01")).toEqual(["sovereign/standards#4"]);
    expect(await keys("created:<2024-12-12")).toEqual(["sovereign/standards#3", "sovereign/standards#4"]);
    expect(await keys("created:<=2024-12-12")).toEqual(["sovereign/standards#3", "sovereign/standards#4", "sovereign/standards#2"]);
    expect(await keys("created:2024-12-12T15:00:00Z..2025-01-02T10:00:00Z")).toEqual(["sovereign/standards#2", "sovereign/meetings#1"]);
    expect(await keys("created:2024-12-12T15:00:01Z..2025-01-02T10:00:00+00:00")).toEqual(["sovereign/meetings#1"]);
    expect(await keys("created:*..2024-12-01")).toEqual(["sovereign/standards#3", "sovereign/standards#4"]);
    expect(await keys("created:>=2025-01-07T10:00:00Z")).toEqual(["sovereign/infra#3", "sovereign/infra#4"]);
    expect(await keys("created:>2025-01-07T10:00:00Z created:<2025-01-08")).toEqual(["sovereign/infra#4"]);
    expect(await keys("created:2025-01-07T11:00:00+01:00..*")).toEqual(["sovereign/infra#3", "sovereign/infra#4"]);
  });

  it("DocketOwnerFiles: the owner's repositories the installation sees, and which have the file at HEAD (a Blob) or not (null)", async () => {
    const data = await checked(OWNER_FILES, { owner: "sovereign", expression: "HEAD:.github/docket.yml", after: null });
    const nodes = data.repositoryOwner.repositories.nodes as Array<{ name: string; object: { __typename: string; oid: string } | null }>;
    expect(nodes.map((n) => `${n.name} ${n.object?.__typename ?? "none"}`).sort()).toEqual([".github Blob", "infra none", "meetings none", "standards none"]);
    const blob = nodes.find((n) => n.name === ".github")!.object!;
    expect(blob.oid).toMatch(/^[0-9a-f]{40}$/);
  });

  it("search pages with first/after and reports the total", async () => {
    const q = `query P($after: String) { search(type: ISSUE, query: "org:sovereign", first: 3, after: $after) { issueCount pageInfo { hasNextPage endCursor } nodes { ... on Issue { number } ... on PullRequest { number } } } }`;
    const p1 = await checked(q, { after: null });
    expect(p1.search.issueCount).toBe(9);
    expect(p1.search.nodes).toHaveLength(3);
    expect(p1.search.pageInfo.hasNextPage).toBe(true);
    const seen = [...p1.search.nodes];
    let after = p1.search.pageInfo.endCursor;
    for (;;) {
      const p = await checked(q, { after });
      seen.push(...p.search.nodes);
      if (!p.search.pageInfo.hasNextPage) break;
      after = p.search.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(9);
  });

  it("DocketTopicsById: fresh reads; an unknown id is null with a NOT_FOUND error and the rest of the data", async () => {
    const ids = [issueNodeId("sovereign", "standards", 1), "I_doesnotexist", pullRequestNodeId("sovereign", "infra", 2)];
    const { status, body } = await gql(TOPICS_BY_ID, { ids });
    expect(status).toBe(200);
    expect(body.errors).toEqual([
      {
        type: "NOT_FOUND",
        path: ["nodes", 1],
        locations: [expect.any(Object)],
        message: "Could not resolve to a node with the global id of 'I_doesnotexist'.",
      },
    ]);
    expect(body.data.nodes[1]).toBeNull();
    expect(body.data.nodes[0]).toMatchObject({ __typename: "Issue", number: 1, issueState: "OPEN", reactions: { totalCount: 1 } });
    expect(body.data.nodes[2]).toMatchObject({ __typename: "PullRequest", number: 2, pullRequestState: "OPEN" });
    const typed = await gql(withTypenames(TOPICS_BY_ID), { ids });
    expect(checkGraphQLResponse(withTypenames(TOPICS_BY_ID), { ids }, typed.body.data)).toEqual([]);
  });

  it("DocketTopicsById reflects changes at once (no index lag), e.g. a closed issue and a removed label", async () => {
    await sim.act({ as: "bob", action: "unlabel", repo: "sovereign/standards", number: 1, label: "agenda/iaas" });
    await sim.act({ as: "alice", action: "close", repo: "sovereign/standards", number: 1 });
    const data = await checked(TOPICS_BY_ID, { ids: [issueNodeId("sovereign", "standards", 1)] });
    expect(toTopic(data.nodes[0])).toMatchObject({ state: "closed", labels: [], labeledAt: {} }); // a removed label is on no more: no time
  });

  it("DocketIssues: a repository's issues with a label, newest first", async () => {
    await sim.act({ as: "alice", action: "open", repo: "sovereign/meetings", title: "Team IaaS — 2025-01-13", labels: ["docket/iaas"] });
    await sim.act({ as: "alice", action: "open", repo: "sovereign/meetings", title: "Team IaaS — 2025-01-27", labels: ["docket/iaas"] });
    const data = await checked(DOCKET_ISSUES, { owner: "sovereign", name: "meetings", label: "docket/iaas" });
    expect(data.repository.id).toBe(sim.state.repo("sovereign", "meetings")!.nodeId);
    expect(data.repository.issues.nodes.map((n: { number: number; title: string; state: string }) => [n.number, n.title, n.state])).toEqual([
      [3, "Team IaaS — 2025-01-27", "OPEN"],
      [2, "Team IaaS — 2025-01-13", "OPEN"],
    ]);
    // The closed ones again, without bodies (older ones the 30 newest no longer reach).
    await sim.act({ as: "alice", action: "close", repo: "sovereign/meetings", number: 2, reason: "not_planned" });
    const closed = await checked(DOCKET_ISSUES, { owner: "sovereign", name: "meetings", label: "docket/iaas" });
    expect(closed.repository.closed.nodes).toEqual([
      {
        id: issueNodeId("sovereign", "meetings", 2),
        number: 2,
        title: "Team IaaS — 2025-01-13",
        url: "https://github.com/sovereign/meetings/issues/2",
        state: "CLOSED",
        stateReason: "NOT_PLANNED",
      },
    ]);
    const missing = await gql(DOCKET_ISSUES, { owner: "sovereign", name: "nope", label: "x" });
    expect(missing.body).toEqual({
      data: { repository: null },
      errors: [
        {
          type: "NOT_FOUND",
          path: ["repository"],
          locations: [expect.any(Object)],
          message: "Could not resolve to a Repository with the name 'sovereign/nope'.",
        },
      ],
    });
  });

  it("DocketPinIssue pins the issue (and GitHub announces issues.pinned)", async () => {
    const id = issueNodeId("sovereign", "meetings", 1);
    const data = await checked(PIN_ISSUE, { issueId: id });
    expect(data).toEqual({ pinIssue: { __typename: "PinIssuePayload", issue: { __typename: "Issue", id } } });
    expect(sim.log.at(-1)).toMatchObject({ kind: "graphql", operationName: "DocketPinIssue", contentCreating: true, status: 200 });
    expect(sim.state.issueByNodeId(id)!.pinned).toBe(true);
    expect(sim.deliveries().map((d) => `${d.name} by ${d.sender}`)).toEqual(["issues.pinned by docket[bot]"]);
    const pinned = await checked(`query Q { repository(owner: "sovereign", name: "meetings") { pinnedIssues(first: 3) { nodes { issue { number } } } } }`);
    expect(pinned.repository.pinnedIssues.nodes).toEqual([{ issue: { number: 1 } }]);
  });
});

describe("more fields", () => {
  it("timeline label events in order, comments, reactions by content, rateLimit", async () => {
    await sim.act({ as: "bob", action: "unlabel", repo: "sovereign/infra", number: 1, label: "time/15m" });
    await sim.act({ as: "carol", action: "comment", repo: "sovereign/infra", number: 1, body: "me too" });
    await sim.act({ as: "carol", action: "react", repo: "sovereign/infra", number: 1, content: "heart" });
    const q = `query T {
      repository(owner: "sovereign", name: "infra") {
        issue(number: 1) {
          timelineItems(itemTypes: [LABELED_EVENT, UNLABELED_EVENT, ISSUE_COMMENT], first: 10) {
            totalCount
            nodes { __typename ... on LabeledEvent { label { name } actor { login } } ... on UnlabeledEvent { label { name } } ... on IssueComment { body author { login } } }
          }
          hearts: reactions(content: HEART, first: 5) { totalCount nodes { user { login } } }
          comments(last: 1) { totalCount nodes { body } }
          authorAssociation
        }
      }
      rateLimit { cost remaining limit }
    }`;
    const data = await checked(q);
    const issue = data.repository.issue;
    expect(issue.timelineItems.nodes).toEqual([
      { __typename: "LabeledEvent", label: { name: "agenda/iaas" }, actor: { login: "alice" } },
      { __typename: "LabeledEvent", label: { name: "time/15m" }, actor: { login: "alice" } },
      { __typename: "UnlabeledEvent", label: { name: "time/15m" } },
      { __typename: "IssueComment", body: "me too", author: { login: "carol" } },
    ]);
    expect(issue.hearts).toEqual({ totalCount: 1, nodes: [{ user: { login: "carol" } }] });
    expect(issue.comments).toEqual({ totalCount: 1, nodes: [{ body: "me too" }] });
    expect(issue.authorAssociation).toBe("COLLABORATOR");
    expect(data.rateLimit).toMatchObject({ cost: 1, limit: 5000 });
  });

  it("serves /graphql as well as /api/graphql, and mutations change state", async () => {
    const q = `mutation C($id: ID!) { addComment(input: { subjectId: $id, body: "from GraphQL" }) { commentEdge { node { body author { login } } } } }`;
    const { body } = await gql(q, { id: issueNodeId("sovereign", "infra", 4) }, "/graphql");
    expect(body.data.addComment.commentEdge.node).toEqual({ body: "from GraphQL", author: { login: "docket[bot]" } });
    expect(sim.deliveries().map((d) => d.name)).toEqual(["issue_comment.created"]);
  });
});

describe("documents GitHub would reject", () => {
  it("an unknown field: GitHub's error, no data, and a violation", async () => {
    const bad = TOPICS_BY_ID.replace("createdAt", "createdOn");
    const { status, body } = await gql(bad, { ids: [issueNodeId("sovereign", "infra", 1)] });
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toContainEqual(
      expect.objectContaining({
        message: "Field 'createdOn' doesn't exist on type 'Issue'",
        extensions: { code: "undefinedField", typeName: "Issue", fieldName: "createdOn" },
      }),
    );
    expect(sim.violations).toHaveLength(1);
    expect(sim.violations[0]).toMatchObject({ kind: "graphql", request: "GraphQL DocketTopicsById" });
    sim.violations.length = 0;
  });

  it("connections without first/last, or asking for more than 100", async () => {
    const none = await gql(`query A { repository(owner: "sovereign", name: "infra") { labels { totalCount } } }`);
    expect(none.body.errors).toEqual([
      expect.objectContaining({
        type: "MISSING_PAGINATION_BOUNDARIES",
        message: "You must provide a `first` or `last` value to properly paginate the `labels` connection.",
      }),
    ]);
    const many = await gql(`query B($n: Int) { repository(owner: "sovereign", name: "infra") { labels(first: $n) { totalCount } } }`, { n: 101 });
    expect(many.body.errors).toEqual([
      expect.objectContaining({
        type: "EXCESSIVE_PAGINATION",
        message: "Requesting 101 records on the `labels` connection exceeds the `first` limit of 100 records.",
      }),
    ]);
    expect(sim.violations).toHaveLength(2);
    sim.violations.length = 0;
  });

  it("wrong variables and unknown arguments", async () => {
    const v = await gql(TOPICS_BY_ID, { ids: "I_1" as unknown as string[], extra: 1 });
    expect(v.body.errors?.length).toBeGreaterThan(0);
    const a = await gql(`query C { search(type: ISSUE, query: "x", first: 1, sort: NEWEST) { issueCount } }`);
    expect(a.body.errors).toEqual([expect.objectContaining({ message: "Field 'search' doesn't accept argument 'sort'" })]);
    expect(sim.violations).toHaveLength(2);
    sim.violations.length = 0;
  });

  it("a field the simulator does not implement yet is an error, recorded so the gap is visible", async () => {
    const { body } = await gql(`query D { repository(owner: "sovereign", name: "infra") { issue(number: 1) { participants(first: 5) { totalCount } } } }`);
    expect(body.errors).toEqual([expect.objectContaining({ type: "SIMULATOR_NOT_IMPLEMENTED", path: ["repository", "issue", "participants"] })]);
    expect(sim.violations).toEqual([expect.objectContaining({ kind: "unimplemented" })]);
    sim.violations.length = 0;
  });

  it("no token: 401", async () => {
    const res = await fetch(`${sim.url}/api/graphql`, { method: "POST", body: JSON.stringify({ query: "query { viewer { login } }" }) });
    expect(res.status).toBe(401);
  });
});
