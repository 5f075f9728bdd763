/**
 * The Probot app, driven by GitHub's own (validated) webhook payloads against
 * a nock-backed GitHub that checks every request against GitHub's published
 * REST and GraphQL descriptions. Assertions are what a user sees: the meeting
 * issue's text, comments, labels, check runs, and how many writes it took.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Probot } from "probot";
import { webOrigin, type Docket, type DocketOptions } from "../../src/app.js";
import { readSection } from "../../src/render/markers.js";
import { issueCommentPayload, issueNodeId, issuesPayload, projectsV2ItemPayload, pullRequestPayload, pushPayload, webhookEvent } from "../fixtures/webhooks.js";
import { BOT, FakeGitHub, type FakeIssue } from "../helpers/fake-github.js";
import { resetGitHubMock } from "../helpers/github-mock.js";
import { testApp } from "../helpers/probot.js";

const CONFIG = `
meetings:
  iaas:
    title: Team IaaS
    cadence: biweekly
    weeks: odd
    day: monday
    time: "14:00"
    duration: 30m
    timezone: Europe/Berlin
    default-estimate: 10m
backlog:
  label: idea
  title: Idea Backlog
`;

/** Wednesday of ISO week 48; the next odd-week Monday is 2023-12-04 (week 49). */
const NOW = "2023-11-29T10:00:00Z";
const org = { owner: "acme", ownerType: "Organization" as const };

let fake: FakeGitHub;
let probot: Probot;
let docket: Docket;
let delivery = 0;

function start(options: DocketOptions = {}): void {
  ({ probot, docket } = testApp({ now: NOW, ...options }));
}

/** A delivery the way the intake hands it over: queued, then routed by a worker. */
async function send(name: string, payload: Record<string, unknown>, id = `delivery-${++delivery}`): Promise<void> {
  const event = webhookEvent(name, payload, id) as { id: string; name: string; payload: unknown };
  await docket.accept({ id: event.id, name: event.name, body: JSON.stringify(event.payload) });
  await docket.idle();
}

const labeled = (issue: FakeIssue, label: string, sender = issue.author) =>
  issuesPayload("labeled", { ...org, repo: issue.repo, number: issue.number, title: issue.title, user: issue.author, labels: issue.labels.map((l) => l.name), label, sender });

function meetingIssue(): FakeIssue {
  const [meeting, ...more] = fake.docketIssues("docket/iaas");
  expect(more).toEqual([]);
  expect(meeting).toBeDefined();
  return meeting!;
}

/** The agenda table rows as "#. link text" for readable assertions. */
function agendaRows(body: string): string[] {
  return (readSection(body, "agenda") ?? "")
    .split("\n")
    .filter((l) => /^\| \d+ \|/.test(l))
    .map((l) => l.split("|").map((c) => c.trim()).filter(Boolean))
    .map(([n, start, topic, , estimate]) => `${n} ${start} ${topic?.replace(/^\[([^\]]+)\].*$/, "$1")} ${estimate}`);
}

function waitingRows(body: string): string[] {
  return (readSection(body, "waiting-list") ?? "")
    .split("\n")
    .filter((l) => /^\d+\. /.test(l))
    .map((l) => l.replace(/\]\([^)]*\)/g, "]").replace(/[[\]]/g, ""));
}

beforeEach(() => {
  fake = new FakeGitHub();
  fake.config("acme", ".github", CONFIG);
  start();
});

afterEach(() => {
  fake.gh.assertDone();
  resetGitHubMock();
});

describe("labelling an issue puts it on the next meeting's agenda", () => {
  it("creates the meeting issue for the next occurrence with the topic, its author, estimate and start time", async () => {
    const topic = fake.issue({ number: 12, title: "Rotate the CI secrets", author: "bob", labels: ["agenda/iaas", "time/15m"] });
    await send("issues.labeled", labeled(topic, "agenda/iaas"));

    const meeting = meetingIssue();
    expect(meeting).toMatchObject({ owner: "acme", repo: ".github", title: "Team IaaS — 2023-12-04", author: BOT });
    expect(meeting.body).toContain("Monday, 4 December 2023, 14:00–14:30 Europe/Berlin (13:00 UTC)");
    expect(agendaRows(meeting.body)).toEqual(["1 14:00 acme/infra#12 Rotate the CI secrets 15m"]);
    expect(meeting.body).toContain("[bob](https://github.com/bob)");
    expect(waitingRows(meeting.body)).toEqual([]);
    // Org-wide config (in acme/.github): topics come from the whole org.
    expect(fake.searches).toEqual(['org:acme label:"agenda/iaas" is:open sort:created-asc']);
    expect(fake.writes()).toEqual(["POST /repos/acme/.github/issues"]);
  });

  it("a single label is not kept waiting for a burst that never comes (the debounce paces bursts only)", async () => {
    start({ now: NOW, debounceMs: 10_000 });
    const topic = fake.issue({ number: 1, labels: ["agenda/iaas"] });
    const t0 = performance.now();
    await send("issues.labeled", labeled(topic, "agenda/iaas"));
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 acme/infra#1 Topic 1 10m"]);
  });

  it("a topic search has not indexed yet is still on the agenda (the event's issue is read fresh)", async () => {
    const topic = fake.issue({ number: 3, labels: ["agenda/iaas"] });
    fake.unindexed.add(topic.id);
    await send("issues.labeled", labeled(topic, "agenda/iaas"));
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 acme/infra#3 Topic 3 10m"]);
  });

  it("pull requests are topics too", async () => {
    const pr = fake.issue({ number: 40, kind: "PullRequest", title: "Switch to OpenTofu", labels: ["agenda/iaas"] });
    await send(
      "pull_request.labeled",
      pullRequestPayload("labeled", { ...org, repo: "infra", number: 40, title: pr.title, user: "alice", labels: ["agenda/iaas"], label: "agenda/iaas" }),
    );
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 acme/infra#40 Switch to OpenTofu 10m"]);
  });

  it("updates an existing meeting issue and keeps every word people wrote outside the markers", async () => {
    const first = fake.issue({ number: 1, title: "First", labels: ["agenda/iaas"] });
    await send("issues.labeled", labeled(first, "agenda/iaas"));
    const meeting = meetingIssue();
    meeting.body = `Chair's note: bring coffee ☕\r\n\r\n${meeting.body.replace(/\n/g, "\r\n")}\r\n\r\n- [ ] remember the *retro*\r\n`;
    // People's text outside Docket's sections; the notes area (people's too) only ever gains headings.
    const outside = (body: string) => body.replace(/<!-- docket:begin notes -->[\s\S]*<!-- docket:end notes -->/, "").split(/<!-- docket:begin agenda -->[\s\S]*<!-- docket:end waiting-list -->/);
    const before = outside(meeting.body);

    const second = fake.issue({ number: 2, title: "Second", labels: ["agenda/iaas"] });
    await send("issues.labeled", labeled(second, "agenda/iaas"));

    expect(agendaRows(meeting.body.replace(/\r\n/g, "\n"))).toEqual(["1 14:00 acme/infra#1 First 10m", "2 14:10 acme/infra#2 Second 10m"]);
    expect(outside(meeting.body)).toEqual(before);
    expect(readSection(meeting.body, "notes")).toBe("### acme/infra#1 First\n\n### acme/infra#2 Second");
    expect(fake.writes()).toEqual(["POST /repos/acme/.github/issues", "PATCH /repos/acme/.github/issues/1"]);
  });

  it("a rebuild that changes nothing sends no write", async () => {
    const topic = fake.issue({ number: 5, labels: ["agenda/iaas"] });
    await send("issues.labeled", labeled(topic, "agenda/iaas"));
    const writes = fake.writes().length;
    await send("issues.edited", issuesPayload("edited", { ...org, repo: "infra", number: 5, labels: ["agenda/iaas"], changes: { body: { from: "old" } } }));
    expect(fake.writes().length).toBe(writes);
  });

  it("a label unrelated to Docket costs no GitHub request beyond reading the config", async () => {
    const topic = fake.issue({ number: 5, labels: ["agenda/iaas", "bug"] });
    await send("issues.labeled", labeled(topic, "bug"));
    expect(fake.gh.requests.map((r) => r.operationName ?? `${r.method} ${r.path}`)).toEqual([
      "GET /repos/acme/infra/contents/.github%2Fdocket.yml",
      "GET /repos/acme/.github/contents/.github%2Fdocket.yml",
    ]);
  });

  it("a closed meeting issue ends that meeting: new topics go to the following one", async () => {
    const topic = fake.issue({ number: 5, labels: ["agenda/iaas"] });
    await send("issues.labeled", labeled(topic, "agenda/iaas"));
    meetingIssue().state = "CLOSED";
    const next = fake.issue({ number: 6, labels: ["agenda/iaas"] });
    await send("issues.labeled", labeled(next, "agenda/iaas"));
    const titles = fake.docketIssues("docket/iaas").map((i) => `${i.title} ${i.state}`);
    expect(titles.sort()).toEqual(["Team IaaS — 2023-12-04 CLOSED", "Team IaaS — 2023-12-18 OPEN"]);
  });
});

describe("the waiting list", () => {
  /** 30-minute meeting: A 15m, B 10m fit; C 10m and D 5m wait... D fits first-fit in the 5 left. */
  async function fill(): Promise<FakeIssue[]> {
    const topics = [
      fake.issue({ number: 1, title: "A", labels: ["agenda/iaas", "time/15m"], author: "ann" }),
      fake.issue({ number: 2, title: "B", labels: ["agenda/iaas", "time/10m"], author: "ben" }),
      fake.issue({ number: 3, title: "C", labels: ["agenda/iaas", "time/10m"], author: "cat" }),
      fake.issue({ number: 4, title: "D", labels: ["agenda/iaas", "time/45m"], author: "dan" }),
    ];
    await send("issues.labeled", labeled(topics[3]!, "agenda/iaas"));
    return topics;
  }

  it("topics that do not fit wait, in order, and one longer than the meeting says so", async () => {
    await fill();
    const body = meetingIssue().body;
    expect(agendaRows(body)).toEqual(["1 14:00 acme/infra#1 A 15m", "2 14:15 acme/infra#2 B 10m"]);
    expect(waitingRows(body)).toEqual([
      "1. acme/infra#3 C by cat, 10m",
      "2. acme/infra#4 D by dan, 45m — longer than the whole meeting (45m > 30m); split it or lower its estimate",
    ]);
  });

  it("when a scheduled topic is closed, the next waiting one moves up and its author is told once", async () => {
    const [a, , c] = await fill();
    a!.state = "CLOSED";
    await send("issues.closed", issuesPayload("closed", { ...org, repo: "infra", number: 1, title: "A", user: "ann", labels: ["agenda/iaas", "time/15m"], state: "closed" }));

    const body = meetingIssue().body;
    expect(agendaRows(body)).toEqual(["1 14:00 acme/infra#2 B 10m", "2 14:10 acme/infra#3 C 10m"]);
    expect(waitingRows(body)).toEqual([expect.stringMatching(/^1\. acme\/infra#4 D by dan, 45m — longer/)]);
    expect(c!.comments).toHaveLength(1);
    expect(c!.comments[0]!.body).toContain("moved up from the waiting list");
    expect(c!.comments[0]!.body).toContain("planned to start at 14:10");

    // A redelivery and a later rebuild do not tell the author again.
    await send("issues.closed", issuesPayload("closed", { ...org, repo: "infra", number: 1, title: "A", user: "ann", labels: ["agenda/iaas", "time/15m"], state: "closed" }));
    const b = fake.find("acme", "infra", 2)!;
    b.title = "B, renamed";
    await send("issues.edited", issuesPayload("edited", { ...org, repo: "infra", number: 2, title: b.title, labels: ["agenda/iaas"], changes: { title: { from: "B" } } }));
    expect(c!.comments).toHaveLength(1);
  });

  it("removing the label, deleting the issue or transferring it out of the org frees its room", async () => {
    const [a, b] = await fill();
    a!.labels = a!.labels.filter((l) => l.name !== "agenda/iaas");
    await send("issues.unlabeled", issuesPayload("unlabeled", { ...org, repo: "infra", number: 1, title: "A", user: "ann", labels: ["time/15m"], label: "agenda/iaas" }));
    expect(agendaRows(meetingIssue().body).map((r) => r.split(" ")[2])).toEqual(["acme/infra#2", "acme/infra#3"]);

    fake.issues.splice(fake.issues.indexOf(b!), 1); // deleted: no longer resolves
    await send("issues.deleted", issuesPayload("deleted", { ...org, repo: "infra", number: 2, title: "B", user: "ben", labels: ["agenda/iaas", "time/10m"] }));
    expect(agendaRows(meetingIssue().body).map((r) => r.split(" ")[2])).toEqual(["acme/infra#3"]);

    // Transferred to another owner: still labelled, but no longer in the org's scope.
    const c = fake.find("acme", "infra", 3)!;
    c.owner = "elsewhere";
    await send("issues.transferred", issuesPayload("transferred", { ...org, repo: "infra", number: 3, title: "C", user: "cat", labels: ["agenda/iaas", "time/10m"] }));
    expect(readSection(meetingIssue().body, "agenda")).toContain("No topics yet");
  });

  it("a burst of 50 labels ends in at most two writes of the meeting issue", async () => {
    const topics = Array.from({ length: 50 }, (_, i) => fake.issue({ number: 100 + i, labels: ["agenda/iaas", "time/1m"] }));
    await Promise.all(topics.map((t, i) => docket.accept({ id: `burst-${i}`, name: "issues", body: JSON.stringify(labeled(t, "agenda/iaas")) })));
    await docket.idle();
    const meetingWrites = fake.writes().filter((w) => w.startsWith("POST /repos/acme/.github/issues") || w.startsWith("PATCH /repos/acme/.github/issues/"));
    expect(meetingWrites.length).toBeGreaterThanOrEqual(1);
    expect(meetingWrites.length).toBeLessThanOrEqual(2);
    expect(agendaRows(meetingIssue().body)).toHaveLength(30);
    expect(waitingRows(meetingIssue().body)).toHaveLength(20);
  });
});

describe("a multi-day event", () => {
  const MEETUP = `
meetings:
  meetup:
    title: Team Meetup 2025
    event: { from: 2025-02-03, to: 2025-02-14, weekdays: true, start: "09:00", timezone: UTC, daily-budget: 2h30m }
    label: meetup-topic
`;

  it("packs topics day by day within the daily budget, never splitting one, and the rest waits", async () => {
    fake.config("acme", ".github", MEETUP);
    start({ now: "2025-01-20T08:00:00Z" });
    const topics = Array.from({ length: 25 }, (_, i) => fake.issue({ number: 200 + i, title: `Session ${i + 1}`, labels: ["meetup-topic", "time/1h"] }));
    await send("issues.labeled", labeled(topics[0]!, "meetup-topic"));

    const [meeting] = fake.docketIssues("docket/meetup");
    expect(meeting!.title).toBe("Team Meetup 2025 — 2025-02-03");
    const agenda = readSection(meeting!.body, "agenda")!;
    // Ten weekdays, two one-hour sessions each (2h30m a day), the first on Monday 3 February at 09:00 and 10:00.
    expect(agenda.match(/^### Day \d+ — .*$/gm)).toHaveLength(10);
    expect(agenda).toContain("### Day 1 — Monday, 3 February 2025");
    expect(agenda).toContain("### Day 10 — Friday, 14 February 2025");
    expect(agenda).not.toContain("Saturday");
    expect(agendaRows(meeting!.body).slice(0, 2)).toEqual(["1 09:00 acme/infra#200 Session 1 1h", "2 10:00 acme/infra#201 Session 2 1h"]);
    expect(agendaRows(meeting!.body)).toHaveLength(20);
    expect(waitingRows(meeting!.body)).toHaveLength(5);
  });
});

describe("the idea backlog", () => {
  it("lists ideas alphabetically in one pinned issue that says the order claims no priority", async () => {
    fake.issue({ number: 7, title: "zero-downtime upgrades", labels: ["idea"] });
    fake.issue({ number: 8, title: "Archive old minutes", labels: ["idea"] });
    const idea = fake.issue({ number: 9, title: "Mentoring programme", labels: ["idea"] });
    await send("issues.labeled", labeled(idea, "idea"));

    const [backlog] = fake.docketIssues("docket/backlog");
    expect(backlog).toMatchObject({ title: "Idea Backlog", pinned: true });
    const section = readSection(backlog!.body, "backlog")!;
    expect(section).toContain("Ordered alphabetically; the order claims no priority.");
    expect(section.split("\n").filter((l) => l.startsWith("- ")).map((l) => /^- \[(.+) — [^\]]+\]/.exec(l)?.[1])).toEqual([
      "Archive old minutes",
      "Mentoring programme",
      "zero-downtime upgrades",
    ]);
  });
});

describe("/agenda commands", () => {
  const comment = (issue: FakeIssue, body: string, commenter: string) =>
    issueCommentPayload({ ...org, repo: issue.repo, number: issue.number, body, commenter, issueAuthor: issue.author, labels: issue.labels.map((l) => l.name) });

  it("the author may propose their own issue with an estimate: label set, 👍, on the agenda", async () => {
    const topic = fake.issue({ number: 21, title: "Budget 2024", author: "carol" });
    await send("issue_comment.created", comment(topic, "Could we talk about this?\n/agenda iaas 20m", "carol"));
    expect(topic.labels.map((l) => l.name)).toEqual(["agenda/iaas", "time/20m"]);
    expect(fake.reactions.map((r) => r.content)).toEqual(["+1"]);
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 acme/infra#21 Budget 2024 20m"]);
  });

  it("someone without triage permission cannot do it for another's issue, and is told why", async () => {
    const topic = fake.issue({ number: 22, author: "carol" });
    fake.permissions.set("acme/infra:mallory", "read");
    await send("issue_comment.created", comment(topic, "/agenda iaas", "mallory"));
    expect(topic.labels).toEqual([]);
    expect(topic.comments.map((c) => c.body)).toEqual([expect.stringContaining("only the author of this issue or people with triage permission")]);
    expect(fake.docketIssues("docket/iaas")).toEqual([]);
  });

  it("a triager may, and may replace the estimate and take it off again", async () => {
    const topic = fake.issue({ number: 23, author: "carol", labels: ["time/5m"] });
    fake.permissions.set("acme/infra:tess", "triage");
    await send("issue_comment.created", comment(topic, "/agenda iaas 1h", "tess"));
    expect(topic.labels.map((l) => l.name)).toEqual(["agenda/iaas", "time/1h"]);
    expect(waitingRows(meetingIssue().body)).toEqual([expect.stringMatching(/^1\. acme\/infra#23 Topic 23 by carol, 1h — longer than the whole meeting/)]);

    await send("issue_comment.created", comment(topic, "/agenda remove", "tess"));
    expect(topic.labels.map((l) => l.name)).toEqual(["time/1h"]);
    expect(readSection(meetingIssue().body, "agenda")).toContain("No topics yet");
    expect(waitingRows(meetingIssue().body)).toEqual([]);
  });

  it("a malformed command gets a reply that says what is expected, and changes nothing", async () => {
    const topic = fake.issue({ number: 24, author: "carol" });
    await send("issue_comment.created", comment(topic, "/agenda sprint", "carol"));
    expect(topic.labels).toEqual([]);
    expect(topic.comments[0]!.body).toBe('Unknown series `sprint`. Usage: `/agenda <series> [estimate]` or `/agenda remove [<series>]`; series: `iaas`.\n\n<!-- docket:refused {"to":"carol"} -->');
  });

  it("100 refused commands by one person on one issue get one reply, then 😕 only; a legitimate label still lands with few writes", async () => {
    const topic = fake.issue({ number: 25, author: "carol" });
    fake.permissions.set("acme/infra:mallory", "read");
    for (let i = 0; i < 100; i++) await send("issue_comment.created", comment(topic, i % 2 === 0 ? "/agenda iaas" : "/agenda nonsense 5m", "mallory"));
    expect(topic.comments).toHaveLength(1);
    expect(topic.comments[0]!.body).toMatch(/^@mallory only the author of this issue or people with triage permission/);
    expect(fake.reactions.map((r) => r.content)).toEqual(Array(99).fill("confused"));
    expect(topic.labels).toEqual([]);

    // Somebody else refused on the same issue still hears why, once.
    fake.permissions.set("acme/infra:eve", "read");
    await send("issue_comment.created", comment(topic, "/agenda iaas", "eve"));
    await send("issue_comment.created", comment(topic, "/agenda iaas", "eve"));
    expect(topic.comments.map((c) => c.body.split(" ")[0])).toEqual(["@mallory", "@eve"]);

    const before = fake.writes().length;
    const other = fake.issue({ number: 26, labels: ["agenda/iaas"] });
    await send("issues.labeled", labeled(other, "agenda/iaas"));
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 acme/infra#26 Topic 26 10m"]);
    expect(fake.writes().slice(before)).toEqual(["POST /repos/acme/.github/issues"]);
  });

  it("an /agenda that changes nothing does nothing: no label, no reply, no reaction, no rebuild", async () => {
    const topic = fake.issue({ number: 27, author: "carol", labels: ["agenda/iaas", "time/20m"] });
    await send("issue_comment.created", comment(topic, "/agenda iaas 20m", "carol"));
    await send("issue_comment.created", comment(topic, "/agenda iaas", "carol"));
    const bare = fake.issue({ number: 28, author: "carol" });
    await send("issue_comment.created", comment(bare, "/agenda remove", "carol"));
    expect(fake.writes()).toEqual([]);
    expect(fake.searches).toEqual([]);
  });

  it("while the configuration has problems, only people who can change it are told; others get 😕", async () => {
    fake.config("acme", ".github", CONFIG.replace("timezone: Europe/Berlin", "timezone: Europe/Berln"));
    const topic = fake.issue({ number: 29, author: "carol" });
    fake.permissions.set("acme/.github:carol", "read");
    await send("issue_comment.created", comment(topic, "/agenda iaas", "carol"));
    expect(topic.comments).toEqual([]);
    expect(fake.reactions.map((r) => r.content)).toEqual(["confused"]);

    fake.permissions.set("acme/.github:wendy", "write");
    await send("issue_comment.created", comment(topic, "/agenda iaas", "wendy"));
    expect(topic.comments.map((c) => c.body)).toEqual([expect.stringMatching(/^Docket cannot run `\/agenda` right now: its configuration \(`\.github\/docket\.yml`\) has problems\./)]);
    expect(topic.labels).toEqual([]);
  });
});

describe("configuration", () => {
  const BROKEN = CONFIG.replace("timezone: Europe/Berlin", "timezone: Europe/Berln");

  it("a broken config changes nothing: no search, no write, the agenda keeps its last good state", async () => {
    const topic = fake.issue({ number: 5, labels: ["agenda/iaas"] });
    await send("issues.labeled", labeled(topic, "agenda/iaas"));
    const body = meetingIssue().body;
    fake.config("acme", ".github", BROKEN);
    const other = fake.issue({ number: 6, labels: ["agenda/iaas"] });
    await send("issues.labeled", labeled(other, "agenda/iaas"));
    expect(meetingIssue().body).toBe(body);
    expect(fake.searches).toHaveLength(1);
  });

  it("a push of a broken config fails a check on that commit with the YAML path, line and what was expected", async () => {
    fake.files.set("acme/.github:.github/docket.yml", BROKEN);
    await send(
      "push",
      pushPayload({ ...org, repo: ".github", after: "a".repeat(40), commits: [{ id: "a".repeat(40), modified: [".github/docket.yml"] }] }),
    );
    expect(fake.checkRuns).toHaveLength(1);
    const run = fake.checkRuns[0]!;
    expect(run).toMatchObject({ name: "Docket configuration", head_sha: "a".repeat(40), status: "completed", conclusion: "failure" });
    expect(run.output.title).toBe("1 problem in .github/docket.yml");
    expect(run.output.annotations).toEqual([
      expect.objectContaining({ path: ".github/docket.yml", start_line: 10, annotation_level: "failure", title: "meetings.iaas.timezone", message: expect.stringContaining("Europe/Berlin") }),
    ]);
    expect(fake.docketIssues("docket/iaas")).toEqual([]);
  });

  it("a config that extends itself fails the check with the loop named, and the app says the same in its log", async () => {
    fake.config("acme", ".github", `_extends: .github${CONFIG}`);
    const LOOP = "acme/.github:.github/docket.yml → acme/.github:.github/docket.yml: _extends loops back";
    await send("push", pushPayload({ ...org, repo: ".github", after: "d".repeat(40), commits: [{ id: "d".repeat(40), modified: [".github/docket.yml"] }] }));
    expect(fake.checkRuns.map((r) => [r.conclusion, r.output.title])).toEqual([["failure", "1 problem in .github/docket.yml"]]);
    expect(fake.checkRuns[0]!.output.summary).toContain(`.github/docket.yml:1:11 _extends: ${LOOP}`);
    expect(fake.checkRuns[0]!.output.annotations).toEqual([expect.objectContaining({ path: ".github/docket.yml", start_line: 1, title: "_extends", message: LOOP })]);

    const warnings: unknown[] = [];
    probot.log.warn = ((...args: unknown[]) => void warnings.push(args[0])) as never;
    const topic = fake.issue({ number: 5, labels: ["agenda/iaas"] });
    await send("issues.labeled", labeled(topic, "agenda/iaas"));
    expect(warnings).toContainEqual(expect.objectContaining({ repo: "acme/.github", problems: `.github/docket.yml:1:11 _extends: ${LOOP}` }));
    expect(fake.writes()).toEqual(["POST /repos/acme/.github/check-runs"]);
  });

  it("a config that extends a file that does not exist fails the check, naming the chain", async () => {
    fake.config("acme", ".github", `_extends: acme/templates:meetings/docket.yml${CONFIG}`);
    await send("push", pushPayload({ ...org, repo: ".github", after: "e".repeat(40), commits: [{ id: "e".repeat(40), modified: [".github/docket.yml"] }] }));
    expect(fake.checkRuns.map((r) => r.conclusion)).toEqual(["failure"]);
    expect(fake.checkRuns[0]!.output.annotations).toEqual([
      expect.objectContaining({
        start_line: 1,
        message: "acme/.github:.github/docket.yml → acme/templates:meetings/docket.yml: acme/templates:meetings/docket.yml does not exist (or Docket may not read it)",
      }),
    ]);
  });

  it("a push of a valid config passes the check and rebuilds every agenda it describes", async () => {
    fake.issue({ number: 5, labels: ["agenda/iaas"] });
    await send(
      "push",
      pushPayload({ ...org, repo: ".github", after: "b".repeat(40), commits: [{ id: "b".repeat(40), modified: [".github/docket.yml"] }] }),
    );
    expect(fake.checkRuns.map((r) => r.conclusion)).toEqual(["success"]);
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 acme/infra#5 Topic 5 10m"]);
    expect(fake.docketIssues("docket/backlog")).toHaveLength(1);
  });

  it("a series with nothing on its agenda gets no meeting issue yet (the first topic opens it)", async () => {
    await send("push", pushPayload({ ...org, repo: ".github", after: "c".repeat(40), commits: [{ id: "c".repeat(40), modified: [".github/docket.yml"] }] }));
    expect(fake.docketIssues("docket/iaas")).toEqual([]);
    const topic = fake.issue({ number: 6, labels: ["agenda/iaas"] });
    await send("issues.labeled", labeled(topic, "agenda/iaas"));
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 acme/infra#6 Topic 6 10m"]);
  });

  it("a repository without any config is left alone", async () => {
    fake.files.clear();
    const topic = fake.issue({ number: 5, labels: ["agenda/iaas"] });
    await send("issues.labeled", labeled(topic, "agenda/iaas"));
    expect(fake.writes()).toEqual([]);
  });
});

describe("organisation boards (projects_v2_item)", () => {
  const BOARD_CONFIG = CONFIG.replace("    default-estimate: 10m\n", "    default-estimate: 10m\n    board: { owner: acme, number: 6, estimate-field: Minutes }\n");
  const PROJECT = "PVT_kwDOAcme06";
  const item = (action: string, itemId = "PVTI_draft1") =>
    projectsV2ItemPayload(action, { org: "acme", projectNodeId: PROJECT, itemNodeId: itemId, contentNodeId: "DI_draft1", contentType: "DraftIssue", sender: "bob" });
  /** The board as GitHub answers DocketBoardItems for an organisation: `user` is NOT_FOUND. */
  const boardAnswer = (status: string) => ({
    data: {
      organization: {
        projectV2: {
          id: PROJECT,
          title: "Planning",
          url: "https://github.com/orgs/acme/projects/6",
          public: true,
          fields: {
            nodes: [
              { __typename: "ProjectV2SingleSelectField", name: "Status", dataType: "SINGLE_SELECT", options: [{ name: "Agenda" }, { name: "Done" }] },
              { __typename: "ProjectV2Field", name: "Minutes", dataType: "NUMBER" },
            ],
          },
          items: {
            totalCount: 1,
            pageInfo: { hasNextPage: false, endCursor: "MQ" },
            nodes: [
              {
                id: "PVTI_draft1",
                type: "DRAFT_ISSUE",
                isArchived: false,
                createdAt: "2023-11-28T09:00:00Z",
                updatedAt: "2023-11-28T09:00:00Z",
                fullDatabaseId: "4711",
                content: { __typename: "DraftIssue", id: "DI_draft1", title: "Try a new call format", body: "", createdAt: "2023-11-28T09:00:00Z", creator: { login: "bob" } },
                fieldValues: {
                  nodes: [
                    { __typename: "ProjectV2ItemFieldSingleSelectValue", name: status, createdAt: "2023-11-28T09:00:00Z", updatedAt: "2023-11-28T09:05:00Z", field: { name: "Status" } },
                    { __typename: "ProjectV2ItemFieldNumberValue", number: 25, field: { name: "Minutes" } },
                  ],
                },
              },
            ],
          },
        },
      },
      user: null,
    },
    errors: [{ type: "NOT_FOUND", path: ["user"], locations: [{ line: 3, column: 5 }], message: "Could not resolve to a User with the login of 'acme'." }],
  });
  const lookups = () => fake.gh.requests.filter((r) => r.operationName === "DocketBoardById").length;

  beforeEach(() => {
    fake.config("acme", ".github", BOARD_CONFIG);
    fake.gh.graphql("DocketBoardById", (v) => ({ node: { __typename: "ProjectV2", number: v.projectId === PROJECT ? 6 : 7, owner: { __typename: "Organization", login: "acme" } } }), { persist: true });
  });

  it("a draft set to Agenda on the board lands on the agenda with the board's estimate, linked to its item", async () => {
    fake.gh.graphql("DocketBoardItems", () => boardAnswer("Agenda"), { persist: true });
    await send("projects_v2_item", item("edited"));
    const meeting = meetingIssue();
    expect(agendaRows(meeting.body)).toEqual(["1 14:00 Try a new call format 25m"]);
    expect(meeting.body).toContain("[Try a new call format](https://github.com/orgs/acme/projects/6?pane=issue&itemId=4711)");
    expect(fake.writes()).toEqual(["POST /repos/acme/.github/issues"]);
  });

  it("moved off Agenda, it leaves; a burst of item events looks the board up once", async () => {
    fake.gh.graphql("DocketBoardItems", () => boardAnswer("Agenda"), { times: 1 });
    await send("projects_v2_item", item("created"));
    expect(agendaRows(meetingIssue().body)).toHaveLength(1);
    fake.gh.graphql("DocketBoardItems", () => boardAnswer("Done"), { persist: true });
    await send("projects_v2_item", item("edited"));
    await send("projects_v2_item", item("archived"));
    expect(agendaRows(meetingIssue().body)).toEqual([]);
    expect(lookups()).toBe(1);
  });

  it("an item of another board of the organisation costs one lookup and changes nothing", async () => {
    await send("projects_v2_item", projectsV2ItemPayload("created", { org: "acme", projectNodeId: "PVT_other", itemNodeId: "PVTI_9", contentNodeId: "I_9", sender: "bob" }));
    expect(lookups()).toBe(1);
    expect(fake.searches).toEqual([]);
    expect(fake.writes()).toEqual([]);
  });

  it("without a board in the configuration, board events cost no GitHub request beyond the config; reordering costs none at all", async () => {
    await send("projects_v2_item", item("reordered"));
    expect(fake.gh.requests).toEqual([]);
    fake.config("acme", ".github", CONFIG);
    await send("projects_v2_item", item("edited"));
    expect(fake.gh.requests.filter((r) => r.path.endsWith("graphql"))).toEqual([]);
    expect(fake.writes()).toEqual([]);
  });

  it("closing or renaming an issue that is only on the board (no label) rebuilds the agenda; one on no board costs one question", async () => {
    fake.gh.graphql("DocketBoardItems", () => boardAnswer("Agenda"), { persist: true });
    const boardsOf = new Map([[issueNodeId("acme", "infra", 30), [6]], [issueNodeId("acme", "infra", 31), []]]);
    fake.gh.graphql(
      "DocketTopicBoards",
      (v) => ({ node: { __typename: "Issue", projectItems: { nodes: (boardsOf.get(v.id) ?? []).map((number) => ({ project: { number, owner: { __typename: "Organization", login: "acme" } } })) } } }),
      { persist: true },
    );
    const closed = (number: number) => issuesPayload("closed", { ...org, repo: "infra", number, title: `Topic ${number}`, labels: [] });
    const asked = () => fake.gh.requests.filter((r) => r.operationName === "DocketTopicBoards").length;
    await send("issues.closed", closed(31));
    expect(asked()).toBe(1);
    expect(fake.gh.requests.filter((r) => r.operationName === "DocketBoardItems")).toEqual([]);
    expect(fake.writes()).toEqual([]);
    await send("issues.closed", closed(30));
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 Try a new call format 25m"]);
    // A new title of an unlabelled topic on the board is a change too; a label unrelated to Docket is not.
    const reads = fake.gh.requests.filter((r) => r.operationName === "DocketBoardItems").length;
    await send("issues.edited", issuesPayload("edited", { ...org, repo: "infra", number: 30, title: "Renamed", labels: [], changes: { title: { from: "Topic 30" } } }));
    expect(fake.gh.requests.filter((r) => r.operationName === "DocketBoardItems").length).toBe(reads + 1);
    await send("issues.labeled", issuesPayload("labeled", { ...org, repo: "infra", number: 30, title: "Renamed", labels: ["bug"], label: "bug" }));
    expect(asked()).toBe(3);
  });

  it("an edit of a field no series reads (newer payloads name it) costs no request at all", async () => {
    await send("projects_v2_item", projectsV2ItemPayload("edited", { org: "acme", projectNodeId: PROJECT, itemNodeId: "PVTI_draft1", contentNodeId: "DI_draft1", field: { name: "Due date", projectNumber: 6 } }));
    expect(fake.gh.requests.filter((r) => r.path.endsWith("graphql"))).toEqual([]);
    // An edit of Status on that board needs no lookup either: the payload names the board's number.
    fake.gh.graphql("DocketBoardItems", () => boardAnswer("Agenda"), { persist: true });
    await send("projects_v2_item", projectsV2ItemPayload("edited", { org: "acme", projectNodeId: PROJECT, itemNodeId: "PVTI_draft1", contentNodeId: "DI_draft1", field: { name: "status", projectNumber: 6 } }));
    expect(lookups()).toBe(0);
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 Try a new call format 25m"]);
    // A draft's title is the board's Title field: renaming it is read by every source.
    const reads = fake.gh.requests.filter((r) => r.operationName === "DocketBoardItems").length;
    await send("projects_v2_item", projectsV2ItemPayload("edited", { org: "acme", projectNodeId: PROJECT, itemNodeId: "PVTI_draft1", contentNodeId: "DI_draft1", field: { name: "Title", projectNumber: 6 } }));
    expect(fake.gh.requests.filter((r) => r.operationName === "DocketBoardItems").length).toBe(reads + 1);
  });

  it("a series on a user's board is left to the Action: the app cannot read it, says so once, and rebuilds nothing", async () => {
    fake.config("acme", ".github", CONFIG.replace("    default-estimate: 10m\n", "    default-estimate: 10m\n    board: { owner: alice, number: 3 }\n"));
    const topic = fake.issue({ number: 12, labels: ["agenda/iaas"] });
    const warnings: string[] = [];
    probot.log.warn = ((...args: unknown[]) => void warnings.push(String(args.at(-1)))) as never;
    await send("issues.labeled", labeled(topic, "agenda/iaas"));
    await send("issues.labeled", labeled(topic, "agenda/iaas"));
    expect(fake.searches).toEqual([]);
    expect(fake.writes()).toEqual([]);
    expect(warnings.filter((w) => w.includes("meetings.iaas names the board alice#3, which the app cannot read"))).toHaveLength(1);
  });
});

describe("webOrigin", () => {
  it("links go to the event's server: the repository's, else the organisation's API host (GitHub Enterprise Server)", () => {
    expect(webOrigin({ repository: { html_url: "http://ghe.example:8080/acme/infra" } })).toBe("http://ghe.example:8080");
    expect(webOrigin({ organization: { url: "https://ghe.example/api/v3/orgs/acme" } })).toBe("https://ghe.example");
    expect(webOrigin({ organization: { url: "https://api.github.com/orgs/acme" } })).toBe("https://github.com");
    expect(webOrigin({ organization: { url: "not a url" } })).toBeUndefined();
  });
});

describe("events Docket must not act on twice", () => {
  it("ignores events it caused itself", async () => {
    fake.gh.rest("GET /app", () => [200, appJson()]);
    const topic = fake.issue({ number: 5, labels: ["agenda/iaas"] });
    await send("issues.labeled", labeled(topic, "agenda/iaas", BOT));
    expect(fake.writes()).toEqual([]);
    expect(fake.searches).toEqual([]);
  });

  it("events on Docket's own meeting issue do not trigger a rebuild", async () => {
    const topic = fake.issue({ number: 5, labels: ["agenda/iaas"] });
    await send("issues.labeled", labeled(topic, "agenda/iaas"));
    const meeting = meetingIssue();
    const requests = fake.gh.requests.length;
    await send("issues.edited", issuesPayload("edited", { ...org, repo: ".github", number: meeting.number, labels: ["docket/iaas"], changes: { body: { from: "" } } }));
    expect(fake.gh.requests.length).toBe(requests);
  });
});

function appJson(): Record<string, unknown> {
  return {
    id: 1,
    slug: "docket",
    node_id: "A_1",
    client_id: "Iv1.test",
    owner: { login: "docket-dev", id: 9, node_id: "U_9", avatar_url: "https://avatars.githubusercontent.com/u/9", gravatar_id: "", url: "https://api.github.com/users/docket-dev", html_url: "https://github.com/docket-dev", followers_url: "https://api.github.com/users/docket-dev/followers", following_url: "https://api.github.com/users/docket-dev/following{/other_user}", gists_url: "https://api.github.com/users/docket-dev/gists{/gist_id}", starred_url: "https://api.github.com/users/docket-dev/starred{/owner}{/repo}", subscriptions_url: "https://api.github.com/users/docket-dev/subscriptions", organizations_url: "https://api.github.com/users/docket-dev/orgs", repos_url: "https://api.github.com/users/docket-dev/repos", events_url: "https://api.github.com/users/docket-dev/events{/privacy}", received_events_url: "https://api.github.com/users/docket-dev/received_events", type: "User", site_admin: false },
    name: "Docket",
    description: null,
    external_url: "https://example.org",
    html_url: "https://github.com/apps/docket",
    created_at: "2023-01-01T00:00:00Z",
    updated_at: "2023-01-01T00:00:00Z",
    permissions: { issues: "write" },
    events: ["issues"],
  };
}

