/**
 * GitHub's size limits (./limits.ts): a write over a limit is refused with GitHub's status and
 * wording, changes nothing, and is recorded as a violation (GitHub would refuse it: the code that
 * sent it has a bug). Writes at the limit go through.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { characters, MAX_BODY } from "./limits.js";
import { installationToken, octokitFor, startTestSimulator, violationText, type TestOctokitInstance } from "./helpers.js";
import type { Simulator } from "./server.js";

let sim: Simulator;
let gh: TestOctokitInstance;

beforeAll(async () => {
  sim = await startTestSimulator();
  gh = octokitFor(sim, await installationToken(sim));
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());
afterEach(() => {
  expect(violationText(sim)).toEqual([]);
});

const repo = { owner: "sovereign", repo: "infra" };
const issue = () => sim.state.issue(sim.state.repo("sovereign", "infra")!, 1)!;

/** The violations recorded since the test began, then forgotten (they were expected). */
function takeViolations(): string[] {
  const text = violationText(sim);
  sim.violations.length = 0;
  return text;
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; data: unknown; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status: number; response?: { data: unknown }; message: string };
    return { status: e.status, data: e.response?.data, message: e.message };
  }
  throw new Error("the request was not refused");
}

describe("issue and comment bodies: at most 65,536 characters", () => {
  it("updating an issue with 65,537 characters: 422 with GitHub's validation error, body unchanged", async () => {
    const before = issue().body;
    const r = await refusal(gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { ...repo, issue_number: 1, body: "x".repeat(MAX_BODY + 1) }));
    expect(r.status).toBe(422);
    expect(r.data).toEqual({
      message: "Validation Failed",
      errors: [{ resource: "Issue", code: "custom", field: "body", message: "body is too long (maximum is 65536 characters)" }],
      documentation_url: "https://docs.github.com/rest/issues/issues#update-an-issue",
      status: "422",
    });
    expect(issue().body).toBe(before);
    expect(takeViolations()).toEqual([
      "rest PATCH /repos/sovereign/infra/issues/1: PATCH /repos/{owner}/{repo}/issues/{issue_number}: body has 65537 characters (GitHub allows 65536)",
    ]);
  });

  it("exactly 65,536 characters is fine; characters are code points (an emoji is one)", async () => {
    const emoji = "😀".repeat(MAX_BODY);
    expect(emoji.length).toBe(2 * MAX_BODY);
    expect(characters(emoji)).toBe(MAX_BODY);
    await gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { ...repo, issue_number: 1, body: emoji });
    expect(issue().body).toBe(emoji);
  });

  it("creating an issue: body over 65,536 and title over 256 are both named", async () => {
    const count = sim.state.repo("sovereign", "infra")!.issues.size;
    const r = await refusal(gh.request("POST /repos/{owner}/{repo}/issues", { ...repo, title: "t".repeat(257), body: "x".repeat(MAX_BODY + 1) }));
    expect(r.status).toBe(422);
    expect(r.data).toMatchObject({
      message: "Validation Failed",
      errors: [
        { resource: "Issue", code: "custom", field: "title", message: "title is too long (maximum is 256 characters)" },
        { resource: "Issue", code: "custom", field: "body", message: "body is too long (maximum is 65536 characters)" },
      ],
      documentation_url: "https://docs.github.com/rest/issues/issues#create-an-issue",
    });
    expect(sim.state.repo("sovereign", "infra")!.issues.size).toBe(count);
    expect(takeViolations()).toHaveLength(1);
    // A title of exactly 256 characters is fine.
    await gh.request("POST /repos/{owner}/{repo}/issues", { ...repo, title: "t".repeat(256), body: "ok" });
  });

  it("a comment over 65,536 characters: GitHub's IssueComment error, no comment", async () => {
    const comments = issue().comments.length;
    const r = await refusal(
      gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...repo, issue_number: 1, body: "x".repeat(MAX_BODY + 1) }),
    );
    expect(r.status).toBe(422);
    expect(r.data).toEqual({
      message: "Validation Failed",
      errors: [{ resource: "IssueComment", code: "unprocessable", field: "data", message: "Body is too long (maximum is 65536 characters)" }],
      documentation_url: "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
      status: "422",
    });
    expect(issue().comments.length).toBe(comments);
    expect(takeViolations()).toEqual([expect.stringContaining("body has 65537 characters (GitHub allows 65536)")]);
  });
});

describe("check runs: summary and text at most 65,535 bytes, at most 50 annotations a request", () => {
  const sha = () => sim.state.headCommit(sim.state.repo("sovereign", ".github")!).sha;
  const run = (output: Record<string, unknown>) =>
    gh.request("POST /repos/{owner}/{repo}/check-runs", {
      owner: "sovereign",
      repo: ".github",
      name: "Docket configuration",
      head_sha: sha(),
      conclusion: "failure",
      output: { title: "t", ...output },
    } as never);
  const annotation = { path: ".github/docket.yml", start_line: 1, end_line: 1, annotation_level: "failure", message: "m" };

  it("a summary over 65,535 bytes (counted in UTF-8: 'é' is two) is refused with GitHub's wording", async () => {
    const r = await refusal(run({ summary: "é".repeat(32_768) })); // 32,768 characters, 65,536 bytes
    expect(r.status).toBe(422);
    expect(r.data).toEqual({
      message: "Validation Failed",
      errors: [{ resource: "CheckRun", code: "custom", field: "summary", message: "summary exceeds a maximum bytesize of 65535" }],
      documentation_url: "https://docs.github.com/rest/checks/runs#create-a-check-run",
      status: "422",
    });
    expect(takeViolations()).toEqual([expect.stringContaining("output.summary has 65536 bytes (GitHub allows 65535)")]);
    expect((await run({ summary: "x".repeat(65_535) })).status).toBe(201);
  });

  it("a text over 65,535 bytes is refused", async () => {
    const r = await refusal(run({ summary: "s", text: "x".repeat(65_536) }));
    expect(r.data).toMatchObject({ errors: [{ resource: "CheckRun", code: "custom", field: "text", message: "text exceeds a maximum bytesize of 65535" }] });
    expect(takeViolations()).toHaveLength(1);
  });

  it("51 annotations in one request: 'No more than 50 items are allowed; 51 were supplied.'; 50 are fine", async () => {
    const r = await refusal(run({ summary: "s", annotations: Array.from({ length: 51 }, () => annotation) }));
    expect(r.status).toBe(422);
    expect(r.data).toEqual({
      message: "Invalid request.\n\nNo more than 50 items are allowed; 51 were supplied.",
      documentation_url: "https://docs.github.com/rest/checks/runs#create-a-check-run",
      status: "422",
    });
    expect(takeViolations()).toEqual([expect.stringContaining("51 annotations in one request (GitHub allows 50)")]);
    expect(sim.state.repo("sovereign", ".github")!.checkRuns ?? []).toHaveLength(0);
    expect((await run({ summary: "s", annotations: Array.from({ length: 50 }, () => annotation) })).status).toBe(201);
  });
});

describe("GraphQL mutations", () => {
  it("updateIssue with a body over 65,536 characters: an UNPROCESSABLE error, body unchanged, recorded", async () => {
    const before = issue().body;
    const r = (await refusal(
      gh.graphql(`mutation Edit($id: ID!, $body: String!) { updateIssue(input: { id: $id, body: $body }) { issue { id } } }`, {
        id: issue().nodeId,
        body: "x".repeat(MAX_BODY + 1),
      }),
    )) as unknown as { message: string };
    expect(r.message).toContain("Body is too long (maximum is 65536 characters)");
    expect(issue().body).toBe(before);
    expect(takeViolations()).toEqual(["graphql GraphQL Edit: updateIssue: input.body has 65537 characters (GitHub allows 65536)"]);
  });

  it("updateIssue with a title over 256 characters", async () => {
    const r = await refusal(
      gh.graphql(`mutation Edit($id: ID!, $title: String!) { updateIssue(input: { id: $id, title: $title }) { issue { id } } }`, {
        id: issue().nodeId,
        title: "t".repeat(257),
      }),
    );
    expect(r.message).toContain("Title is too long (maximum is 256 characters)");
    expect(takeViolations()).toHaveLength(1);
  });

  it("addComment with a body over 65,536 characters: the error has GitHub's type and path; no comment", async () => {
    const comments = issue().comments.length;
    const res = await fetch(`${sim.url}/graphql`, {
      method: "POST",
      headers: { authorization: `token ${await installationToken(sim)}`, "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation Say($id: ID!, $body: String!) { addComment(input: { subjectId: $id, body: $body }) { commentEdge { cursor } } }`,
        variables: { id: issue().nodeId, body: "x".repeat(MAX_BODY + 1) },
      }),
    });
    const json = (await res.json()) as { data: unknown; errors: Array<Record<string, unknown>> };
    expect(res.status).toBe(200);
    expect(json.data).toEqual({ addComment: null });
    expect(json.errors).toEqual([
      { type: "UNPROCESSABLE", path: ["addComment"], locations: [{ line: 1, column: 42 }], message: "Body is too long (maximum is 65536 characters)" },
    ]);
    expect(issue().comments.length).toBe(comments);
    expect(takeViolations()).toEqual(["graphql GraphQL Say: addComment: input.body has 65537 characters (GitHub allows 65536)"]);
  });
});
