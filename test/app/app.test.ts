/**
 * The Probot app in-process against the contract-checked simulator (test/helpers/app-sim.ts):
 * people act on "GitHub" (label, comment, close, push), the webhooks that causes reach the app's
 * intake, and every request the app sends is checked against GitHub's published REST and
 * GraphQL descriptions. Assertions are what a user sees: the meeting issue's text, comments,
 * labels, reactions, check runs, and how many writes it took.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { webOrigin } from "../../src/app.js";
import { readSection } from "../../src/render/markers.js";
import { ACME_CONFIG as CONFIG, acmeWorld } from "../fixtures/acme.js";
import { projectsV2ItemPayload } from "../fixtures/webhooks.js";
import { BOT, useAppSim } from "../helpers/app-sim.js";
import type { Issue } from "../sim/state.js";

/** Wednesday of ISO week 48; the next odd-week Monday is 2023-12-04 (week 49). */
const NOW = "2023-11-29T10:00:00Z";
/** Board 6 holds a draft and acme/infra#30 (not on the agenda); board 7 is another board; #31 is on none. */
const PROJECTS: NonNullable<Parameters<typeof acmeWorld>[0]["projects"]> = [
  {
    number: 6,
    title: "Planning",
    public: true,
    fields: [
      { name: "Status", type: "single_select", options: ["Agenda", "Done"] },
      { name: "Minutes", type: "number" },
      { name: "Notes", type: "text" },
    ],
    items: [
      { draft: { title: "Try a new call format", body: "" }, values: { Status: "Done", Minutes: 25 }, creator: "bob", created_at: "2023-11-28T09:00:00Z" },
      { content: "acme/infra#30", values: { Status: "Done" } },
    ],
  },
  { number: 7, title: "Other", public: true, items: [{ draft: { title: "Elsewhere", body: "" } }] },
];
const ISSUES = [30, 31].map((number) => ({ number, title: `Topic ${number}`, author: "alice" }));
const github = useAppSim(acmeWorld({ now: NOW, projects: PROJECTS, infraIssues: ISSUES }), { now: NOW });
const start = (options: { now?: string; debounceMs?: number } = {}) => github.start({ now: NOW, ...options });

/** An issue people opened earlier (no webhook reaches the app), numbered `number`. */
function topic(o: { number: number; title?: string; author?: string; labels?: string[]; pullRequest?: boolean; repo?: string }): Issue {
  const repo = github.sim.state.repo("acme", o.repo ?? "infra")!;
  repo.nextNumber = o.number;
  return github.sim.state.createIssue(repo, {
    title: o.title ?? `Topic ${o.number}`,
    author: o.author ?? "alice",
    labels: o.labels ?? [],
    ...(o.pullRequest ? { pullRequest: {} } : {}),
  });
}
const live = (t: Issue) => github.issue(t.repo.fullName, t.number);
const label = (t: Issue, name: string, as = "bob") => github.act({ as, action: "label", repo: t.repo.fullName, number: t.number, label: name });
const labelNames = (t: Issue) => live(t).labels.map((l) => l.name);
const comments = (t: Issue) => live(t).comments;
/** Docket's reactions on comments of the repositories, oldest first. */
const reactions = () =>
  github.sim.state
    .allIssues()
    .flatMap((i) => i.comments.flatMap((c) => c.reactions))
    .filter((r) => r.user === BOT)
    .sort((a, b) => a.id - b.id)
    .map((r) => r.content);
/** Changes .github/docket.yml without a push reaching the app (as a cached config would). */
function setConfig(text: string | null): void {
  github.sim.state.commitFiles(github.sim.state.repo("acme", ".github")!, [{ path: ".github/docket.yml", text }], { actor: "alice" });
}
const push = (text: string) => github.act({ as: "alice", action: "push-file", repo: "acme/.github", path: ".github/docket.yml", text });
const checkRuns = () => github.sim.state.repo("acme", ".github")!.checkRuns;

function meetingIssue(): Issue {
  const [meeting, ...more] = github.labelled("acme/.github", "docket/iaas");
  expect(more).toEqual([]);
  expect(meeting).toBeDefined();
  return meeting!;
}
const body = (i: Issue) => i.body ?? "";

/** The agenda table rows as "#. link text" for readable assertions. */
function agendaRows(text: string | null): string[] {
  return (readSection(text ?? "", "agenda") ?? "")
    .split("\n")
    .filter((l) => /^\| \d+ \|/.test(l))
    .map((l) =>
      l
        .split("|")
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .map(([n, start, topic, , estimate]) => `${n} ${start} ${topic?.replace(/^\[([^\]]+)\].*$/, "$1")} ${estimate}`);
}

function waitingRows(text: string | null): string[] {
  return (readSection(text ?? "", "waiting-list") ?? "")
    .split("\n")
    .filter((l) => /^\d+\. /.test(l))
    .map((l) => l.replace(/\]\([^)]*\)/g, "]").replace(/[[\]]/g, ""));
}

describe("labelling an issue puts it on the next meeting's agenda", () => {
  it("creates the meeting issue for the next occurrence with the topic, its author, estimate and start time", async () => {
    const t = topic({ number: 12, title: "Rotate the CI secrets", author: "bob", labels: ["time/15m"] });
    await label(t, "agenda/iaas");

    const meeting = meetingIssue();
    expect({ repo: meeting.repo.fullName, title: meeting.title, author: meeting.author }).toEqual({
      repo: "acme/.github",
      title: "Team IaaS — 2023-12-04",
      author: BOT,
    });
    expect(body(meeting)).toContain("Monday, 4 December 2023, 14:00–14:30 Europe/Berlin (13:00 UTC)");
    expect(agendaRows(meeting.body)).toEqual(["1 14:00 acme/infra#12 Rotate the CI secrets 15m"]);
    expect(body(meeting)).toContain("[bob](https://github.com/bob)");
    expect(waitingRows(meeting.body)).toEqual([]);
    // Org-wide config (in acme/.github): topics come from the whole org.
    expect(github.searches()).toEqual(['org:acme label:"agenda/iaas" is:open sort:created-asc']);
    expect(github.writes()).toEqual(["POST /repos/acme/.github/issues"]);
  });

  it("a single label is not kept waiting for a burst that never comes (the debounce paces bursts only)", async () => {
    start({ debounceMs: 10_000 });
    const t = topic({ number: 1 });
    const t0 = performance.now();
    await label(t, "agenda/iaas");
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 acme/infra#1 Topic 1 10m"]);
  });

  it("a topic search has not indexed yet is still on the agenda (the event's issue is read fresh)", async () => {
    github.sim.setRealism({ searchLagMs: 60_000 });
    try {
      await label(topic({ number: 3 }), "agenda/iaas");
    } finally {
      github.sim.setRealism({});
    }
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 acme/infra#3 Topic 3 10m"]);
  });

  it("pull requests are topics too", async () => {
    const pr = topic({ number: 40, title: "Switch to OpenTofu", pullRequest: true });
    const result = await label(pr, "agenda/iaas");
    expect(result.delivery?.name).toBe("pull_request.labeled");
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 acme/infra#40 Switch to OpenTofu 10m"]);
  });

  it("updates an existing meeting issue and keeps every word people wrote outside the markers", async () => {
    await label(topic({ number: 1, title: "First" }), "agenda/iaas");
    const meeting = meetingIssue();
    await github.act({
      as: "alice",
      action: "edit",
      repo: "acme/.github",
      number: meeting.number,
      body: `Chair's note: bring coffee ☕\r\n\r\n${body(meeting).replace(/\n/g, "\r\n")}\r\n\r\n- [ ] remember the *retro*\r\n`,
    });
    // People's text outside Docket's sections; the notes area (people's too) only ever gains headings.
    const outside = (text: string) =>
      text
        .replace(/<!-- docket:begin notes -->[\s\S]*<!-- docket:end notes -->/, "")
        .split(/<!-- docket:begin agenda -->[\s\S]*<!-- docket:end waiting-list -->/);
    const before = outside(body(meetingIssue()));

    await label(topic({ number: 2, title: "Second" }), "agenda/iaas");

    expect(agendaRows(body(meetingIssue()).replace(/\r\n/g, "\n"))).toEqual(["1 14:00 acme/infra#1 First 10m", "2 14:10 acme/infra#2 Second 10m"]);
    expect(outside(body(meetingIssue()))).toEqual(before);
    expect(readSection(body(meetingIssue()), "notes")).toBe("### acme/infra#1 First\n\n### acme/infra#2 Second");
    expect(github.writes()).toEqual(["POST /repos/acme/.github/issues", "PATCH /repos/acme/.github/issues/1"]);
  });

  it("a rebuild that changes nothing sends no write", async () => {
    const t = topic({ number: 5 });
    await label(t, "agenda/iaas");
    const writes = github.writes().length;
    await github.act({ as: "alice", action: "edit", repo: "acme/infra", number: 5, body: "new words" });
    expect(github.writes().length).toBe(writes);
  });

  it("a label unrelated to Docket costs no GitHub request beyond reading the config", async () => {
    const t = topic({ number: 5, labels: ["agenda/iaas"] });
    await label(t, "bug");
    expect(github.requests().map((r) => r.operationName ?? `${r.method} ${r.path}`)).toEqual([
      "GET /repos/acme/infra/contents/.github%2Fdocket.yml",
      "GET /repos/acme/.github/contents/.github%2Fdocket.yml",
    ]);
  });

  it("a closed meeting issue ends that meeting: new topics go to the following one", async () => {
    await label(topic({ number: 5 }), "agenda/iaas");
    await github.act({ as: "alice", action: "close", repo: "acme/.github", number: meetingIssue().number });
    await label(topic({ number: 6 }), "agenda/iaas");
    const titles = github.labelled("acme/.github", "docket/iaas").map((i) => `${i.title} ${i.state.toUpperCase()}`);
    expect(titles.sort()).toEqual(["Team IaaS — 2023-12-04 CLOSED", "Team IaaS — 2023-12-18 OPEN"]);
  });
});

describe("the waiting list", () => {
  /** 30-minute meeting: A 15m, B 10m fit; C 10m and D 5m wait... D fits first-fit in the 5 left. */
  async function fill(): Promise<Issue[]> {
    const topics = [
      topic({ number: 1, title: "A", labels: ["agenda/iaas", "time/15m"], author: "ann" }),
      topic({ number: 2, title: "B", labels: ["agenda/iaas", "time/10m"], author: "ben" }),
      topic({ number: 3, title: "C", labels: ["agenda/iaas", "time/10m"], author: "cat" }),
      topic({ number: 4, title: "D", labels: ["time/45m"], author: "dan" }),
    ];
    await label(topics[3]!, "agenda/iaas");
    return topics;
  }

  it("topics that do not fit wait, in order, and one longer than the meeting says so", async () => {
    await fill();
    const text = meetingIssue().body;
    expect(agendaRows(text)).toEqual(["1 14:00 acme/infra#1 A 15m", "2 14:15 acme/infra#2 B 10m"]);
    expect(waitingRows(text)).toEqual([
      "1. acme/infra#3 C by cat, 10m",
      "2. acme/infra#4 D by dan, 45m — longer than the whole meeting (45m > 30m); split it or lower its estimate",
    ]);
  });

  it("when a scheduled topic is closed, the next waiting one moves up and its author is told once", async () => {
    const [, , c] = await fill();
    const closed = await github.act({ as: "ann", action: "close", repo: "acme/infra", number: 1 });

    const text = meetingIssue().body;
    expect(agendaRows(text)).toEqual(["1 14:00 acme/infra#2 B 10m", "2 14:10 acme/infra#3 C 10m"]);
    expect(waitingRows(text)).toEqual([expect.stringMatching(/^1\. acme\/infra#4 D by dan, 45m — longer/)]);
    expect(comments(c!)).toHaveLength(1);
    expect(comments(c!)[0]!.body).toContain("moved up from the waiting list");
    expect(comments(c!)[0]!.body).toContain("planned to start at 14:10");

    // A redelivery and a later rebuild do not tell the author again.
    await github.deliver([closed.delivery!.id]);
    await github.act({ as: "ben", action: "edit", repo: "acme/infra", number: 2, title: "B, renamed" });
    expect(comments(c!)).toHaveLength(1);
  });

  it("removing the label, deleting the issue or transferring it to a repository without the label frees its room", async () => {
    await fill();
    await github.act({ as: "bob", action: "unlabel", repo: "acme/infra", number: 1, label: "agenda/iaas" });
    expect(agendaRows(meetingIssue().body).map((r) => r.split(" ")[2])).toEqual(["acme/infra#2", "acme/infra#3"]);

    await github.act({ as: "alice", action: "delete", repo: "acme/infra", number: 2 });
    expect(agendaRows(meetingIssue().body).map((r) => r.split(" ")[2])).toEqual(["acme/infra#3"]);

    // GitHub transfers issues only between repositories of one owner, keeping the labels the
    // target has: acme/archive has no agenda label, so the topic leaves the agenda.
    await github.act({ as: "alice", action: "transfer", repo: "acme/infra", number: 3, to: "acme/archive" });
    expect(readSection(body(meetingIssue()), "agenda")).toContain("No topics yet");
  });

  it("a burst of 50 labels ends in at most two writes of the meeting issue", async () => {
    const topics = Array.from({ length: 50 }, (_, i) => topic({ number: 100 + i, labels: ["time/1m"] }));
    const ids: string[] = [];
    for (const t of topics)
      ids.push(
        ...(await github.sim.act({ as: "bob", action: "label", repo: "acme/infra", number: t.number, label: "agenda/iaas" })).deliveries.map((d) => d.id),
      );
    await github.deliver(ids);
    const meetingWrites = github.writes().filter((w) => w.startsWith("POST /repos/acme/.github/issues") || w.startsWith("PATCH /repos/acme/.github/issues/"));
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
    setConfig(MEETUP);
    start({ now: "2025-01-20T08:00:00Z" });
    const topics = Array.from({ length: 25 }, (_, i) =>
      topic({ number: 200 + i, title: `Session ${i + 1}`, labels: i === 24 ? ["time/1h"] : ["meetup-topic", "time/1h"] }),
    );
    await label(topics[24]!, "meetup-topic");

    const [meeting] = github.labelled("acme/.github", "docket/meetup");
    expect(meeting!.title).toBe("Team Meetup 2025 — 2025-02-03");
    const agenda = readSection(body(meeting!), "agenda")!;
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
    topic({ number: 7, title: "zero-downtime upgrades", labels: ["idea"] });
    topic({ number: 8, title: "Archive old minutes", labels: ["idea"] });
    await label(topic({ number: 9, title: "Mentoring programme" }), "idea");

    const [backlog] = github.labelled("acme/.github", "docket/backlog");
    expect({ title: backlog!.title, pinned: backlog!.pinned }).toEqual({ title: "Idea Backlog", pinned: true });
    const section = readSection(body(backlog!), "backlog")!;
    expect(section).toContain("Ordered alphabetically; the order claims no priority.");
    expect(
      section
        .split("\n")
        .filter((l) => l.startsWith("- "))
        .map((l) => /^- \[(.+) — [^\]]+\]/.exec(l)?.[1]),
    ).toEqual(["Archive old minutes", "Mentoring programme", "zero-downtime upgrades"]);
  });
});

describe("/agenda commands", () => {
  const say = (t: Issue, text: string, as: string) => github.act({ as, action: "comment", repo: t.repo.fullName, number: t.number, body: text });
  /** Comments Docket wrote (people's commands left out). */
  const replies = (t: Issue) => comments(t).filter((c) => c.author === BOT);

  it("the author may propose their own issue with an estimate: label set, 👍, on the agenda", async () => {
    const t = topic({ number: 21, title: "Budget 2024", author: "carol" });
    await say(t, "Could we talk about this?\n/agenda iaas 20m", "carol");
    expect(labelNames(t)).toEqual(["agenda/iaas", "time/20m"]);
    expect(reactions()).toEqual(["+1"]);
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 acme/infra#21 Budget 2024 20m"]);
  });

  it("someone without triage permission cannot do it for another's issue, and is told why", async () => {
    const t = topic({ number: 22, author: "carol" });
    await say(t, "/agenda iaas", "mallory");
    expect(labelNames(t)).toEqual([]);
    expect(replies(t).map((c) => c.body)).toEqual([expect.stringContaining("only the author of this issue or people with triage permission")]);
    expect(github.labelled("acme/.github", "docket/iaas")).toEqual([]);
  });

  it("a triager may, and may replace the estimate and take it off again", async () => {
    const t = topic({ number: 23, author: "carol", labels: ["time/5m"] });
    await say(t, "/agenda iaas 1h", "tess");
    expect(labelNames(t)).toEqual(["agenda/iaas", "time/1h"]);
    expect(waitingRows(meetingIssue().body)).toEqual([expect.stringMatching(/^1\. acme\/infra#23 Topic 23 by carol, 1h — longer than the whole meeting/)]);

    await say(t, "/agenda remove", "tess");
    expect(labelNames(t)).toEqual(["time/1h"]);
    expect(readSection(body(meetingIssue()), "agenda")).toContain("No topics yet");
    expect(waitingRows(meetingIssue().body)).toEqual([]);
  });

  it("a malformed command gets a reply that says what is expected, and changes nothing", async () => {
    const t = topic({ number: 24, author: "carol" });
    await say(t, "/agenda sprint", "carol");
    expect(labelNames(t)).toEqual([]);
    expect(replies(t)[0]!.body).toBe(
      'Unknown series `sprint`. Usage: `/agenda <series> [estimate]` or `/agenda remove [<series>]`; series: `iaas`.\n\n<!-- docket:refused {"to":"carol"} -->',
    );
  });

  it("100 refused commands by one person on one issue get one reply, then 😕 only; a legitimate label still lands with few writes", async () => {
    const t = topic({ number: 25, author: "carol" });
    for (let i = 0; i < 100; i++) await say(t, i % 2 === 0 ? "/agenda iaas" : "/agenda nonsense 5m", "mallory");
    expect(replies(t)).toHaveLength(1);
    expect(replies(t)[0]!.body).toMatch(/^@mallory only the author of this issue or people with triage permission/);
    expect(reactions()).toEqual(Array(99).fill("confused"));
    expect(labelNames(t)).toEqual([]);

    // Somebody else refused on the same issue still hears why, once.
    await say(t, "/agenda iaas", "eve");
    await say(t, "/agenda iaas", "eve");
    expect(replies(t).map((c) => c.body.split(" ")[0])).toEqual(["@mallory", "@eve"]);

    const before = github.writes().length;
    await label(topic({ number: 26 }), "agenda/iaas");
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 acme/infra#26 Topic 26 10m"]);
    expect(github.writes().slice(before)).toEqual(["POST /repos/acme/.github/issues"]);
  });

  it("an /agenda that changes nothing does nothing: no label, no reply, no reaction, no rebuild", async () => {
    const t = topic({ number: 27, author: "carol", labels: ["agenda/iaas", "time/20m"] });
    await say(t, "/agenda iaas 20m", "carol");
    await say(t, "/agenda iaas", "carol");
    await say(topic({ number: 28, author: "carol" }), "/agenda remove", "carol");
    expect(github.writes()).toEqual([]);
    expect(github.searches()).toEqual([]);
  });

  it("while the configuration has problems, only people who can change it are told; others get 😕", async () => {
    setConfig(CONFIG.replace("timezone: Europe/Berlin", "timezone: Europe/Berln"));
    const t = topic({ number: 29, author: "carol" });
    await say(t, "/agenda iaas", "carol");
    expect(replies(t)).toEqual([]);
    expect(reactions()).toEqual(["confused"]);

    await say(t, "/agenda iaas", "wendy");
    expect(replies(t).map((c) => c.body)).toEqual([
      expect.stringMatching(/^Docket cannot run `\/agenda` right now: its configuration \(`\.github\/docket\.yml`\) has problems\./),
    ]);
    expect(labelNames(t)).toEqual([]);
  });
});

describe("configuration", () => {
  const BROKEN = CONFIG.replace("timezone: Europe/Berlin", "timezone: Europe/Berln");

  it("a broken config changes nothing: no search, no write, the agenda keeps its last good state", async () => {
    await label(topic({ number: 5 }), "agenda/iaas");
    const before = meetingIssue().body;
    setConfig(BROKEN);
    await label(topic({ number: 6 }), "agenda/iaas");
    expect(meetingIssue().body).toBe(before);
    expect(github.searches()).toHaveLength(1);
  });

  it("a push of a broken config fails a check on that commit with the YAML path, line and what was expected", async () => {
    const pushed = await push(BROKEN);
    expect(checkRuns()).toHaveLength(1);
    const run = checkRuns()[0]!;
    expect(run).toMatchObject({ name: "Docket configuration", headSha: pushed.commit, status: "completed", conclusion: "failure" });
    expect(run.output.title).toBe("1 problem in .github/docket.yml");
    expect(run.output.annotations).toEqual([
      expect.objectContaining({
        path: ".github/docket.yml",
        start_line: 10,
        annotation_level: "failure",
        title: "meetings.iaas.timezone",
        message: expect.stringContaining("Europe/Berlin"),
      }),
    ]);
    expect(github.labelled("acme/.github", "docket/iaas")).toEqual([]);
  });

  it("a config that extends itself fails the check with the loop named, and the app says the same in its log", async () => {
    const LOOP = "acme/.github:.github/docket.yml → acme/.github:.github/docket.yml: _extends loops back";
    await push(`_extends: .github${CONFIG}`);
    expect(checkRuns().map((r) => [r.conclusion, r.output.title])).toEqual([["failure", "1 problem in .github/docket.yml"]]);
    expect(checkRuns()[0]!.output.summary).toContain(`.github/docket.yml:1:11 _extends: ${LOOP}`);
    expect(checkRuns()[0]!.output.annotations).toEqual([
      expect.objectContaining({ path: ".github/docket.yml", start_line: 1, title: "_extends", message: LOOP }),
    ]);

    const warnings: unknown[] = [];
    github.probot.log.warn = ((...args: unknown[]) => void warnings.push(args[0])) as never;
    await label(topic({ number: 5 }), "agenda/iaas");
    expect(warnings).toContainEqual(expect.objectContaining({ repo: "acme/.github", problems: `.github/docket.yml:1:11 _extends: ${LOOP}` }));
    expect(github.writes()).toEqual(["POST /repos/acme/.github/check-runs"]);
  });

  it("a config that extends a file that does not exist fails the check, naming the chain", async () => {
    await push(`_extends: acme/templates:meetings/docket.yml${CONFIG}`);
    expect(checkRuns().map((r) => r.conclusion)).toEqual(["failure"]);
    expect(checkRuns()[0]!.output.annotations).toEqual([
      expect.objectContaining({
        start_line: 1,
        message:
          "acme/.github:.github/docket.yml → acme/templates:meetings/docket.yml: acme/templates:meetings/docket.yml does not exist (or Docket may not read it)",
      }),
    ]);
  });

  it("a push of a valid config passes the check and rebuilds every agenda it describes", async () => {
    topic({ number: 5, labels: ["agenda/iaas"] });
    await push(`${CONFIG}\n`);
    expect(checkRuns().map((r) => r.conclusion)).toEqual(["success"]);
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 acme/infra#5 Topic 5 10m"]);
    expect(github.labelled("acme/.github", "docket/backlog")).toHaveLength(1);
  });

  it("a series with nothing on its agenda gets no meeting issue yet (the first topic opens it)", async () => {
    await push(`${CONFIG}\n`);
    expect(github.labelled("acme/.github", "docket/iaas")).toEqual([]);
    await label(topic({ number: 6 }), "agenda/iaas");
    expect(agendaRows(meetingIssue().body)).toEqual(["1 14:00 acme/infra#6 Topic 6 10m"]);
  });

  it("a repository without any config is left alone", async () => {
    setConfig(null);
    await label(topic({ number: 5 }), "agenda/iaas");
    expect(github.writes()).toEqual([]);
  });
});

describe("organisation boards (projects_v2_item)", () => {
  const BOARD_CONFIG = CONFIG.replace(
    "    default-estimate: 10m\n",
    "    default-estimate: 10m\n    board: { owner: acme, number: 6, estimate-field: Minutes }\n",
  );
  const DRAFT = "Try a new call format";
  /** The draft's item on board 6 and the item on board 7, by title. */
  const item = (board: number, title: string) => [...github.sim.state.project("acme", board)!.items.values()].find((i) => i.draft?.title === title)!;
  const set = (values: Record<string, string | number | null>, board = 6, title = DRAFT) =>
    github.act({ as: "bob", action: "board-set", board: `acme/${board}`, item: item(board, title).nodeId, values });
  const asked = (operation: string) => github.requests().filter((r) => r.operationName === operation).length;
  const lookups = () => asked("DocketBoardById");

  beforeEach(() => setConfig(BOARD_CONFIG));

  it("a draft set to Agenda on the board lands on the agenda with the board's estimate, linked to its item", async () => {
    await set({ Status: "Agenda" });
    const meeting = meetingIssue();
    expect(agendaRows(meeting.body)).toEqual([`1 14:00 ${DRAFT} 25m`]);
    expect(body(meeting)).toContain(`[${DRAFT}](https://github.com/orgs/acme/projects/6?pane=issue&itemId=${item(6, DRAFT).id})`);
    expect(github.writes()).toEqual(["POST /repos/acme/.github/issues"]);
  });

  it("moved off Agenda, it leaves; item events that name the board's field cost no lookup", async () => {
    await set({ Status: "Agenda" });
    expect(agendaRows(meetingIssue().body)).toHaveLength(1);
    await set({ Status: "Done" });
    expect(agendaRows(meetingIssue().body)).toEqual([]);
    // GitHub's edited payloads name the field and the board's number (changes.field_value).
    expect(lookups()).toBe(0);
    await github.act({ as: "bob", action: "board-archive", board: "acme/6", item: item(6, DRAFT).nodeId, archived: true });
    await github.act({ as: "bob", action: "board-archive", board: "acme/6", item: item(6, DRAFT).nodeId, archived: false });
    expect(lookups()).toBe(1);
  });

  it("an item of another board of the organisation costs one lookup and changes nothing", async () => {
    await github.act({ as: "bob", action: "board-archive", board: "acme/7", item: item(7, "Elsewhere").nodeId, archived: true });
    expect(lookups()).toBe(1);
    expect(github.searches()).toEqual([]);
    expect(github.writes()).toEqual([]);
  });

  it("without a board in the configuration, board events cost no GitHub request beyond the config; reordering costs none at all", async () => {
    // The simulator has no reordering action: GitHub's payload for it, built from its example.
    const reordered = projectsV2ItemPayload("reordered", {
      org: "acme",
      projectNodeId: github.sim.state.project("acme", 6)!.nodeId,
      itemNodeId: item(6, DRAFT).nodeId,
      contentNodeId: item(6, DRAFT).draft!.nodeId,
      contentType: "DraftIssue",
      sender: "bob",
      installationId: 42,
    });
    await github.docket.accept({ id: "reordered", name: "projects_v2_item", body: JSON.stringify(reordered) });
    await github.docket.idle();
    expect(github.requests()).toEqual([]);
    setConfig(CONFIG);
    await set({ Status: "Agenda" });
    expect(github.requests().filter((r) => r.kind === "graphql")).toEqual([]);
    expect(github.writes()).toEqual([]);
  });

  it("closing or renaming an issue that is only on the board (no label) rebuilds the agenda; one on no board costs one question", async () => {
    await set({ Status: "Agenda" });
    const before = { reads: asked("DocketBoardItems"), writes: github.writes().length };
    await github.act({ as: "alice", action: "close", repo: "acme/infra", number: 31 });
    expect(asked("DocketTopicBoards")).toBe(1);
    expect(asked("DocketBoardItems")).toBe(before.reads);
    expect(github.writes().length).toBe(before.writes);
    await github.act({ as: "alice", action: "close", repo: "acme/infra", number: 30 });
    expect(asked("DocketBoardItems")).toBe(before.reads + 1);
    expect(agendaRows(meetingIssue().body)).toEqual([`1 14:00 ${DRAFT} 25m`]);
    // A new title of an unlabelled topic on the board is a change too; a label unrelated to Docket is not.
    const reads = asked("DocketBoardItems");
    await github.act({ as: "alice", action: "edit", repo: "acme/infra", number: 30, title: "Renamed" });
    expect(asked("DocketBoardItems")).toBe(reads + 1);
    await github.act({ as: "alice", action: "label", repo: "acme/infra", number: 30, label: "bug" });
    expect(asked("DocketTopicBoards")).toBe(3);
  });

  it("an edit of a field no series reads costs no request at all", async () => {
    await set({ Notes: "bring slides" });
    expect(github.requests().filter((r) => r.kind === "graphql")).toEqual([]);
    // An edit of Status on that board needs no lookup either: the payload names the board's number.
    await set({ Status: "Agenda" });
    expect(lookups()).toBe(0);
    expect(agendaRows(meetingIssue().body)).toEqual([`1 14:00 ${DRAFT} 25m`]);
    // A draft's title is the board's Title field: renaming it is read by every source (GitHub's payload; the simulator cannot rename drafts).
    const reads = asked("DocketBoardItems");
    const renamed = projectsV2ItemPayload("edited", {
      org: "acme",
      projectNodeId: github.sim.state.project("acme", 6)!.nodeId,
      itemNodeId: item(6, DRAFT).nodeId,
      contentNodeId: item(6, DRAFT).draft!.nodeId,
      field: { name: "Title", projectNumber: 6 },
      installationId: 42,
    });
    await github.docket.accept({ id: "renamed", name: "projects_v2_item", body: JSON.stringify(renamed) });
    await github.docket.idle();
    expect(asked("DocketBoardItems")).toBe(reads + 1);
  });

  it("a series on a user's board is left to the Action: the app cannot read it, says so once, and rebuilds nothing", async () => {
    setConfig(CONFIG.replace("    default-estimate: 10m\n", "    default-estimate: 10m\n    board: { owner: alice, number: 3 }\n"));
    const t = topic({ number: 12 });
    const warnings: string[] = [];
    github.probot.log.warn = ((...args: unknown[]) => void warnings.push(String(args.at(-1)))) as never;
    await label(t, "agenda/iaas");
    await github.act({ as: "bob", action: "label", repo: "acme/infra", number: 12, label: "time/5m" });
    expect(github.searches()).toEqual([]);
    expect(github.writes()).toEqual([]);
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
    const t = topic({ number: 5 });
    const result = await github.sim.act({ as: "bob", action: "label", repo: "acme/infra", number: 5, label: "agenda/iaas" });
    // The same event as Docket's own label would send: its sender is the app's bot.
    const payload = structuredClone(github.sim.deliveries().find((d) => d.id === result.delivery!.id)!.payload) as { sender: Record<string, unknown> };
    payload.sender = { ...payload.sender, login: BOT, type: "Bot" };
    await github.docket.accept({ id: "own", name: "issues", body: JSON.stringify(payload) });
    await github.docket.idle();
    expect(labelNames(t)).toEqual(["agenda/iaas"]);
    expect(github.writes()).toEqual([]);
    expect(github.searches()).toEqual([]);
  });

  it("events on Docket's own meeting issue do not trigger a rebuild", async () => {
    await label(topic({ number: 5 }), "agenda/iaas");
    const meeting = meetingIssue();
    const requests = github.requests().length;
    await github.act({ as: "alice", action: "edit", repo: "acme/.github", number: meeting.number, body: `${body(meeting)}\nA chair's note.` });
    expect(github.requests().length).toBe(requests);
  });
});
