/**
 * `/poll` (src/workflows/poll.ts) against the local GitHub: the simulator answers the poll's
 * GraphQL document (DocketPollComments), and 👍 on the slot comments become the tally.
 */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/resolve.js";
import { readPollResult, readSlotComment } from "../../src/render/poll.js";
import { scopeFor, type LoadedConfig } from "../../src/workflows/context.js";
import { handlePollCommands, POLL_WRITE_BUDGET } from "../../src/workflows/poll.js";
import { jobContext, lastSeq, useActionWorld, writesSince } from "./action-world.js";

const sim = useActionWorld();
const NOW = "2025-01-08T09:00:00Z";
const at = { owner: "sovereign", repo: "infra" };

/** The configuration as the app loads it: the world's org-wide `.github/docket.yml` (home: sovereign/.github). */
async function worldConfig(): Promise<LoadedConfig> {
  const result = await loadConfig(jobContext(sim, NOW).gateway, at);
  if (result.kind !== "ok") throw new Error(`the world's config: ${JSON.stringify(result)}`);
  return { config: result.config, home: result.home, scope: scopeFor(result.home, "Organization") };
}

/** A comment on sovereign/infra#4, as the command comment: by alice (admin of the organisation) unless said otherwise. */
async function say(body: string, as = "alice") {
  return { id: (await sim.act({ as, action: "comment", repo: "sovereign/infra", number: 4, body })).comment!.id, body, author: as };
}

/**
 * Opens a poll over five weekdays (the first week of February unless said otherwise) and votes:
 * its second and third days are the favourites.
 */
async function pollWithVotes(config: LoadedConfig, days = "2025-02-03..2025-02-07"): Promise<void> {
  await handlePollCommands(jobContext(sim, NOW), { repo: at, issueNumber: 4 }, await say(`/poll slots ${days} 09:00 UTC weekdays`), null, config);
  const slots = (await jobContext(sim, NOW).gateway.pollComments(at, 4)).filter((c) => readSlotComment(c.body)?.poll === `${days} 09:00 UTC weekdays`);
  const vote = (who: string, day: number) => sim.act({ as: who, action: "react", repo: "sovereign/infra", number: 4, comment: slots[day]!.id, content: "+1" });
  for (const [who, days] of [
    ["bob", [1, 2, 3]],
    ["carol", [1, 2]],
    ["dave", [0, 4]],
  ] as const)
    for (const d of days) await vote(who, d);
}

const EVENT_LINE = '    event: { from: 2025-02-03, to: 2025-02-14, weekdays: true, start: "09:00", timezone: UTC, daily-budget: 2h30m }';

describe("poll on the local GitHub", () => {
  it("posts the slots, reads the 👍 through GraphQL and posts the ranking", async () => {
    // The action world's token acts as github-actions[bot], a bot like Docket; alice may triage.
    const open = await handlePollCommands(
      jobContext(sim, NOW),
      { repo: at, issueNumber: 4 },
      await say("/poll slots 2025-02-03..2025-02-05 09:00 UTC"),
      null,
      null,
    );
    expect(open).toMatchObject({ posted: 3, replies: [] });
    const comments = await jobContext(sim, NOW).gateway.pollComments(at, 4);
    const slots = comments.filter((c) => readSlotComment(c.body) !== null);
    expect(slots.map((c) => [readSlotComment(c.body)!.date, c.byBot])).toEqual([
      ["2025-02-03", true],
      ["2025-02-04", true],
      ["2025-02-05", true],
    ]);
    await sim.act({ as: "bob", action: "react", repo: "sovereign/infra", number: 4, comment: slots[1]!.id, content: "+1" });
    await sim.act({ as: "carol", action: "react", repo: "sovereign/infra", number: 4, comment: slots[1]!.id, content: "+1" });
    await sim.act({ as: "carol", action: "react", repo: "sovereign/infra", number: 4, comment: slots[2]!.id, content: "+1" });
    const read = await jobContext(sim, NOW).gateway.pollComments(at, 4);
    expect(read.find((c) => c.id === slots[1]!.id)).toMatchObject({ thumbsUp: ["bob", "carol"], thumbsUpTotal: 2 });

    const close = await handlePollCommands(jobContext(sim, NOW), { repo: at, issueNumber: 4 }, await say("/poll close"), null, null);
    expect(readPollResult(close.result)).toBe("2025-02-03..2025-02-05 09:00 UTC");
    expect(close.result).toContain("| 1 | Tuesday, 4 February 2025, 09:00 UTC | 2 | [bob](https://github.com/bob), [carol](https://github.com/carol) |");
  });

  it("close write-config opens one pull request that changes only the event's dates; a rerun opens nothing new", async () => {
    const config = await worldConfig();
    const home = sim.state.repo("sovereign", ".github")!;
    const before = sim.state.resolveRef(home)!.files.get(".github/docket.yml")!.text;
    expect(before).toContain(`${EVENT_LINE}\n`);
    await pollWithVotes(config);

    // No series named: the world has one event series (meetup-2025); 3 days instead of its 10.
    const close = await handlePollCommands(
      jobContext(sim, NOW, { writeBudget: POLL_WRITE_BUDGET }),
      { repo: at, issueNumber: 4 },
      await say("/poll close write-config 3d"),
      null,
      config,
    );
    expect(close.replies).toEqual([]);
    const pulls = () => [...home.issues.values()].filter((i) => i.kind === "pull_request");
    expect(pulls().map((p) => [p.title, p.pull?.head, p.pull?.base])).toEqual([
      ["Docket: Team Meetup 2025 on 2025-02-04..2025-02-06", "docket/poll/meetup-2025", "main"],
    ]);
    const pr = pulls()[0]!;
    expect(pr.body).toContain(
      "The poll `2025-02-03..2025-02-07 09:00 UTC weekdays` in [sovereign/infra#4](https://github.com/sovereign/infra/issues/4) chose these dates",
    );
    expect(pr.body).toContain("| Wednesday, 5 February 2025, 09:00 UTC | 2 |");
    const proposed = sim.state.resolveRef(home, "docket/poll/meetup-2025")!.files.get(".github/docket.yml")!.text;
    expect(proposed).toBe(
      before.replace(EVENT_LINE, '    event: { from: 2025-02-04, to: 2025-02-06, weekdays: true, start: "09:00", timezone: UTC, daily-budget: 2h30m }'),
    );
    expect(proposed).toMatch(/^# Docket configuration for every repository of the organisation\.\n/);
    expect(sim.state.resolveRef(home)!.files.get(".github/docket.yml")!.text).toBe(before);
    expect(close.result).toContain(
      "**Best 3 consecutive days, 2h30m a day:** 4–6 February 2025 (5 votes; 1 person can come on every day: [bob](https://github.com/bob)).",
    );
    expect(close.result).toContain(
      `These dates (2025-02-04..2025-02-06) for \`meetup-2025\` (Team Meetup 2025) are proposed in [sovereign/.github#${pr.number}](https://github.com/sovereign/.github/pull/${pr.number})`,
    );

    // The same command again: the branch, the pull request and the result are there; only the 👍 is new.
    const again = await say("/poll close write-config meetup-2025 3d");
    const seq = lastSeq(sim);
    const rerun = await handlePollCommands(jobContext(sim, NOW), { repo: at, issueNumber: 4 }, again, null, config);
    expect(rerun).toEqual({ posted: 0, result: null, replies: [] });
    expect(writesSince(sim, seq)).toEqual([`POST /repos/sovereign/infra/issues/comments/${again.id}/reactions`]);
    expect(pulls()).toHaveLength(1);
  });

  it("close write-config without the permission to write: the YAML to paste and why; without a config: a reply, the ranking all the same", async () => {
    const config = await worldConfig();
    await pollWithVotes(config);
    // A token as an installation that has not accepted Contents and Pull requests: write.
    sim.state.tokens.set("ghs_read_only_0001", {
      token: "ghs_read_only_0001",
      login: "github-actions[bot]",
      repos: ["sovereign/*"],
      permissions: { issues: "write", contents: "read", pull_requests: "read", metadata: "read" },
    });
    const readOnly = jobContext(sim, NOW, { token: "ghs_read_only_0001" });
    const close = await handlePollCommands(readOnly, { repo: at, issueNumber: 4 }, await say("/poll close write-config meetup-2025 2d"), null, config);
    expect(close.replies).toEqual([]);
    // (The simulator names a token's refusal "… by personal access token"; an installation's says "by integration".)
    expect(close.result).toMatch(
      /Docket could not propose these dates as a pull request: GitHub refused Docket's write to sovereign\/\.github \\\(403: Resource not accessible by [a-z ]+\\\); it needs Contents and Pull requests: write there/,
    );
    expect(close.result).toContain(
      [
        "```yaml",
        "event:",
        "  from: 2025-02-04",
        "  to: 2025-02-05",
        "  weekdays: true",
        '  start: "09:00"',
        "  timezone: UTC",
        "  daily-budget: 2h30m",
        "```",
      ].join("\n"),
    );
    expect([...sim.state.repo("sovereign", ".github")!.issues.values()].filter((i) => i.kind === "pull_request")).toEqual([]);

    const none = await handlePollCommands(jobContext(sim, NOW), { repo: at, issueNumber: 4 }, await say("/poll close write-config"), null, null);
    expect(none.replies).toEqual([
      expect.stringMatching(/^`\/poll close write-config` cannot run: Docket's configuration \(`\.github\/docket\.yml`\) is missing or has problems/),
    ]);
    expect(readPollResult(none.result)).toBe("2025-02-03..2025-02-07 09:00 UTC weekdays");
    expect(none.result).not.toContain("Best");
  });

  it("close write-config with other days: the branch's file and the open pull request's title and body follow", async () => {
    const config = await worldConfig();
    await pollWithVotes(config);
    const home = sim.state.repo("sovereign", ".github")!;
    const pulls = () => [...home.issues.values()].filter((i) => i.kind === "pull_request");
    await handlePollCommands(
      jobContext(sim, NOW, { writeBudget: POLL_WRITE_BUDGET }),
      { repo: at, issueNumber: 4 },
      await say("/poll close write-config 3d"),
      null,
      config,
    );
    const pr = pulls()[0]!;
    expect(pr.title).toBe("Docket: Team Meetup 2025 on 2025-02-04..2025-02-06");
    expect(pr.body).toContain("**Best 3 consecutive days, 2h30m a day:** 4–6 February 2025");

    const command = await say("/poll close write-config 2d");
    const seq = lastSeq(sim);
    const close = await handlePollCommands(jobContext(sim, NOW, { writeBudget: POLL_WRITE_BUDGET }), { repo: at, issueNumber: 4 }, command, null, config);
    expect(close.replies).toEqual([]);
    expect(writesSince(sim, seq)).toEqual([
      `PUT /repos/sovereign/.github/contents/${encodeURIComponent(".github/docket.yml")}`,
      `PATCH /repos/sovereign/.github/pulls/${pr.number}`,
      "POST /repos/sovereign/infra/issues/4/comments",
      `POST /repos/sovereign/infra/issues/comments/${command.id}/reactions`,
    ]);
    expect(pulls()).toHaveLength(1);
    expect([pr.title, pr.state]).toEqual(["Docket: Team Meetup 2025 on 2025-02-04..2025-02-05", "open"]);
    expect(pr.body).toContain("**Best 2 consecutive days, 2h30m a day:** 4–5 February 2025");
    expect(pr.body).toContain(["```yaml", "event:", "  from: 2025-02-04", "  to: 2025-02-05"].join("\n"));
    expect(pr.body).not.toContain("Best 3 consecutive days");
    expect(sim.state.resolveRef(home, "docket/poll/meetup-2025")!.files.get(".github/docket.yml")!.text).toContain(
      "event: { from: 2025-02-04, to: 2025-02-05,",
    );
    expect(close.result).toContain(
      `These dates (2025-02-04..2025-02-05) for \`meetup-2025\` (Team Meetup 2025) are proposed in [sovereign/.github#${pr.number}]`,
    );
  });

  it("close write-config after the last pull request was merged: the branch starts again from the default branch", async () => {
    const config = await worldConfig();
    await pollWithVotes(config);
    const home = sim.state.repo("sovereign", ".github")!;
    const pulls = () => [...home.issues.values()].filter((i) => i.kind === "pull_request");
    await handlePollCommands(jobContext(sim, NOW), { repo: at, issueNumber: 4 }, await say("/poll close write-config 3d"), null, config);
    const first = pulls()[0]!;
    const branch = "docket/poll/meetup-2025";
    const oldHead = home.branches.get(branch)!;
    // Squash-merged: the proposed file lands on main as a commit of its own; the pull request is closed, the branch stays.
    const merged = sim.state.resolveRef(home, branch)!.files.get(".github/docket.yml")!.text;
    await sim.act({
      as: "alice",
      action: "push-file",
      repo: "sovereign/.github",
      path: ".github/docket.yml",
      text: merged,
      message: `${first.title} (#${first.number})`,
    });
    await sim.act({ as: "alice", action: "close", repo: "sovereign/.github", number: first.number });
    const main = home.branches.get("main")!;

    // A new poll over the next week, closed with write-config.
    await pollWithVotes(config, "2025-02-10..2025-02-14");
    const seq = lastSeq(sim);
    const close = await handlePollCommands(
      jobContext(sim, NOW, { writeBudget: POLL_WRITE_BUDGET }),
      { repo: at, issueNumber: 4 },
      await say("/poll close write-config 2d"),
      null,
      config,
    );
    expect(close.replies).toEqual([]);
    expect(writesSince(sim, seq).slice(0, 3)).toEqual([
      `PATCH /repos/sovereign/.github/git/refs/${encodeURIComponent(`heads/${branch}`)}`,
      `PUT /repos/sovereign/.github/contents/${encodeURIComponent(".github/docket.yml")}`,
      "POST /repos/sovereign/.github/pulls",
    ]);
    const head = sim.state.resolveRef(home, branch)!;
    expect(head.parents).toEqual([main]);
    expect(sim.state.ancestry(home, head.sha).map((c) => c.sha)).not.toContain(oldHead);
    expect(head.files.get(".github/docket.yml")!.text).toBe(merged.replace("from: 2025-02-04, to: 2025-02-06", "from: 2025-02-11, to: 2025-02-12"));
    expect(pulls().map((p) => [p.title, p.state])).toEqual([
      ["Docket: Team Meetup 2025 on 2025-02-04..2025-02-06", "closed"],
      ["Docket: Team Meetup 2025 on 2025-02-11..2025-02-12", "open"],
    ]);
  });

  it("close write-config by someone who may triage the poll's repository but not write to the config's: the YAML to paste, no branch", async () => {
    const config = await worldConfig();
    await pollWithVotes(config);
    // dave writes to sovereign/infra only: he may close the poll, not have Docket write to sovereign/.github.
    const command = await say("/poll close write-config 2d", "dave");
    const seq = lastSeq(sim);
    const close = await handlePollCommands(jobContext(sim, NOW, { writeBudget: POLL_WRITE_BUDGET }), { repo: at, issueNumber: 4 }, command, null, config);
    expect(close.replies).toEqual([]);
    expect(close.result).toContain(
      "Docket could not propose these dates as a pull request: dave may not write to sovereign/.github, and only people with write, maintain or admin permission there may have Docket open a pull request in it.",
    );
    expect(close.result).toContain(["```yaml", "event:", "  from: 2025-02-04", "  to: 2025-02-05"].join("\n"));
    expect(writesSince(sim, seq)).toEqual([
      "POST /repos/sovereign/infra/issues/4/comments",
      `POST /repos/sovereign/infra/issues/comments/${command.id}/reactions`,
    ]);
    expect(sim.state.repo("sovereign", ".github")!.branches.has("docket/poll/meetup-2025")).toBe(false);
  });

  it("close write-config refused with another 403 (a secondary rate limit): the job fails instead of offering the YAML", async () => {
    const config = await worldConfig();
    await pollWithVotes(config);
    const command = await say("/poll close write-config 2d");
    const seq = lastSeq(sim);
    // Every content-creating request is refused from here on.
    sim.setRealism({ secondaryRateLimit: { perMinute: 0 } });
    try {
      await expect(handlePollCommands(jobContext(sim, NOW), { repo: at, issueNumber: 4 }, command, null, config)).rejects.toMatchObject({
        status: 403,
        message: expect.stringContaining("secondary rate limit"),
      });
    } finally {
      sim.setRealism({});
    }
    // It stops at the refused write: no result with the YAML is even tried.
    expect(sim.log.filter((e) => e.seq > seq && e.status === 403).map((e) => e.route)).toEqual(["POST /repos/{owner}/{repo}/git/refs"]);
    expect(sim.state.repo("sovereign", ".github")!.branches.has("docket/poll/meetup-2025")).toBe(false);
    expect(sim.state.issue(sim.state.repo("sovereign", "infra")!, 4)!.comments.filter((c) => readPollResult(c.body) !== null)).toEqual([]);
  });

  it("refusals cannot be farmed: one reply an hour per person and issue, found again by its marker, then 😕 only", async () => {
    const seq = lastSeq(sim);
    const outcomes = [];
    for (let i = 0; i < 5; i++)
      outcomes.push(
        await handlePollCommands(
          jobContext(sim, NOW),
          { repo: at, issueNumber: 4 },
          await say(i % 2 ? "/poll close" : "/poll slots soon", "carol"),
          null,
          null,
        ),
      );
    expect(outcomes.map((o) => o.replies.length)).toEqual([1, 0, 0, 0, 0]);
    expect(outcomes[0]!.replies).toEqual([
      expect.stringMatching(/^@carol only people with triage permission \(or more\) on `sovereign\/infra` can open or close a poll/),
    ]);
    expect(writesSince(sim, seq)).toEqual([
      "POST /repos/sovereign/infra/issues/4/comments",
      ...Array(4).fill(expect.stringMatching(/^POST \/repos\/sovereign\/infra\/issues\/comments\/\d+\/reactions$/)),
    ]);
    // An hour later the same person hears why again.
    const later = new Date(Date.parse(NOW) + 61 * 60 * 1000).toISOString();
    const again = await handlePollCommands(jobContext(sim, later), { repo: at, issueNumber: 4 }, await say("/poll close", "carol"), null, null);
    expect(again.replies).toHaveLength(1);
  });
});
