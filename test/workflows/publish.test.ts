/**
 * `publishFile` (src/workflows/publish.ts) in `pull-request` mode against the local GitHub:
 * a changed file updates the open pull request's title and body, and a branch left behind by a
 * merged or closed pull request starts again from the default branch.
 */
import { describe, expect, it } from "vitest";
import { publishFile, type PublishRequest } from "../../src/workflows/publish.js";
import { jobContext, lastSeq, useActionWorld, writesSince } from "./action-world.js";

const sim = useActionWorld();
const NOW = "2025-01-13T16:00:00Z";
const at = { owner: "sovereign", repo: "meetings" };
const BRANCH = "docket/minutes/iaas-2025-01-13";
const PATH = "minutes/2025-01-13.md";
/** How the requests are logged: the path and the ref each one URL segment. */
const PUT_FILE = `PUT /repos/sovereign/meetings/contents/${encodeURIComponent(PATH)}`;
const RESET_BRANCH = `PATCH /repos/sovereign/meetings/git/refs/${encodeURIComponent(`heads/${BRANCH}`)}`;

function request(text: string, title: string, body = `The minutes, as of ${title}.`): PublishRequest {
  return { at, path: PATH, text, mode: "pull-request", message: `Minutes: ${title}`, branch: BRANCH, pullRequest: { title, body } };
}

const publish = (req: PublishRequest) => publishFile(jobContext(sim, NOW), req);
const repo = () => sim.state.repo("sovereign", "meetings")!;
const pulls = () => [...repo().issues.values()].filter((i) => i.kind === "pull_request");
const onBranch = () => sim.state.resolveRef(repo(), BRANCH)!.files.get(PATH)?.text;

describe("publishFile as a pull request", () => {
  it("a changed file updates the open pull request's title and body when they differ; a rerun writes nothing", async () => {
    const first = await publish(request("# Minutes\n", "Minutes (draft)"));
    expect(first.status).toBe("pull-request-opened");
    const pr = pulls()[0]!;

    let seq = lastSeq(sim);
    const second = await publish(request("# Minutes\n\n- decided\n", "Minutes (final)"));
    expect(second).toMatchObject({ status: "pull-request-updated", pullRequest: { number: pr.number } });
    expect(writesSince(sim, seq)).toEqual([PUT_FILE, `PATCH /repos/sovereign/meetings/pulls/${pr.number}`]);
    expect([pr.title, pr.body, pr.state]).toEqual(["Minutes (final)", "The minutes, as of Minutes (final).", "open"]);
    expect(onBranch()).toBe("# Minutes\n\n- decided\n");
    expect(pulls()).toHaveLength(1);

    // The same text again: nothing to write.
    seq = lastSeq(sim);
    expect((await publish(request("# Minutes\n\n- decided\n", "Minutes (final)"))).status).toBe("pull-request-unchanged");
    expect(writesSince(sim, seq)).toEqual([]);

    // Another text under the same title and body: the file only.
    seq = lastSeq(sim);
    expect((await publish(request("# Minutes\n\n- decided\n- agreed\n", "Minutes (final)"))).status).toBe("pull-request-updated");
    expect(writesSince(sim, seq)).toEqual([PUT_FILE]);
  });

  it("a title edited by hand stays while the file stays the same", async () => {
    await publish(request("# Minutes\n", "Minutes"));
    const pr = pulls()[0]!;
    await sim.act({ as: "alice", action: "edit", repo: "sovereign/meetings", number: pr.number, title: "Minutes (please review)" });
    const seq = lastSeq(sim);
    expect((await publish(request("# Minutes\n", "Minutes"))).status).toBe("pull-request-unchanged");
    expect(writesSince(sim, seq)).toEqual([]);
    expect(pr.title).toBe("Minutes (please review)");
  });

  it("after its pull request was squash-merged, the branch is reset to the default branch and a new pull request opened", async () => {
    await publish(request("# Minutes\n", "Minutes (draft)"));
    const old = pulls()[0]!;
    const oldHead = repo().branches.get(BRANCH)!;
    // Squash-merged: the text lands on main as a new commit, the pull request is closed, the branch stays.
    await sim.act({
      as: "alice",
      action: "push-file",
      repo: "sovereign/meetings",
      path: PATH,
      text: "# Minutes\n",
      message: `Minutes (draft) (#${old.number})`,
    });
    await sim.act({ as: "alice", action: "close", repo: "sovereign/meetings", number: old.number });
    const main = repo().branches.get("main")!;
    expect(sim.state.ancestry(repo(), main).map((c) => c.sha)).not.toContain(oldHead);

    const seq = lastSeq(sim);
    const again = await publish(request("# Minutes\n\n- corrected\n", "Minutes (corrected)"));
    expect(writesSince(sim, seq)).toEqual([RESET_BRANCH, PUT_FILE, "POST /repos/sovereign/meetings/pulls"]);
    expect(again.status).toBe("pull-request-opened");
    const head = sim.state.resolveRef(repo(), BRANCH)!;
    // One commit on top of main, none of the old branch's.
    expect(head.parents).toEqual([main]);
    expect(sim.state.ancestry(repo(), head.sha).map((c) => c.sha)).not.toContain(oldHead);
    expect(onBranch()).toBe("# Minutes\n\n- corrected\n");
    expect(pulls().map((p) => [p.number, p.title, p.state])).toEqual([
      [old.number, "Minutes (draft)", "closed"],
      [again.pullRequest!.number, "Minutes (corrected)", "open"],
    ]);
  });

  it("a branch already at the default branch's head (a run cut short after creating it) is used without a reset", async () => {
    const main = repo().branches.get("main")!;
    sim.state.createBranch(repo(), BRANCH, main);
    const seq = lastSeq(sim);
    expect((await publish(request("# Minutes\n", "Minutes"))).status).toBe("pull-request-opened");
    expect(writesSince(sim, seq)).toEqual([PUT_FILE, "POST /repos/sovereign/meetings/pulls"]);
    expect(sim.state.resolveRef(repo(), BRANCH)!.parents).toEqual([main]);
  });
});
