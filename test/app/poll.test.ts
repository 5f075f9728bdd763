/**
 * `/poll` in the app (src/workflows/poll.ts): GitHub's own issue_comment payloads against the
 * nock-backed GitHub, which checks every request against GitHub's REST and GraphQL descriptions.
 * Votes are 👍 reactions on the slot comments, read with GraphQL (DocketPollComments).
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Probot } from "probot";
import type { Docket } from "../../src/app.js";
import { readPollResult, readSlotComment } from "../../src/render/poll.js";
import { issueCommentPayload, webhookEvent } from "../fixtures/webhooks.js";
import { BOT, FakeGitHub, type FakeIssue } from "../helpers/fake-github.js";
import { testApp } from "../helpers/probot.js";

const CONFIG = `
meetings:
  meetup-2025:
    title: Team Meetup 2025
    event: { from: 2025-02-03, to: 2025-02-14, weekdays: true, start: "09:00", timezone: UTC, daily-budget: 2h30m }
    label: meetup-topic
`;

const org = { owner: "acme", ownerType: "Organization" as const };
let fake: FakeGitHub;
let probot: Probot;
let docket: Docket;
let delivery = 0;
/** comment id -> logins who gave it a 👍 */
let votes: Map<number, string[]>;
let issue: FakeIssue;

beforeEach(() => {
  fake = new FakeGitHub();
  fake.config("acme", ".github", CONFIG);
  fake.permissions.set("acme/infra:tess", "triage");
  fake.permissions.set("acme/infra:mallory", "read");
  votes = new Map();
  fake.gh.graphql(
    "DocketPollComments",
    (v) => {
      const found = fake.find(String(v.owner), String(v.name), Number(v.number));
      const nodes = (found?.comments ?? []).map((c) => ({
        databaseId: c.id,
        body: c.body,
        author: c.author === BOT ? { __typename: "Bot", login: "docket" } : { __typename: "User", login: c.author },
        reactions: { totalCount: votes.get(c.id)?.length ?? 0, nodes: (votes.get(c.id) ?? []).map((login) => ({ user: { login } })) },
      }));
      return { repository: { issueOrPullRequest: { __typename: "Issue", comments: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } };
    },
    { persist: true },
  );
  ({ probot, docket } = testApp({ now: "2025-01-08T09:00:00Z" }));
  issue = fake.issue({ number: 30, title: "When do we meet in February?", author: "tess" });
});

async function say(body: string, commenter: string): Promise<void> {
  const payload = issueCommentPayload({ ...org, repo: issue.repo, number: issue.number, body, commenter, issueAuthor: issue.author, labels: [] });
  await docket.accept({ id: `delivery-${++delivery}`, name: "issue_comment", body: JSON.stringify(payload) });
  await docket.idle();
}

const slotComments = () => issue.comments.filter((c) => readSlotComment(c.body) !== null);

describe("/poll slots", () => {
  it("posts one comment per candidate weekday, then 👍; a repeated command posts nothing twice", async () => {
    await say("Let's find the week.\n/poll slots 2025-02-03..2025-02-14 09:00 UTC weekdays", "tess");
    expect(slotComments().map((c) => readSlotComment(c.body)!.date)).toEqual([
      "2025-02-03", "2025-02-04", "2025-02-05", "2025-02-06", "2025-02-07",
      "2025-02-10", "2025-02-11", "2025-02-12", "2025-02-13", "2025-02-14",
    ]);
    expect(slotComments()[0]!.body).toContain("👍 this comment if **Monday, 3 February 2025, 09:00 UTC** suits you.");
    expect(fake.reactions.map((r) => r.content)).toEqual(["+1"]);
    expect(fake.writes().filter((w) => w.startsWith("POST /repos/acme/infra/issues/30/comments"))).toHaveLength(10);

    await say("/poll slots 2025-02-03..2025-02-14 09:00 utc weekdays", "tess");
    expect(slotComments()).toHaveLength(10);
    expect(fake.reactions).toHaveLength(2);
  });

  it("a month of slots fits in one job's write budget (31 comments and the 👍)", async () => {
    await say("/poll slots 2025-03-01..2025-03-31 10:00 Europe/Berlin", "tess");
    expect(slotComments()).toHaveLength(31);
    expect(fake.reactions).toHaveLength(1);
  });

  it("someone without triage permission is told so and nothing is posted", async () => {
    await say("/poll slots 2025-02-03..2025-02-07 09:00 UTC", "mallory");
    expect(issue.comments.map((c) => c.body)).toEqual([expect.stringContaining("@mallory only people with triage permission (or more) on `acme/infra` can open or close a poll")]);
    expect(fake.reactions).toEqual([]);
  });

  it("a malformed command gets the usage", async () => {
    await say("/poll slots 2025-02-03..2025-02-07 9am UTC", "tess");
    // The reply ends with a hidden marker saying whom it answered (refusals: at most one reply an hour).
    expect(issue.comments.map((c) => c.body)).toEqual(['`9am` is not a time of day: expected HH:MM (24-hour), such as 09:00.\n\n<!-- docket:refused {"to":"tess"} -->']);
  });
});

describe("/poll close", () => {
  it("tallies the 👍 (not Docket's own), posts the ranking once", async () => {
    await say("/poll slots 2025-02-03..2025-02-07 09:00 UTC", "tess");
    const [mon, tue, wed] = slotComments();
    votes.set(mon!.id, ["alice", "bob", "docket[bot]"]);
    votes.set(tue!.id, ["alice", "bob", "carol", "Alice"]);
    votes.set(wed!.id, ["carol"]);
    await say("/poll close", "tess");
    const results = issue.comments.filter((c) => readPollResult(c.body) !== null);
    expect(results).toHaveLength(1);
    const result = results[0]!.body;
    expect(readPollResult(result)).toBe("2025-02-03..2025-02-07 09:00 UTC");
    expect(result).toContain("3 people voted on 5 slots.");
    const rows = result.split("\n").filter((l) => /^\| \d/.test(l)).map((l) => l.split("|").slice(1, 4).map((c) => c.trim()).join(" "));
    expect(rows).toEqual([
      "1 Tuesday, 4 February 2025, 09:00 UTC 3",
      "2 Monday, 3 February 2025, 09:00 UTC 2",
      "3 Wednesday, 5 February 2025, 09:00 UTC 1",
      "4 Thursday, 6 February 2025, 09:00 UTC 0",
      "4 Friday, 7 February 2025, 09:00 UTC 0",
    ]);

    // Closing again with the same votes posts nothing new.
    await say("/poll close", "tess");
    expect(issue.comments.filter((c) => readPollResult(c.body) !== null)).toHaveLength(1);
  });

  it("only triage or more may close; no poll to close is said so", async () => {
    await say("/poll close", "tess");
    expect(issue.comments.map((c) => c.body)).toEqual([expect.stringContaining("There is no poll to close in this issue")]);
    await say("/poll close", "mallory");
    expect(issue.comments.at(-1)!.body).toContain("only people with triage permission");
  });

  it("write-config gets the loaded configuration: a series it does not have is named in the reply, the ranking posted", async () => {
    await say("/poll slots 2025-02-03..2025-02-07 09:00 UTC", "tess");
    votes.set(slotComments()[1]!.id, ["alice"]);
    await say("/poll close write-config retro", "tess");
    expect(issue.comments.filter((c) => readPollResult(c.body) !== null)).toHaveLength(1);
    expect(issue.comments.at(-1)!.body).toBe(
      "`/poll close write-config` cannot run: there is no series `retro`; series with an `event:`: `meetup-2025`. The ranking is posted all the same.",
    );
    // The 👍 for the slots; none for the close (it replied), and no branch, file or pull request.
    expect(fake.writes().filter((w) => !w.startsWith("POST /repos/acme/infra/issues/30/comments"))).toEqual([expect.stringMatching(/^POST \/repos\/acme\/infra\/issues\/comments\/\d+\/reactions$/)]);
  });

  it("write-config with an invalid configuration replies why, and the ranking is posted all the same", async () => {
    fake.config("acme", ".github", "meetings:\n  meetup-2025: { title: Meetup, cadence: yearly }\n");
    await say("/poll slots 2025-02-03..2025-02-07 09:00 UTC", "tess");
    await say("/poll close write-config", "tess");
    expect(issue.comments.filter((c) => readPollResult(c.body) !== null)).toHaveLength(1);
    expect(issue.comments.at(-1)!.body).toMatch(/^`\/poll close write-config` cannot run: Docket's configuration \(`\.github\/docket\.yml`\) is missing or has problems/);
  });
});
