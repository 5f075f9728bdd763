/**
 * Docket's real gateway (src/github/gateway.ts) over Probot's Octokit against the simulator, as
 * GitHub Enterprise Server (`/api/v3`, `/api/graphql`): every method, every request checked by
 * the simulator against GitHub's descriptions (no violations), results matching the state.
 */
import { TEAM_IAAS } from "../fixtures/acme.js";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/resolve.js";
import { GitHubGateway, type OctokitLike } from "../../src/github/gateway.js";
import { issueNodeId } from "../fixtures/webhooks.js";
import { ACTION_TOKEN, installationToken, octokitFor, startTestSimulator, violationText } from "../sim/helpers.js";
import type { Simulator } from "../sim/server.js";

let sim: Simulator;
let gateway: GitHubGateway;

beforeAll(async () => {
  sim = await startTestSimulator();
  gateway = new GitHubGateway(octokitFor(sim, await installationToken(sim)) as unknown as OctokitLike);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());
afterEach(() => {
  expect(violationText(sim)).toEqual([]);
});

const infra = { owner: "sovereign", repo: "infra" };
const meetings = { owner: "sovereign", repo: "meetings" };

describe("GitHubGateway against the simulator", () => {
  it("the config loader reads through it, falling back to the organisation's .github repository; the example config is valid", async () => {
    const result = await loadConfig(gateway, infra);
    expect(result).toMatchObject({ kind: "ok", home: { owner: "sovereign", repo: ".github" } });
    if (result.kind === "ok") {
      expect(Object.keys(result.config.meetings)).toEqual(["iaas", "meetup-2025"]);
      expect(result.config.meetings.iaas).toMatchObject(TEAM_IAAS);
      expect(result.config.backlog).toMatchObject({ label: "idea" });
    }
    expect(sim.log.map((e) => `${e.status} ${e.path}`)).toEqual([
      "404 /repos/sovereign/infra/contents/.github%2Fdocket.yml",
      "200 /repos/sovereign/.github/contents/.github%2Fdocket.yml",
    ]);
  });

  it("fileText: raw text, at a ref, or null", async () => {
    expect(await gateway.fileText(meetings, "README.md")).toContain("# Meetings");
    const { commit } = await sim.act({ as: "alice", action: "push-file", repo: "sovereign/meetings", path: "README.md", text: "new" });
    expect(await gateway.fileText(meetings, "README.md")).toBe("new");
    expect(await gateway.fileText(meetings, "README.md", commit)).toBe("new");
    expect(await gateway.fileText(meetings, "missing.md")).toBeNull();
  });

  it("searchTopics and readTopics", async () => {
    const { topics, total, truncated } = await gateway.searchTopics('org:sovereign label:"agenda/iaas" is:open');
    expect({ total, truncated }).toEqual({ total: 4, truncated: false });
    // Oldest first (the order of search windows, src/github/search-windows.ts).
    expect(topics.map((t) => `${t.repo}#${t.number} ${t.kind} ${t.state} 👍${t.thumbsUp}`)).toEqual([
      "sovereign/meetings#1 issue open 👍2",
      "sovereign/standards#1 issue open 👍1",
      "sovereign/infra#1 issue open 👍0",
      "sovereign/infra#2 pull_request open 👍0",
    ]);
    await sim.act({ as: "alice", action: "delete", repo: "sovereign/meetings", number: 1 });
    const read = await gateway.readTopics([topics[2]!.id, issueNodeId("sovereign", "meetings", 1)]);
    expect(read.get(topics[2]!.id)).toMatchObject({ title: "Upgrade the reference stack to the next OpenStack release", labels: ["agenda/iaas", "time/15m"] });
    expect(read.get(issueNodeId("sovereign", "meetings", 1))).toBeNull(); // gone: NOT_FOUND, partial data
  });

  it("docketIssues, createIssue, updateIssueBody, comment, commentBodies, pinIssue", async () => {
    expect(await gateway.docketIssues(meetings, "docket/iaas")).toEqual([]);
    const created = await gateway.createIssue(meetings, {
      title: "Team IaaS — 2025-01-13",
      body: "<!-- docket:begin agenda -->\n<!-- docket:end agenda -->",
      labels: ["docket/iaas"],
    });
    expect(created).toMatchObject({
      number: 2,
      title: "Team IaaS — 2025-01-13",
      state: "open",
      url: "https://github.com/sovereign/meetings/issues/2",
      id: issueNodeId("sovereign", "meetings", 2),
    });
    await gateway.updateIssueBody(meetings, 2, "agenda v2");
    await gateway.comment(meetings, 2, "first");
    await gateway.comment(meetings, 2, "second");
    expect(await gateway.commentBodies(meetings, 2)).toEqual(["first", "second"]);
    expect(await gateway.docketIssues(meetings, "docket/iaas")).toEqual([
      { id: created!.id, number: 2, title: "Team IaaS — 2025-01-13", url: created!.url, body: "agenda v2", state: "open", stateReason: null },
    ]);
    await gateway.pinIssue(created!.id);
    expect(sim.state.issue(sim.state.repo("sovereign", "meetings")!, 2)!.pinned).toBe(true);
    expect(gateway.writes.map((w) => w.kind)).toEqual(["create issue", "update issue", "comment", "comment", "pin issue"]);
  });

  it("permission: roles of members, collaborators and others", async () => {
    expect(await gateway.permission(infra, "alice")).toEqual({ role_name: "admin", permission: "admin" });
    expect(await gateway.permission(infra, "bob")).toEqual({ role_name: "triage", permission: "read" });
    expect(await gateway.permission(infra, "dave")).toEqual({ role_name: "write", permission: "write" });
    expect(await gateway.permission(infra, "carol")).toEqual({ role_name: "read", permission: "read" });
    expect(await gateway.permission(infra, "nobody")).toEqual({ role_name: null, permission: "none" });
  });

  it("addLabels, removeLabel (twice: the second 404 is fine), reactToComment, createCheckRun", async () => {
    await gateway.addLabels(infra, 4, ["agenda/iaas", "time/30m"]);
    await gateway.removeLabel(infra, 4, "time/30m");
    await gateway.removeLabel(infra, 4, "time/30m");
    expect(sim.state.issue(sim.state.repo("sovereign", "infra")!, 4)!.labels.map((l) => l.name)).toEqual(["agenda/iaas"]);
    const { comment } = await sim.act({ as: "carol", action: "comment", repo: "sovereign/infra", number: 4, body: "/agenda iaas 15m" });
    await gateway.reactToComment(infra, comment!.id, "+1");
    expect(sim.state.comment(sim.state.repo("sovereign", "infra")!, comment!.id)!.comment.reactions.map((r) => `${r.user} ${r.content}`)).toEqual([
      "docket[bot] +1",
    ]);
    const sha = sim.state.headCommit(sim.state.repo("sovereign", ".github")!).sha;
    await gateway.createCheckRun(
      { owner: "sovereign", repo: ".github" },
      {
        name: "Docket configuration",
        head_sha: sha,
        conclusion: "failure",
        title: "1 problem in .github/docket.yml",
        summary: "…",
        annotations: [
          { path: ".github/docket.yml", start_line: 7, end_line: 7, annotation_level: "failure", message: "expected a time", title: "meetings.iaas.time" },
        ],
      },
    );
    const runs = sim.state.repo("sovereign", ".github")!.checkRuns;
    expect(runs.map((r) => [r.name, r.conclusion, r.headSha, r.output.annotations.length])).toEqual([["Docket configuration", "failure", sha, 1]]);
  });

  it("with the Action's token: repository, file, putFile, branchHead, createBranch, createPullRequest, openPullRequest", async () => {
    const action = new GitHubGateway(octokitFor(sim, ACTION_TOKEN) as unknown as OctokitLike);
    expect(await action.repository(meetings)).toEqual({
      defaultBranch: "main",
      url: "https://github.com/sovereign/meetings",
      ownerType: "Organization",
      audience: { visibility: "public", owner: "sovereign" },
    });
    expect(await action.file(meetings, "minutes/2025-01-13.md")).toBeNull();
    await action.putFile(meetings, { path: "minutes/2025-01-13.md", text: "# Minutes\n", message: "Minutes", branch: "main" });
    const file = await action.file(meetings, "minutes/2025-01-13.md");
    expect(file?.text).toBe("# Minutes\n");
    await action.putFile(meetings, { path: "minutes/2025-01-13.md", text: "# Minutes, fixed\n", message: "Fix", branch: "main", sha: file!.sha });
    const main = await action.branchHead(meetings, "main");
    expect(main).toMatch(/^[0-9a-f]{40}$/);
    expect(await action.branchHead(meetings, "docket/x")).toBeNull();
    await action.createBranch(meetings, "docket/x", main!);
    await action.putFile(meetings, { path: "x.md", text: "x\n", message: "x", branch: "docket/x" });
    expect(await action.openPullRequest(meetings, "docket/x")).toBeNull();
    const pr = await action.createPullRequest(meetings, { title: "X", body: "x", head: "docket/x", base: "main" });
    expect(pr).toEqual({ number: 2, url: "https://github.com/sovereign/meetings/pull/2" });
    expect(await action.openPullRequest(meetings, "docket/x")).toEqual(pr);
    expect(action.writes.map((w) => `${w.kind} ${w.target}`)).toEqual([
      "create file sovereign/meetings:main:minutes/2025-01-13.md",
      "update file sovereign/meetings:main:minutes/2025-01-13.md",
      "create branch sovereign/meetings:docket/x",
      "create file sovereign/meetings:docket/x:x.md",
      "open pull request sovereign/meetings: docket/x -> main",
    ]);
  });

  it("issue, issueComments (every page, with authors and times), issuesWithLabelSince, createIssue with assignees", async () => {
    expect(await gateway.issue(meetings, 1)).toMatchObject({
      number: 1,
      author: "alice",
      labels: ["agenda/iaas"],
      state: "open",
      createdAt: "2025-01-02T10:00:00Z",
      closedAt: null,
      pullRequest: false,
    });
    expect(await gateway.issue(meetings, 99)).toBeNull();
    for (let i = 0; i < 101; i++) sim.state.addComment(sim.state.issue(sim.state.repo("sovereign", "meetings")!, 1)!, `comment ${i}`, i % 2 ? "bob" : "carol");
    const comments = await gateway.issueComments(meetings, 1);
    expect(comments).toHaveLength(101);
    expect(comments[100]).toMatchObject({ author: "carol", body: "comment 100", createdAt: expect.stringMatching(/^2025-/) });
    const created = await gateway.createIssue(meetings, {
      title: "Follow up",
      body: "<!-- docket:follow-up {} -->",
      labels: ["docket/follow-up"],
      assignees: ["bob"],
    });
    expect(sim.state.issue(sim.state.repo("sovereign", "meetings")!, created!.number)!.assignees).toEqual(["bob"]);
    expect((await gateway.issuesWithLabelSince(meetings, "docket/follow-up", "2025-01-01T00:00:00Z")).map((i) => i.number)).toEqual([created!.number]);
    expect(await gateway.issuesWithLabelSince(meetings, "docket/follow-up", "2030-01-01T00:00:00Z")).toEqual([]);
  });

  it("every request went to the GHES paths, authenticated as the installation", () => {
    // (the previous tests' logs were reset; this one just checks the shape of a fresh request)
    return gateway.searchTopics("org:sovereign is:open").then(() => {
      expect(sim.log).toEqual([
        expect.objectContaining({ kind: "graphql", path: "/api/graphql", operationName: "DocketSearchTopics", principal: "installation:42", status: 200 }),
      ]);
    });
  });
});
