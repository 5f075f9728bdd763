/**
 * `/poll` in the app (src/workflows/poll.ts): people's comments on an issue, against the
 * simulator (test/helpers/app-sim.ts), which checks every request against GitHub's REST and
 * GraphQL descriptions. Votes are 👍 reactions on the slot comments, read with GraphQL
 * (DocketPollComments).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { readPollResult, readSlotComment } from "../../src/render/poll.js";
import { acmeWorld } from "../fixtures/acme.js";
import { BOT, useAppSim } from "../helpers/app-sim.js";
import type { Issue } from "../sim/state.js";

const CONFIG = `
meetings:
  meetup-2025:
    title: Team Meetup 2025
    event: { from: 2025-02-03, to: 2025-02-14, weekdays: true, start: "09:00", timezone: UTC, daily-budget: 2h30m }
    label: meetup-topic
`;

const NOW = "2025-01-08T09:00:00Z";
const github = useAppSim(acmeWorld({ now: NOW, config: CONFIG }), { now: NOW });
let issue: Issue;

beforeEach(() => {
  const infra = github.sim.state.repo("acme", "infra")!;
  infra.nextNumber = 30;
  issue = github.sim.state.createIssue(infra, { title: "When do we meet in February?", author: "tess" });
});

async function say(body: string, commenter: string): Promise<void> {
  await github.act({ as: commenter, action: "comment", repo: "acme/infra", number: issue.number, body });
}

/** 👍 on a comment by each of `logins` (reactions send no webhook). */
function vote(commentId: number, logins: string[]): void {
  const comment = replies().find((c) => c.id === commentId)!;
  for (const login of logins) github.sim.state.react({ issue, comment }, login, "+1");
}

/** Docket's comments on the issue (people's commands left out). */
const replies = () => issue.comments.filter((c) => c.author === BOT);
const reactions = () => issue.comments.flatMap((c) => c.reactions).filter((r) => r.user === BOT);
const slotComments = () => replies().filter((c) => readSlotComment(c.body) !== null);

describe("/poll slots", () => {
  it("posts one comment per candidate weekday, then 👍; a repeated command posts nothing twice", async () => {
    await say("Let's find the week.\n/poll slots 2025-02-03..2025-02-14 09:00 UTC weekdays", "tess");
    // Which days are candidates is test/domain/poll.test.ts's; here, one comment each, in order.
    const dates = slotComments().map((c) => readSlotComment(c.body)!.date);
    expect(dates).toHaveLength(10);
    expect([dates[0], dates.at(-1)]).toEqual(["2025-02-03", "2025-02-14"]);
    expect([...dates].sort()).toEqual(dates);
    expect(slotComments()[0]!.body).toContain("👍 this comment if **Monday, 3 February 2025, 09:00 UTC** suits you.");
    expect(reactions().map((r) => r.content)).toEqual(["+1"]);
    expect(github.writes().filter((w) => w.startsWith("POST /repos/acme/infra/issues/30/comments"))).toHaveLength(10);

    await say("/poll slots 2025-02-03..2025-02-14 09:00 utc weekdays", "tess");
    expect(slotComments()).toHaveLength(10);
    expect(reactions()).toHaveLength(2);
  });

  it("a month of slots fits in one job's write budget (31 comments and the 👍)", async () => {
    await say("/poll slots 2025-03-01..2025-03-31 10:00 Europe/Berlin", "tess");
    expect(slotComments()).toHaveLength(31);
    expect(reactions()).toHaveLength(1);
  });

  it("someone without triage permission is told so and nothing is posted", async () => {
    await say("/poll slots 2025-02-03..2025-02-07 09:00 UTC", "mallory");
    expect(replies().map((c) => c.body)).toEqual([
      expect.stringContaining("@mallory only people with triage permission (or more) on `acme/infra` can open or close a poll"),
    ]);
    expect(reactions()).toEqual([]);
  });

  it("a malformed command gets the usage", async () => {
    await say("/poll slots 2025-02-03..2025-02-07 9am UTC", "tess");
    // The reply ends with a hidden marker saying whom it answered (refusals: at most one reply an hour).
    expect(replies().map((c) => c.body)).toEqual([
      '`9am` is not a time of day: expected HH:MM (24-hour), such as 09:00.\n\n<!-- docket:refused {"to":"tess"} -->',
    ]);
  });
});

describe("/poll close", () => {
  it("tallies the 👍 (not Docket's own), posts the ranking once", async () => {
    await say("/poll slots 2025-02-03..2025-02-07 09:00 UTC", "tess");
    const [mon, tue, wed] = slotComments();
    vote(mon!.id, ["alice", "bob", BOT]);
    // "Alice" is alice: GitHub counts one reaction of a kind per person.
    vote(tue!.id, ["alice", "bob", "carol", "Alice"]);
    vote(wed!.id, ["carol"]);
    await say("/poll close", "tess");
    const results = replies().filter((c) => readPollResult(c.body) !== null);
    expect(results).toHaveLength(1);
    const result = results[0]!.body;
    expect(readPollResult(result)).toBe("2025-02-03..2025-02-07 09:00 UTC");
    expect(result).toContain("3 people voted on 5 slots.");
    const rows = result
      .split("\n")
      .filter((l) => /^\| \d/.test(l))
      .map((l) =>
        l
          .split("|")
          .slice(1, 4)
          .map((c) => c.trim())
          .join(" "),
      );
    expect(rows).toEqual([
      "1 Tuesday, 4 February 2025, 09:00 UTC 3",
      "2 Monday, 3 February 2025, 09:00 UTC 2",
      "3 Wednesday, 5 February 2025, 09:00 UTC 1",
      "4 Thursday, 6 February 2025, 09:00 UTC 0",
      "4 Friday, 7 February 2025, 09:00 UTC 0",
    ]);

    // Closing again with the same votes posts nothing new.
    await say("/poll close", "tess");
    expect(replies().filter((c) => readPollResult(c.body) !== null)).toHaveLength(1);
  });

  it("only triage or more may close; no poll to close is said so", async () => {
    await say("/poll close", "tess");
    expect(replies().map((c) => c.body)).toEqual([expect.stringContaining("There is no poll to close in this issue")]);
    await say("/poll close", "mallory");
    expect(replies().at(-1)!.body).toContain("only people with triage permission");
  });

  it("write-config gets the loaded configuration: a series it does not have is named in the reply, the ranking posted", async () => {
    await say("/poll slots 2025-02-03..2025-02-07 09:00 UTC", "tess");
    vote(slotComments()[1]!.id, ["alice"]);
    await say("/poll close write-config retro", "tess");
    expect(replies().filter((c) => readPollResult(c.body) !== null)).toHaveLength(1);
    expect(replies().at(-1)!.body).toBe(
      "`/poll close write-config` cannot run: there is no series `retro`; series with an `event:`: `meetup-2025`. The ranking is posted all the same.",
    );
    // The 👍 for the slots; none for the close (it replied), and no branch, file or pull request.
    expect(github.writes().filter((w) => !w.startsWith("POST /repos/acme/infra/issues/30/comments"))).toEqual([
      expect.stringMatching(/^POST \/repos\/acme\/infra\/issues\/comments\/\d+\/reactions$/),
    ]);
  });

  it("write-config with an invalid configuration replies why, and the ranking is posted all the same", async () => {
    github.sim.state.commitFiles(
      github.sim.state.repo("acme", ".github")!,
      [{ path: ".github/docket.yml", text: "meetings:\n  meetup-2025: { title: Meetup, cadence: yearly }\n" }],
      { actor: "alice" },
    );
    await say("/poll slots 2025-02-03..2025-02-07 09:00 UTC", "tess");
    await say("/poll close write-config", "tess");
    expect(replies().filter((c) => readPollResult(c.body) !== null)).toHaveLength(1);
    expect(replies().at(-1)!.body).toMatch(
      /^`\/poll close write-config` cannot run: Docket's configuration \(`\.github\/docket\.yml`\) is missing or has problems/,
    );
  });
});
