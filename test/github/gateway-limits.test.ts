/**
 * The gateway's last guard (src/github/gateway.ts `write`): a write GitHub would refuse for its
 * size throws a clear error and is never sent. The renderers make it unnecessary; this catches a bug.
 */
import { describe, expect, it } from "vitest";
import { GitHubGateway, WriteTooLarge, type OctokitLike } from "../../src/github/gateway.js";

function fake(): { octokit: OctokitLike; sent: string[] } {
  const sent: string[] = [];
  const octokit: OctokitLike = {
    request: async (route: string) => {
      sent.push(route);
      return { status: 200, data: { number: 1, node_id: "I_1", title: "t", html_url: "u", body: "", state: "open", labels: [] } };
    },
    graphql: async () => ({}),
  };
  return { octokit, sent };
}

const at = { owner: "acme", repo: "meetings" };

describe("write guard", () => {
  it("an issue body over 65,536 characters throws WriteTooLarge and sends nothing", async () => {
    const { octokit, sent } = fake();
    const gw = new GitHubGateway(octokit);
    await expect(gw.updateIssueBody(at, 7, "x".repeat(65_537))).rejects.toThrow(
      new WriteTooLarge("update issue", "acme/meetings#7", "body has 65,537 characters, GitHub allows 65,536"),
    );
    await expect(gw.comment(at, 7, "x".repeat(70_000))).rejects.toBeInstanceOf(WriteTooLarge);
    await expect(gw.createIssue(at, { title: "t".repeat(257), body: "", labels: [] })).rejects.toThrow("title has 257 characters, GitHub allows 256");
    await expect(
      gw.createCheckRun(at, { name: "n", head_sha: "a".repeat(40), conclusion: "failure", title: "t", summary: "é".repeat(40_000) }),
    ).rejects.toThrow("check run summary has 80,000 bytes");
    expect(sent).toEqual([]);
    expect(gw.writes).toEqual([]);
  });

  it("in a dry run too: the bug shows before it reaches GitHub", async () => {
    const { octokit } = fake();
    await expect(new GitHubGateway(octokit, { dryRun: true }).updateIssueBody(at, 7, "x".repeat(65_537))).rejects.toBeInstanceOf(WriteTooLarge);
  });

  it("a body of exactly 65,536 characters is sent", async () => {
    const { octokit, sent } = fake();
    await new GitHubGateway(octokit).updateIssueBody(at, 7, "x".repeat(65_536));
    expect(sent).toEqual(["PATCH /repos/{owner}/{repo}/issues/{issue_number}"]);
  });
});
