/**
 * The contract kit must catch the mistakes it exists for; these tests prove it does.
 */
import { describe, expect, it } from "vitest";
import { checkGraphQLDocument, checkGraphQLRequest, checkGraphQLResponse } from "./graphql.js";
import { checkRestRequest, checkRestResponse, restOperation } from "./rest.js";
import { checkWebhookPayload, examplePayload } from "./webhooks.js";
import {
  issueCommentPayload,
  issueNodeId,
  issuesPayload,
  pullRequestPayload,
  pushPayload,
  type IssuesAction,
  type PullRequestAction,
} from "../fixtures/webhooks.js";

const ISSUE = "PATCH /repos/{owner}/{repo}/issues/{issue_number}";

describe("REST requests", () => {
  it("accepts a correct issue update, absolute or GHES-prefixed", () => {
    const body = { title: "Team IaaS 2024-01-08", body: "agenda", labels: ["meeting"], state: "open", milestone: null };
    expect(checkRestRequest({ method: "PATCH", url: "https://api.github.com/repos/SCS/community/issues/7", body })).toEqual([]);
    expect(checkRestRequest({ method: "patch", url: "https://ghe.example.com/api/v3/repos/SCS/community/issues/7", body: JSON.stringify(body) })).toEqual([]);
  });

  it("flags a body property GitHub does not declare (a typo GitHub would ignore)", () => {
    const v = checkRestRequest({ method: "PATCH", url: "/repos/o/r/issues/7", body: { bodyy: "agenda" } });
    expect(v).toHaveLength(1);
    expect(v[0]).toContain("body/bodyy: property is not declared");
  });

  it("flags nested undeclared properties and schema violations", () => {
    const check = {
      name: "docket/config",
      head_sha: "a".repeat(40),
      conclusion: "failure",
      output: {
        title: "t",
        summary: "s",
        annotations: [{ path: ".github/docket.yml", start_line: 3, end_line: 3, annotation_level: "fatal", message: "m", colour: 1 }],
      },
    };
    const v = checkRestRequest({ method: "POST", url: "/repos/o/r/check-runs", body: check });
    expect(v.join("\n")).toContain("annotations/0/annotation_level");
    expect(v.join("\n")).toContain("annotations/0/colour: property is not declared");
  });

  it("flags an unknown route and a wrong method", () => {
    expect(checkRestRequest({ method: "GET", url: "/repos/o/r/issues/7/timeline" })[0]).toContain("no documented operation matches");
    expect(checkRestRequest({ method: "DELETE", url: "/repos/o/r/issues/7" })[0]).toContain("the path exists for GET, PATCH");
  });

  it("flags a label name whose slash was not encoded", () => {
    expect(checkRestRequest({ method: "DELETE", url: "/repos/o/r/issues/7/labels/agenda%2Fiaas" })).toEqual([]);
    expect(checkRestRequest({ method: "DELETE", url: "/repos/o/r/issues/7/labels/agenda/iaas" })).toHaveLength(1);
  });

  it("checks path and query parameters (none of the listed operations has a required query parameter)", () => {
    expect(checkRestRequest({ method: "PATCH", url: "/repos/o/r/issues/seven", body: {} })).toEqual([
      `${ISSUE} (issues/update) path parameter "issue_number" must be integer (got "seven")`,
    ]);
    const v = checkRestRequest({ method: "GET", url: "/repos/o/r/issues/7/comments?per_page=lots&page=2&sort=asc" });
    expect(v).toHaveLength(2);
    expect(v.join("\n")).toContain('query parameter "sort" is not defined (allowed: since, per_page, page)');
    expect(v.join("\n")).toContain('"per_page" must be integer (got "lots")');
    expect(checkRestRequest({ method: "GET", url: "/repos/o/r/issues/7/comments?per_page=100&page=2" })).toEqual([]);
  });

  it("flags a body where none is taken, and a missing required body", () => {
    expect(checkRestRequest({ method: "DELETE", url: "/repos/o/r/issues/7/labels/x", body: { name: "x" } })[0]).toContain("takes no request body");
    expect(checkRestRequest({ method: "POST", url: "/repos/o/r/issues/7/comments" })[0]).toContain("a request body is required");
    expect(checkRestRequest({ method: "POST", url: "/repos/o/r/issues/7/comments", body: {} })[0]).toContain("must have required property 'body'");
  });

  it("handles OpenAPI 3.0 nullable (enum and oneOf)", () => {
    expect(checkRestRequest({ method: "PATCH", url: "/repos/o/r/issues/7", body: { state_reason: null, title: null } })).toEqual([]);
    expect(checkRestRequest({ method: "PATCH", url: "/repos/o/r/issues/7", body: { state_reason: "done" } })).toHaveLength(1);
  });

  it("matches routes whose last parameter may hold slashes, and coerces parameters", () => {
    const m = restOperation("GET", "/repos/o/r/contents/.github/docket.yml?ref=main");
    expect(m).toMatchObject({ template: "/repos/{owner}/{repo}/contents/{path}", pathParams: { path: ".github/docket.yml" }, query: { ref: "main" } });
    expect(restOperation("GET", "/repos/o/r/compare/main...docket%2Fminutes")?.pathParams.basehead).toBe("main...docket/minutes");
    expect(restOperation("PATCH", "/repos/o/r/issues/7")?.params).toEqual({ owner: "o", repo: "r", issue_number: 7 });
    expect(restOperation("GET", "/repos/o/r/issues/7/timeline")).toBeUndefined();
  });

  it("checks mocked responses against the documented 2xx answer", () => {
    const token = {
      token: "ghs_test_installation_3",
      expires_at: "2024-01-08T15:00:00Z",
      permissions: { issues: "write", contents: "write", metadata: "read" },
      repository_selection: "all",
    };
    expect(checkRestResponse("POST", "/app/installations/{installation_id}/access_tokens", 201, token)).toEqual([]);
    expect(checkRestResponse("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", 200, {})[0]).toContain("GitHub answers 201, not 200");
    expect(checkRestResponse("PATCH", "/repos/{owner}/{repo}/issues/{issue_number}", 200, { id: 1 }).join("\n")).toContain(
      "must have required property 'number'",
    );
    expect(checkRestResponse("PATCH", "/repos/{owner}/{repo}/issues/{issue_number}", 404, { message: "Not Found" })).toEqual([]);
    expect(checkRestResponse("GET", "/repos/{owner}/{repo}/contents/{path}", 200, "meetings: {}\n")).toEqual([]); // raw media type
  });
});

const SEARCH = /* GraphQL */ `
  query Search($searchQuery: String!, $first: Int!, $after: String) {
    search(type: ISSUE, query: $searchQuery, first: $first, after: $after) {
      issueCount
      pageInfo { hasNextPage endCursor }
      nodes { ... on Issue { id number title labels(first: 20) { nodes { name } } } }
    }
  }
`;

describe("GraphQL documents and requests", () => {
  it("accepts a valid search query with variables", () => {
    expect(checkGraphQLDocument(SEARCH)).toEqual([]);
    expect(checkGraphQLRequest(SEARCH, { searchQuery: "repo:o/r label:agenda/iaas is:open", first: 100 })).toEqual([]);
  });

  it("flags an unknown field", () => {
    const v = checkGraphQLDocument(`query Q { viewer { login nickname } }`);
    expect(v).toEqual([`GraphQL: Cannot query field "nickname" on type "User". Did you mean "name"? (at 1:26)`]);
  });

  it("flags a connection without first/last", () => {
    const v = checkGraphQLDocument(`query Q { repository(owner: "o", name: "r") { issues(labels: ["x"]) { nodes { number } } } }`);
    expect(v).toHaveLength(1);
    expect(v[0]).toContain("connection Repository.issues (IssueConnection) at 1:47 must pass first or last");
  });

  it("flags first: 101 as a literal and through a variable", () => {
    expect(checkGraphQLDocument(`query Q { viewer { repositories(first: 101) { totalCount } } }`)[0]).toContain("first: 101 is outside 1..100");
    expect(checkGraphQLDocument(`query Q { viewer { repositories(last: 0) { totalCount } } }`)[0]).toContain("last: 0 is outside 1..100");
    const v = checkGraphQLRequest(SEARCH, { searchQuery: "x", first: 101 });
    expect(v).toEqual(["connection Query.search (SearchResultItemConnection) at 3:5: first: $first = 101 is outside 1..100"]);
  });

  it("flags missing and undeclared variables, and a connection left without a page size at runtime", () => {
    expect(checkGraphQLRequest(SEARCH, { first: 10 })[0]).toContain('Variable "$searchQuery" of required type "String!" was not provided');
    expect(checkGraphQLRequest(SEARCH, { searchQuery: "x", first: 10, frist: 10 })[0]).toContain(
      'variable "$frist" is sent but operation Search does not declare it',
    );
    expect(checkGraphQLRequest(`query Q($n: Int) { viewer { repositories(first: $n) { totalCount } } }`, {})[0]).toContain("neither first nor last");
    expect(checkGraphQLRequest(SEARCH, { searchQuery: "x", first: "ten" })[0]).toContain("Int cannot represent non-integer value");
  });

  it("flags variable names that octokit.graphql() cannot send", () => {
    const v = checkGraphQLDocument(`query Q($query: String!) { search(type: ISSUE, query: $query, first: 1) { issueCount } }`);
    expect(v).toHaveLength(1);
    expect(v[0]).toContain("variable $query at 1:9 cannot be passed through octokit.graphql()");
  });

  it("accepts a fragment-only document (a shared fragment constant)", () => {
    expect(checkGraphQLDocument(`fragment T on Issue { number labels(first: 10) { nodes { name } } }`)).toEqual([]);
  });

  it("checks mocked answers: types, non-null, and fields the query did not select", () => {
    const vars = { searchQuery: "x", first: 10 };
    const node = { id: issueNodeId("o", "r", 1), number: 1, title: "t", labels: { nodes: [{ name: "a" }] } };
    const ok = { search: { issueCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [node] } };
    expect(checkGraphQLResponse(SEARCH, vars, ok)).toEqual([]);
    const extra = { search: { ...ok.search, nodes: [{ ...node, body: "not selected" }] } };
    expect(checkGraphQLResponse(SEARCH, vars, extra)).toEqual([
      "GraphQL response data.search.nodes.0.body: the mock answers a field the query does not select",
    ]);
    const wrong = { search: { ...ok.search, nodes: [{ ...node, number: "one" }] } };
    expect(checkGraphQLResponse(SEARCH, vars, wrong)[0]).toContain("Int cannot represent non-integer value");
  });
});

describe("webhook payloads", () => {
  it("accepts GitHub's example", () => {
    const p = examplePayload("issues.labeled");
    expect(p.action).toBe("labeled");
    expect(checkWebhookPayload("issues.labeled", p)).toEqual([]);
    expect(checkWebhookPayload("issues", p)).toEqual([]); // action taken from the payload
  });

  it("returns a deep copy", () => {
    examplePayload("issues.labeled").issue.title = "changed";
    expect(examplePayload("issues.labeled").issue.title).not.toBe("changed");
  });

  it("flags a payload with a required field deleted, or a wrong type", () => {
    const p = examplePayload("issues.labeled");
    delete p.issue.number;
    expect(checkWebhookPayload("issues.labeled", p)).toEqual(["issues-labeled payload/issue: must have required property 'number'"]);
    const q = examplePayload("issues.labeled");
    q.label.name = 42;
    expect(checkWebhookPayload("issues.labeled", q).join("\n")).toContain("/label/name: must be string");
    expect(checkWebhookPayload("issues.labeled", examplePayload("issues.opened"))[0]).toContain('payload.action is "opened"');
  });

  const repo = { owner: "SovereignCloudStack", repo: "community", installationId: 42 };
  const issueActions: IssuesAction[] = ["labeled", "unlabeled", "opened", "closed", "reopened", "edited", "deleted", "transferred"];
  it.each(issueActions)("issuesPayload(%s) is valid and realistic", (action) => {
    const p = issuesPayload(action, {
      ...repo,
      number: 17,
      title: "Who presents?",
      body: "x",
      user: "fkr",
      labels: ["agenda/iaas"],
      label: "agenda/iaas",
      sender: "garloff",
    });
    expect(checkWebhookPayload(`issues.${action}`, p)).toEqual([]);
    expect(p).toMatchObject({
      action,
      installation: { id: 42, node_id: expect.any(String) },
      repository: { full_name: "SovereignCloudStack/community", owner: { login: "SovereignCloudStack" } },
      issue: {
        number: 17,
        node_id: issueNodeId("SovereignCloudStack", "community", 17),
        user: { login: "fkr" },
        html_url: "https://github.com/SovereignCloudStack/community/issues/17",
      },
      sender: { login: "garloff" },
    });
    expect(JSON.stringify({ ...p, changes: undefined })).not.toContain("Codertocat/Hello-World"); // transferred: changes name the target
    const labels = (p.issue.labels as Array<{ name: string }>).map((l) => l.name);
    expect(labels).toEqual(action === "unlabeled" ? [] : ["agenda/iaas"]);
    if (action === "closed") expect(p.issue).toMatchObject({ state: "closed", state_reason: "completed" });
  });

  const prActions: PullRequestAction[] = ["labeled", "unlabeled", "closed"];
  it.each(prActions)("pullRequestPayload(%s) is valid", (action) => {
    const p = pullRequestPayload(action, { owner: "o", repo: "r", number: 5, label: "idea", merged: true, ownerType: "Organization" });
    expect(checkWebhookPayload(`pull_request.${action}`, p)).toEqual([]);
    expect(p).toMatchObject({
      number: 5,
      pull_request: { number: 5, html_url: "https://github.com/o/r/pull/5" },
      organization: { login: "o" },
      installation: { id: 1 },
    });
    if (action === "closed") expect(p.pull_request).toMatchObject({ merged: true, state: "closed" });
  });

  it("issueCommentPayload is valid for issues and pull requests", () => {
    for (const isPullRequest of [false, true]) {
      const p = issueCommentPayload({ owner: "o", repo: "r", number: 3, body: "/docket estimate 15m", commenter: "alice", issueAuthor: "bob", isPullRequest });
      expect(checkWebhookPayload("issue_comment.created", p)).toEqual([]);
      expect(p).toMatchObject({
        comment: { body: "/docket estimate 15m", user: { login: "alice" } },
        issue: { user: { login: "bob" } },
        sender: { login: "alice" },
      });
      expect("pull_request" in p.issue).toBe(isPullRequest);
    }
  });

  it("pushPayload is valid", () => {
    const sha = "b".repeat(40);
    const p = pushPayload({ owner: "o", repo: "r", after: sha, commits: [{ id: sha, modified: [".github/docket.yml"] }] });
    expect(checkWebhookPayload("push", p)).toEqual([]);
    expect(p).toMatchObject({ ref: "refs/heads/main", after: sha, head_commit: { id: sha, modified: [".github/docket.yml"] }, installation: { id: 1 } });
  });
});
