/**
 * The simulator's REST API: the operations Docket uses answer with bodies that match GitHub's
 * OpenAPI description (the server checks every answer; `afterEach` fails on any violation), and
 * requests GitHub would refuse are refused the way GitHub does and recorded as violations.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkRestResponse, restOperations } from "../contracts/rest.js";
import { testPrivateKey } from "../fixtures/keys.js";
import { generateAppKeyPair, signAppJwt } from "./auth.js";
import {
  ACTION_TOKEN,
  APP_ID,
  appJwt,
  installationToken,
  INSTALLATION_ID,
  octokitFor,
  startTestSimulator,
  violationText,
  type TestOctokitInstance,
} from "./helpers.js";
import { SimClient } from "./client.js";
import { HANDLERS } from "./rest.js";
import type { Simulator } from "./server.js";

let sim: Simulator;
let token: string;
let gh: TestOctokitInstance;

beforeAll(async () => {
  sim = await startTestSimulator();
  token = await installationToken(sim);
  gh = octokitFor(sim, token);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());
afterEach(() => {
  expect(violationText(sim)).toEqual([]);
});

const repo = { owner: "sovereign", repo: "infra" };

async function raw(method: string, path: string, o: { token?: string; body?: unknown; accept?: string } = {}) {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      ...(o.token !== undefined ? { authorization: `token ${o.token}` } : { authorization: `token ${token}` }),
      ...(o.body !== undefined ? { "content-type": "application/json" } : {}),
      ...(o.accept ? { accept: o.accept } : {}),
    },
    ...(o.body !== undefined ? { body: typeof o.body === "string" ? o.body : JSON.stringify(o.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text };
}

describe("coverage", () => {
  it("every operation in test/contracts/rest-operations.txt has a handler", () => {
    expect(
      restOperations()
        .map((o) => o.route)
        .filter((r) => !HANDLERS[r]),
    ).toEqual([]);
  });
});

describe("issues", () => {
  it("gets an issue on both the GHES prefix and the root, schema-valid", async () => {
    const a = await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { ...repo, issue_number: 1 });
    expect(checkRestResponse("GET", "/repos/{owner}/{repo}/issues/{issue_number}", a.status, a.data)).toEqual([]);
    expect(a.data).toMatchObject({
      number: 1,
      title: "Upgrade the reference stack to the next OpenStack release",
      state: "open",
      user: { login: "dave", type: "User" },
    });
    expect(a.data.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual(["agenda/iaas", "time/15m"]);
    const b = await octokitFor(sim, token, "").request("GET /repos/{owner}/{repo}/issues/{issue_number}", { ...repo, issue_number: 1 });
    expect(b.data).toEqual(a.data);
    expect(sim.log.map((e) => e.path)).toEqual(["/repos/sovereign/infra/issues/1", "/repos/sovereign/infra/issues/1"]);
    expect(sim.log[0]).toMatchObject({
      route: "GET /repos/{owner}/{repo}/issues/{issue_number}",
      status: 200,
      principal: `installation:${INSTALLATION_ID}`,
      installationId: INSTALLATION_ID,
      login: "docket[bot]",
    });
  });

  it("a pull request is an issue with pull_request", async () => {
    const { data } = await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { ...repo, issue_number: 2 });
    expect(data.pull_request?.html_url).toBe("https://github.com/sovereign/infra/pull/2");
    expect(data.user?.type).toBe("Bot");
  });

  it("creates an issue (missing labels are created in the repository) and updates it", async () => {
    const created = await gh.request("POST /repos/{owner}/{repo}/issues", {
      owner: "sovereign",
      repo: "meetings",
      title: "Team IaaS — 2025-01-13",
      body: "agenda",
      labels: ["docket/iaas", "brand-new"],
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ number: 2, title: "Team IaaS — 2025-01-13", user: { login: "docket[bot]", type: "Bot" } });
    expect(created.data.performed_via_github_app?.slug).toBe("docket");
    expect(sim.state.repo("sovereign", "meetings")!.labels.has("brand-new")).toBe(true);
    const updated = await gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      owner: "sovereign",
      repo: "meetings",
      issue_number: 2,
      body: "new agenda",
      state: "closed",
    });
    expect(updated.data).toMatchObject({ body: "new agenda", state: "closed", state_reason: "completed" });
    expect(updated.data.closed_by?.login).toBe("docket[bot]");
  });

  it("lists comments with per_page/page and a Link header", async () => {
    const at = { owner: "sovereign", repo: "meetings", issue_number: 1 };
    for (let i = 1; i <= 5; i++) await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...at, body: `comment ${i}` });
    const page1 = await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...at, per_page: 2 });
    expect(page1.data.map((c: { body?: string }) => c.body)).toEqual(["comment 1", "comment 2"]);
    expect(page1.headers.link).toContain('rel="next"');
    expect(page1.headers.link).toContain('rel="last"');
    expect(page1.headers.link).toContain("page=3");
    const all = await gh.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...at, per_page: 2 });
    expect(all.map((c) => c.body)).toEqual(["comment 1", "comment 2", "comment 3", "comment 4", "comment 5"]);
  });

  it("adds labels (creating the repository label) and removes one (URL-encoded name)", async () => {
    const added = await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
      ...repo,
      issue_number: 4,
      labels: ["agenda/iaas", "needs-triage"],
    });
    expect(added.data.map((l: { name: string }) => l.name)).toEqual(["agenda/iaas", "needs-triage"]);
    expect(sim.state.repo("sovereign", "infra")!.labels.get("needs-triage")).toMatchObject({ name: "needs-triage" });
    const issue = sim.state.issue(sim.state.repo("sovereign", "infra")!, 4)!;
    expect(issue.labels.map((l) => l.by)).toEqual(["docket[bot]", "docket[bot]"]);
    const removed = await gh.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", { ...repo, issue_number: 4, name: "agenda/iaas" });
    expect(removed.data.map((l: { name: string }) => l.name)).toEqual(["needs-triage"]);
    const again = await gh
      .request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", { ...repo, issue_number: 4, name: "agenda/iaas" })
      .catch((e: { status: number; response: { data: unknown } }) => e);
    expect(again).toMatchObject({ status: 404, response: { data: { message: "Label does not exist" } } });
    expect(issue.timeline.filter((e) => e.actor === "docket[bot]").map((e) => `${e.type} ${e.label}`)).toEqual([
      "labeled agenda/iaas",
      "labeled needs-triage",
      "unlabeled agenda/iaas",
    ]);
  });

  it("reacts to issues and comments (201 new, 200 existing)", async () => {
    const comment = sim.state.issue(sim.state.repo("sovereign", "standards")!, 1)!.comments[0]!;
    const r1 = await gh.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
      owner: "sovereign",
      repo: "standards",
      comment_id: comment.id,
      content: "eyes",
    });
    expect(r1.status).toBe(201);
    expect(r1.data).toMatchObject({ content: "eyes", user: { login: "docket[bot]" } });
    const r2 = await gh.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
      owner: "sovereign",
      repo: "standards",
      comment_id: comment.id,
      content: "eyes",
    });
    expect(r2.status).toBe(200);
    expect(r2.data.id).toBe(r1.data.id);
    const r3 = await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/reactions", {
      owner: "sovereign",
      repo: "standards",
      issue_number: 1,
      content: "+1",
    });
    expect(r3.status).toBe(201);
  });
});

describe("permissions, checks, repository, contents", () => {
  it("reports collaborator roles; 404 for someone who is not a user", async () => {
    const role = async (username: string) => (await gh.request("GET /repos/{owner}/{repo}/collaborators/{username}/permission", { ...repo, username })).data;
    expect(await role("alice")).toMatchObject({ permission: "admin", role_name: "admin" });
    expect(await role("bob")).toMatchObject({ permission: "read", role_name: "triage", user: { permissions: { triage: true, push: false } } });
    expect(await role("dave")).toMatchObject({ permission: "write", role_name: "write" });
    expect(await role("carol")).toMatchObject({ permission: "read", role_name: "read" });
    await expect(role("nobody")).rejects.toMatchObject({ status: 404 });
  });

  it("creates a check run on an existing commit; 422 for an unknown sha", async () => {
    const sha = sim.state.headCommit(sim.state.repo("sovereign", ".github")!).sha;
    const run = await gh.request("POST /repos/{owner}/{repo}/check-runs", {
      owner: "sovereign",
      repo: ".github",
      name: "Docket configuration",
      head_sha: sha,
      status: "completed",
      conclusion: "failure",
      output: {
        title: "1 problem",
        summary: "s",
        annotations: [{ path: ".github/docket.yml", start_line: 3, end_line: 3, annotation_level: "failure", message: "m" }],
      },
    });
    expect(run.status).toBe(201);
    expect(run.data).toMatchObject({
      name: "Docket configuration",
      head_sha: sha,
      conclusion: "failure",
      app: { slug: "docket" },
      output: { annotations_count: 1 },
    });
    await expect(
      gh.request("POST /repos/{owner}/{repo}/check-runs", { owner: "sovereign", repo: ".github", name: "x", head_sha: "f".repeat(40) }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("gets the repository", async () => {
    const { data } = await gh.request("GET /repos/{owner}/{repo}", repo);
    expect(data).toMatchObject({
      full_name: "sovereign/infra",
      default_branch: "main",
      visibility: "public",
      owner: { login: "sovereign", type: "Organization" },
      organization: { login: "sovereign" },
    });
  });

  it("reads files raw (as Probot's config loader does) or as JSON with base64 content", async () => {
    const at = { owner: "sovereign", repo: ".github", path: ".github/docket.yml" };
    const rawAnswer = await gh.request("GET /repos/{owner}/{repo}/contents/{path}", { ...at, mediaType: { format: "raw" } });
    expect(typeof rawAnswer.data).toBe("string");
    expect(rawAnswer.data).toContain("label: agenda/iaas");
    expect(rawAnswer.headers["content-type"]).not.toBe("application/json; charset=utf-8");
    const json = await gh.request("GET /repos/{owner}/{repo}/contents/{path}", at);
    expect(checkRestResponse("GET", "/repos/{owner}/{repo}/contents/{path}", 200, json.data)).toEqual([]);
    const file = json.data as { type: string; encoding: string; content: string; sha: string };
    expect(file.type).toBe("file");
    expect(Buffer.from(file.content, "base64").toString("utf8")).toBe(rawAnswer.data);
    const dir = await gh.request("GET /repos/{owner}/{repo}/contents/{path}", { ...at, path: ".github" });
    expect((dir.data as Array<{ name: string }>).map((e) => e.name)).toEqual(["docket.yml"]);
    await expect(gh.request("GET /repos/{owner}/{repo}/contents/{path}", { ...at, path: "nope.yml" })).rejects.toMatchObject({ status: 404 });
    await expect(gh.request("GET /repos/{owner}/{repo}/contents/{path}", { ...at, ref: "no-such-branch" })).rejects.toMatchObject({ status: 404 });
  });

  it("answers a file read with an ETag, and a read naming it with 304 (through Octokit: a RequestError) that costs no rate limit", async () => {
    const at = { owner: "sovereign", repo: ".github", path: ".github/docket.yml", mediaType: { format: "raw" } };
    const first = await gh.request("GET /repos/{owner}/{repo}/contents/{path}", at);
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    const used = Number(first.headers["x-ratelimit-used"]);
    const again = gh.request("GET /repos/{owner}/{repo}/contents/{path}", { ...at, headers: { "if-none-match": etag } });
    await expect(again).rejects.toMatchObject({ name: "HttpError", status: 304, response: { headers: { etag, "x-ratelimit-used": String(used) } } });
    // The JSON form has its own (weak) ETag, which a weak comparison matches.
    const json = await gh.request("GET /repos/{owner}/{repo}/contents/{path}", { ...at, mediaType: {} });
    expect(json.headers.etag).toMatch(/^W\/"/);
    await expect(
      gh.request("GET /repos/{owner}/{repo}/contents/{path}", { ...at, mediaType: {}, headers: { "if-none-match": json.headers.etag!.slice(2) } }),
    ).rejects.toMatchObject({ status: 304 });
    // A changed file answers 200 with a new ETag.
    await new SimClient(sim.url).pushFile("alice", "sovereign/.github", ".github/docket.yml", `${first.data}# changed\n`);
    const changed = await gh.request("GET /repos/{owner}/{repo}/contents/{path}", { ...at, headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(sim.log.map((e) => e.status)).toEqual([200, 304, 200, 304, 200]);
  });

  it("writes files with a commit per write (contents: write needed) and reads them at a ref", async () => {
    const action = octokitFor(sim, ACTION_TOKEN);
    const put = await action.request("PUT /repos/{owner}/{repo}/contents/{path}", {
      owner: "sovereign",
      repo: "meetings",
      path: "minutes/2025-01-13.md",
      message: "Minutes of 2025-01-13",
      content: Buffer.from("# Minutes\n").toString("base64"),
    });
    expect(put.status).toBe(201);
    const sha1 = put.data.commit.sha!;
    const put2 = await action.request("PUT /repos/{owner}/{repo}/contents/{path}", {
      owner: "sovereign",
      repo: "meetings",
      path: "minutes/2025-01-13.md",
      message: "Fix",
      content: Buffer.from("# Minutes (fixed)\n").toString("base64"),
      sha: put.data.content!.sha!,
    });
    expect(put2.status).toBe(200);
    const at = (ref?: string) =>
      action.request("GET /repos/{owner}/{repo}/contents/{path}", {
        owner: "sovereign",
        repo: "meetings",
        path: "minutes/2025-01-13.md",
        mediaType: { format: "raw" },
        ...(ref ? { ref } : {}),
      });
    expect((await at()).data).toBe("# Minutes (fixed)\n");
    expect((await at(sha1)).data).toBe("# Minutes\n");
    // Updating without the blob sha is refused, as on GitHub.
    await expect(
      action.request("PUT /repos/{owner}/{repo}/contents/{path}", {
        owner: "sovereign",
        repo: "meetings",
        path: "minutes/2025-01-13.md",
        message: "x",
        content: "eA==",
      }),
    ).rejects.toMatchObject({ status: 422 });
    // A token limited to reading contents (as an installation that has not granted contents: write) may not write.
    const readOnly = octokitFor(sim, await installationToken(sim, INSTALLATION_ID, { permissions: { contents: "read", metadata: "read" } }));
    await expect(
      readOnly.request("PUT /repos/{owner}/{repo}/contents/{path}", { owner: "sovereign", repo: "meetings", path: "x.md", message: "x", content: "eA==" }),
    ).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Resource not accessible by integration" } },
    });
  });
});

describe("branches, commits, pull requests (publishing minutes as a pull request)", () => {
  it("creates a branch, commits to it, compares it and opens a pull request", async () => {
    const action = octokitFor(sim, ACTION_TOKEN);
    const at = { owner: "sovereign", repo: "meetings" };
    const main = await action.request("GET /repos/{owner}/{repo}/git/ref/{ref}", { ...at, ref: "heads/main" });
    expect(main.data).toMatchObject({ ref: "refs/heads/main", object: { type: "commit" } });
    const base = main.data.object.sha;
    const branch = await action.request("POST /repos/{owner}/{repo}/git/refs", { ...at, ref: "refs/heads/minutes/2025-01-13", sha: base });
    expect(branch.status).toBe(201);
    await expect(action.request("POST /repos/{owner}/{repo}/git/refs", { ...at, ref: "refs/heads/minutes/2025-01-13", sha: base })).rejects.toMatchObject({
      status: 422,
    });
    const put = await action.request("PUT /repos/{owner}/{repo}/contents/{path}", {
      ...at,
      path: "minutes/2025-01-13.md",
      message: "Minutes of 2025-01-13",
      content: Buffer.from("# Minutes\n\n- decided\n").toString("base64"),
      branch: "minutes/2025-01-13",
    });
    const head = put.data.commit.sha!;
    expect(sim.state.resolveRef(sim.state.repo("sovereign", "meetings")!)!.sha).toBe(base); // main did not move
    const commit = await action.request("GET /repos/{owner}/{repo}/commits/{ref}", { ...at, ref: head });
    expect(commit.data).toMatchObject({
      sha: head,
      parents: [{ sha: base }],
      files: [{ filename: "minutes/2025-01-13.md", status: "added", additions: 3 }],
      commit: { message: "Minutes of 2025-01-13" },
    });
    const compare = await action.request("GET /repos/{owner}/{repo}/compare/{basehead}", { ...at, basehead: "main...minutes/2025-01-13" });
    expect(compare.data).toMatchObject({
      status: "ahead",
      ahead_by: 1,
      behind_by: 0,
      total_commits: 1,
      files: [{ filename: "minutes/2025-01-13.md", status: "added" }],
    });
    const pr = await action.request("POST /repos/{owner}/{repo}/pulls", {
      ...at,
      title: "Minutes of 2025-01-13",
      head: "minutes/2025-01-13",
      base: "main",
      body: "From Docket",
    });
    expect(pr.status).toBe(201);
    expect(pr.data).toMatchObject({
      number: 2,
      state: "open",
      head: { ref: "minutes/2025-01-13", sha: head },
      base: { ref: "main", sha: base },
      user: { login: "github-actions[bot]" },
    });
    await expect(action.request("POST /repos/{owner}/{repo}/pulls", { ...at, title: "again", head: "minutes/2025-01-13", base: "main" })).rejects.toMatchObject(
      { status: 422 },
    );
    await expect(action.request("POST /repos/{owner}/{repo}/pulls", { ...at, title: "x", head: "nope", base: "main" })).rejects.toMatchObject({ status: 422 });
  });

  it("moves a branch: a fast-forward, or anywhere with force; 422 for a rewind, an unknown branch or commit", async () => {
    const action = octokitFor(sim, ACTION_TOKEN);
    const at = { owner: "sovereign", repo: "meetings" };
    const meetings = sim.state.repo("sovereign", "meetings")!;
    const base = meetings.branches.get("main")!;
    await action.request("POST /repos/{owner}/{repo}/git/refs", { ...at, ref: "refs/heads/docket/a", sha: base });
    await action.request("POST /repos/{owner}/{repo}/git/refs", { ...at, ref: "refs/heads/docket/b", sha: base });
    const put = await action.request("PUT /repos/{owner}/{repo}/contents/{path}", {
      ...at,
      path: "a.md",
      message: "a",
      content: Buffer.from("a\n").toString("base64"),
      branch: "docket/a",
    });
    const ahead = put.data.commit.sha!;
    const move = (ref: string, sha: string, force?: boolean) =>
      action.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", { ...at, ref, sha, ...(force === undefined ? {} : { force }) });

    // docket/b to the commit on docket/a: it descends from docket/b's head, a fast-forward.
    const forward = await move("heads/docket/b", ahead);
    expect(forward.status).toBe(200);
    expect(forward.data).toMatchObject({ ref: "refs/heads/docket/b", object: { sha: ahead, type: "commit" } });
    expect(meetings.branches.get("docket/b")).toBe(ahead);
    // Back to main's head: a rewind, refused unless forced.
    await expect(move("heads/docket/b", base)).rejects.toMatchObject({ status: 422, response: { data: { message: "Update is not a fast forward" } } });
    await expect(move("heads/docket/b", base, false)).rejects.toMatchObject({ status: 422, response: { data: { message: "Update is not a fast forward" } } });
    expect(meetings.branches.get("docket/b")).toBe(ahead);
    expect((await move("heads/docket/b", base, true)).data).toMatchObject({ ref: "refs/heads/docket/b", object: { sha: base } });
    expect(meetings.branches.get("docket/b")).toBe(base);
    expect(meetings.branches.get("main")).toBe(base);

    await expect(move("heads/no-such-branch", base, true)).rejects.toMatchObject({ status: 422, response: { data: { message: "Reference does not exist" } } });
    await expect(move("heads/docket/b", "0".repeat(40), true)).rejects.toMatchObject({ status: 422, response: { data: { message: "Object does not exist" } } });
    // Contents: read only may not move a branch.
    const readOnly = octokitFor(sim, await installationToken(sim, INSTALLATION_ID, { permissions: { contents: "read", metadata: "read" } }));
    await expect(readOnly.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", { ...at, ref: "heads/docket/b", sha: ahead })).rejects.toMatchObject({
      status: 403,
    });
    expect(meetings.branches.get("docket/b")).toBe(base);
  });

  it("updates a pull request's title and body (pull_requests: write); 404 for an issue", async () => {
    const pr = sim.state.issue(sim.state.repo("sovereign", "infra")!, 2)!;
    const updated = await gh.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
      ...repo,
      pull_number: 2,
      title: "Bump Ceph to 18.2",
      body: "Now with notes.",
    });
    expect(updated.status).toBe(200);
    expect(updated.data).toMatchObject({ number: 2, title: "Bump Ceph to 18.2", body: "Now with notes.", state: "open", head: { ref: "renovate/ceph-18.x" } });
    expect([pr.title, pr.body]).toEqual(["Bump Ceph to 18.2", "Now with notes."]);
    expect(pr.timeline.at(-1)).toMatchObject({ type: "renamed", from: "Bump ceph to 18.2.4", to: "Bump Ceph to 18.2" });
    // Only what is sent changes.
    await gh.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", { ...repo, pull_number: 2, body: "Notes again." });
    expect([pr.title, pr.body]).toEqual(["Bump Ceph to 18.2", "Notes again."]);

    await expect(gh.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", { ...repo, pull_number: 1, title: "x" })).rejects.toMatchObject({ status: 404 });
    const readOnly = octokitFor(sim, await installationToken(sim, INSTALLATION_ID, { permissions: { pull_requests: "read", metadata: "read" } }));
    await expect(readOnly.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", { ...repo, pull_number: 2, title: "x" })).rejects.toMatchObject({
      status: 403,
    });
    expect(pr.title).toBe("Bump Ceph to 18.2");
  });
});

describe("requests GitHub would refuse", () => {
  it("a misspelled body field (bodyy) is answered 422 and recorded as a violation", async () => {
    const res = await raw("PATCH", "/api/v3/repos/sovereign/infra/issues/1", { body: { bodyy: "agenda" } });
    expect(res.status).toBe(422);
    expect(res.json.message).toBe('Invalid request.\n\n"bodyy" is not a permitted key.');
    expect(res.json.documentation_url).toMatch(/^https:\/\/docs\.github\.com/);
    expect(sim.violations).toHaveLength(1);
    expect(sim.violations[0]).toMatchObject({ kind: "rest", request: "PATCH /repos/sovereign/infra/issues/1" });
    expect(sim.violations[0]!.messages.join()).toContain("body/bodyy: property is not declared");
    expect(sim.state.issue(sim.state.repo("sovereign", "infra")!, 1)!.body).toBe("Tracking issue for the upgrade."); // nothing changed
    sim.violations.length = 0;
  });

  it("a missing required field is answered 422 with GitHub's wording", async () => {
    const res = await raw("POST", "/repos/sovereign/infra/issues/1/comments", { body: {} });
    expect(res.status).toBe(422);
    expect(res.json.message).toBe('Invalid request.\n\n"body" wasn\'t supplied.');
    sim.violations.length = 0;
  });

  it("an unknown route is answered 404 and recorded", async () => {
    const res = await raw("GET", "/api/v3/repos/sovereign/infra/issues/1/timeline");
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ message: "Not Found", documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com/) });
    expect(sim.violations).toHaveLength(1);
    expect(sim.violations[0]!.messages[0]).toContain("no documented operation matches");
    await expect(gh.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}", { ...repo, issue_number: 1 })).rejects.toMatchObject({ status: 404 });
    expect(sim.violations[1]!.messages[0]).toContain("the path exists for GET, PATCH");
    sim.violations.length = 0;
  });

  it("a label name longer than GitHub's 50 characters is refused 422 when adding, creating or editing an issue, and nothing changes", async () => {
    const long = `ptg/${"x".repeat(47)}`; // 51 characters
    const fifty = `ptg/${"x".repeat(46)}`;
    const infra = sim.state.repo("sovereign", "infra")!;
    const issue = sim.state.issue(infra, 4)!;
    const before = issue.labels.map((l) => l.name);
    const add = await raw("POST", "/repos/sovereign/infra/issues/4/labels", { body: { labels: ["needs-triage", long] } });
    expect(add.status).toBe(422);
    expect(add.json).toEqual({
      message: "Validation Failed",
      errors: [{ value: long, resource: "Label", field: "name", code: "invalid" }],
      documentation_url: "https://docs.github.com/rest/issues/labels#add-labels-to-an-issue",
      status: "422",
    });
    const edit = await raw("PATCH", "/repos/sovereign/infra/issues/4", { body: { title: "renamed", labels: [long] } });
    expect(edit.status).toBe(422);
    const create = await raw("POST", "/repos/sovereign/infra/issues", { body: { title: "new", labels: [long] } });
    expect(create.status).toBe(422);
    expect(create.json.errors).toEqual([{ value: long, resource: "Label", field: "name", code: "invalid" }]);
    // Nothing changed: no label, no issue, the title as it was.
    expect(issue.labels.map((l) => l.name)).toEqual(before);
    expect(issue.title).not.toBe("renamed");
    expect(infra.labels.has("needs-triage")).toBe(false);
    expect([...infra.labels.keys()].some((k) => k.length > 50)).toBe(false);
    expect(sim.state.issue(infra, infra.nextNumber)).toBeUndefined();
    const ok = await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { ...repo, issue_number: 4, labels: [fifty] });
    expect(ok.data.map((l: { name: string }) => l.name)).toContain(fifty);
  });

  it("a label name with an unencoded slash is a different (unknown) route", async () => {
    const res = await raw("DELETE", "/repos/sovereign/infra/issues/1/labels/agenda/iaas");
    expect(res.status).toBe(404);
    expect(sim.violations).toHaveLength(1);
    sim.violations.length = 0;
  });
});

describe("authentication", () => {
  it("GET /app needs the app's JWT; a good one works, a bad signature is 401", async () => {
    const ok = await raw("GET", "/api/v3/app", { token: "", accept: "application/vnd.github+json" }).then(() =>
      fetch(`${sim.url}/api/v3/app`, { headers: { authorization: `Bearer ${appJwt()}` } }),
    );
    expect(ok.status).toBe(200);
    const app = await ok.json();
    expect(checkRestResponse("GET", "/app", 200, app)).toEqual([]);
    expect(app).toMatchObject({ id: APP_ID, slug: "docket", name: "Docket" });

    const otherKey = generateAppKeyPair(1024).privateKeyPem;
    const bad = await fetch(`${sim.url}/api/v3/app`, { headers: { authorization: `Bearer ${signAppJwt(APP_ID, otherKey)}` } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ message: "A JSON web token could not be decoded" });
    const expired = await fetch(`${sim.url}/api/v3/app`, {
      headers: { authorization: `Bearer ${signAppJwt(APP_ID, testPrivateKey(), Math.floor(Date.now() / 1000) - 3600)}` },
    });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { message: string }).message).toMatch(/'Expiration time' claim/);
    const wrongApp = await fetch(`${sim.url}/api/v3/app`, { headers: { authorization: `Bearer ${signAppJwt(999, testPrivateKey())}` } });
    expect(wrongApp.status).toBe(401);
    // An installation token is not the app.
    expect((await fetch(`${sim.url}/api/v3/app`, { headers: { authorization: `token ${token}` } })).status).toBe(401);
  });

  it("installation lookups and tokens: a token works until it names repositories outside its installation", async () => {
    const jwt = { authorization: `Bearer ${appJwt()}` };
    const inst = await fetch(`${sim.url}/api/v3/repos/sovereign/infra/installation`, { headers: jwt });
    expect(inst.status).toBe(200);
    expect(checkRestResponse("GET", "/repos/{owner}/{repo}/installation", 200, await inst.json())).toEqual([]);
    expect((await fetch(`${sim.url}/api/v3/orgs/sovereign/installation`, { headers: jwt })).status).toBe(200);
    expect((await fetch(`${sim.url}/api/v3/users/sovereign/installation`, { headers: jwt })).status).toBe(200);
    expect((await fetch(`${sim.url}/api/v3/users/alice/installation`, { headers: jwt })).status).toBe(404);

    const res = await fetch(`${sim.url}/api/v3/app/installations/${INSTALLATION_ID}/access_tokens`, { method: "POST", headers: jwt });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { expires_at: string };
    expect(checkRestResponse("POST", "/app/installations/{installation_id}/access_tokens", 201, body)).toEqual([]);
    expect(body).toMatchObject({
      token: expect.stringMatching(/^ghs_/),
      repository_selection: "all",
      permissions: { issues: "write", contents: "write", organization_projects: "read" },
    });
    expect(Date.parse(body.expires_at) - Date.now()).toBeGreaterThan(3500_000);
    expect((await fetch(`${sim.url}/api/v3/app/installations/999/access_tokens`, { method: "POST", headers: jwt })).status).toBe(404);

    // A token narrowed to one repository cannot read another one of the same installation.
    const narrow = await installationToken(sim, INSTALLATION_ID, { repositories: ["meetings"] });
    const n = octokitFor(sim, narrow);
    expect((await n.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { owner: "sovereign", repo: "meetings", issue_number: 1 })).status).toBe(200);
    await expect(n.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { ...repo, issue_number: 1 })).rejects.toMatchObject({ status: 404 });
  });

  it("a token of another installation cannot read a repository outside it", async () => {
    const other = await startTestSimulator({
      world: {
        users: ["alice", "zed"],
        orgs: [
          { login: "sovereign", repos: [{ name: "infra", issues: [{ title: "T", author: "alice" }] }] },
          { login: "other", repos: [{ name: "x", issues: [{ title: "X", author: "zed" }] }] },
        ],
        app: {
          id: APP_ID,
          slug: "docket",
          name: "Docket",
          owner: "sovereign",
          installations: [
            { id: 1, account: "sovereign" },
            { id: 2, account: "other", repositories: ["x"] },
          ],
        },
      },
    });
    try {
      const t2 = octokitFor(other, await installationToken(other, 2));
      expect((await t2.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { owner: "other", repo: "x", issue_number: 1 })).status).toBe(200);
      await expect(t2.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { owner: "sovereign", repo: "infra", issue_number: 1 })).rejects.toMatchObject(
        {
          status: 404,
          response: { data: { message: "Not Found" } },
        },
      );
      const q = await t2.graphql<{ search: { issueCount: number } }>(`query S { search(type: ISSUE, query: "org:sovereign", first: 10) { issueCount } }`);
      expect(q.search.issueCount).toBe(0);
      expect(other.violations).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it("bad or missing tokens are 401; a plain token only reaches its repositories", async () => {
    expect((await raw("GET", "/repos/sovereign/infra/issues/1", { token: "ghs_nope" })).json).toMatchObject({ message: "Bad credentials" });
    expect((await raw("GET", "/repos/sovereign/infra/issues/1", { token: "ghs_nope" })).status).toBe(401);
    const anon = await fetch(`${sim.url}/repos/sovereign/infra/issues/1`);
    expect(anon.status).toBe(401);
    const action = octokitFor(sim, ACTION_TOKEN);
    expect((await action.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { owner: "sovereign", repo: "meetings", issue_number: 1 })).status).toBe(
      200,
    );
    await expect(action.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { ...repo, issue_number: 1 })).rejects.toMatchObject({ status: 404 });
    expect(sim.log.at(-1)).toMatchObject({ principal: "token:github-actions[bot]", status: 404 });
  });
});
