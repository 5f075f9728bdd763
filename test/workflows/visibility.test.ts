/**
 * Private stays private (issue 10, finding 1) on the local GitHub: with an org-wide config, an
 * installation-wide token's `org:` search returns the issues of private and internal repositories
 * too, as GitHub's does. A topic is shown only where everybody who can read the output can read
 * the topic: a public meeting repository's agenda, backlog and minutes show public topics only,
 * an internal one's add internal topics, a private one's add private ones of the same owner. What
 * was left out is counted in the summary and the log, never named.
 */
import { describe, expect, it } from "vitest";
import type { Logger } from "../../src/github/gateway.js";
import { runActionCommand } from "../../src/action/run.js";
import { syncAgenda } from "../../src/workflows/agenda.js";
import { BACKLOG_ISSUE_LABEL } from "../../src/workflows/backlog.js";
import { startSimulator, type Simulator } from "../sim/server.js";
import { violationText } from "../sim/helpers.js";
import { actionWorld, CONFIG, jobContext, loadedConfig, recordingPads } from "./action-world.js";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

const NOW = "2025-01-08T09:00:00Z";
const SECRET = "Acquire Globex quietly";
const SECRET_IDEA = "Rename the company";
const INTERNAL = "Internal roadmap for 2026";
const SECRET_WORK = "Negotiate the Globex contract";
const DRAFT = "Reorganise the teams";

const LABELS = [
  { name: "docket/iaas", color: "5319e7" },
  { name: "docket/backlog", color: "5319e7" },
  { name: "agenda/iaas", color: "0e8a16" },
  { name: "idea", color: "fbca04" },
];

/** The action world plus a private and an internal repository with a topic and an idea each, and a private and an internal meeting repository. */
function visibilityWorld() {
  const world = actionWorld() as any;
  const topic = (number: number, title: string, label: string) => ({
    number,
    title,
    author: "alice",
    created_at: "2025-01-02T09:00:00Z",
    labels: [{ name: label, at: "2025-01-02T09:05:00Z", by: "alice" }],
  });
  world.orgs[0].repos.push(
    {
      name: "secret",
      visibility: "private",
      labels: LABELS,
      milestones: [
        { title: "Sprint Gothenburg", state: "closed", due_on: "2025-01-10T08:00:00Z", created_at: "2024-12-27T09:00:00Z", closed_at: "2025-01-10T16:30:00Z" },
      ],
      issues: [
        topic(1, SECRET, "agenda/iaas"),
        topic(2, SECRET_IDEA, "idea"),
        {
          number: 3,
          title: SECRET_WORK,
          author: "alice",
          state: "closed",
          created_at: "2024-12-28T09:00:00Z",
          closed_at: "2025-01-09T09:00:00Z",
          milestone: { title: "Sprint Gothenburg", at: "2024-12-28T09:00:00Z", by: "alice" },
        },
      ],
    },
    { name: "insiders", visibility: "internal", labels: LABELS, issues: [topic(1, INTERNAL, "agenda/iaas")] },
    { name: "council", visibility: "private", labels: LABELS },
    { name: "hub", visibility: "internal", labels: LABELS },
  );
  // A board that is not public: its drafts are readable by the organisation's members only.
  world.orgs[0].projects.push({
    number: 9,
    title: "Leadership",
    fields: [{ name: "Status", type: "single_select", options: ["Agenda"] }],
    items: [{ draft: { title: DRAFT }, values: { Status: "Agenda" } }],
  });
  return world;
}

let simulator: Simulator | undefined;
beforeAll(async () => {
  simulator = await startSimulator({ world: visibilityWorld() });
});
afterAll(() => simulator?.close());
beforeEach(() => simulator!.reset());
afterEach(() => expect(violationText(simulator!)).toEqual([]));
const sim = () => simulator!;

/** A logger that keeps every line, to check what the app would log. */
function recordingLogger(): { log: Logger; lines: Array<{ obj: unknown; msg: string | undefined }> } {
  const lines: Array<{ obj: unknown; msg: string | undefined }> = [];
  const keep = (obj: unknown, msg?: string) => void lines.push({ obj, msg });
  return { log: { debug: keep, info: keep, warn: keep, error: keep }, lines };
}

const withRepository = (repo: string) => CONFIG.replace("repository: meetings\n", `repository: ${repo}\n`);

function bodyOf(repo: string, label: string): string {
  const issue = [...sim().state.repo("sovereign", repo)!.issues.values()].find((i) => i.labels.some((l) => l.name === label));
  return issue?.body ?? "";
}

describe("the agenda", () => {
  it("of a meeting issue in a public repository lists public topics only, and counts what it left out without naming it", async () => {
    const { log, lines } = recordingLogger();
    const ctx = { ...jobContext(sim(), NOW), log };
    const result = await syncAgenda(ctx, loadedConfig(), "iaas");
    const body = bodyOf("meetings", "docket/iaas");
    expect(body).toContain("Welcome new contributors");
    expect(body).not.toContain(SECRET);
    expect(body).not.toContain(INTERNAL);
    expect(body).not.toContain("sovereign/secret");
    expect(body).not.toContain("sovereign/insiders");
    expect(result.hidden).toBe(2);
    const logged = lines.find((l) => /left out/.test(l.msg ?? ""));
    expect(logged?.obj).toMatchObject({ hidden: 2 });
    expect(JSON.stringify(lines)).not.toContain(SECRET);
    expect(JSON.stringify(lines)).not.toContain("sovereign/secret");
  });

  it("the Action's summary counts what was left out, and names none of it", async () => {
    const result = await runActionCommand(jobContext(sim(), NOW), loadedConfig(), { command: "agenda" });
    expect(result.summary).toContain("2 topics were left out of Team IaaS");
    expect(result.summary).toContain("1 idea was left out of the idea backlog");
    for (const text of [SECRET, SECRET_IDEA, INTERNAL, "sovereign/secret", "sovereign/insiders"]) expect(result.summary).not.toContain(text);
  });

  it("of a meeting issue in a private repository of the same owner lists the private and internal topics too", async () => {
    const result = await syncAgenda(jobContext(sim(), NOW), loadedConfig(withRepository("council")), "iaas");
    const body = bodyOf("council", "docket/iaas");
    expect(body).toContain(SECRET);
    expect(body).toContain(INTERNAL);
    expect(result.hidden).toBe(0);
  });

  it("of a private meeting goes into its pad only when everyone may read it: a pad is read by whoever has its link", async () => {
    const created: string[] = [];
    const pads = recordingPads(created);
    const config = withRepository("council").replace(
      "    open-ahead: 3d\n",
      '    open-ahead: 3d\n    notes: { pad: hedgedoc, url: "https://pad.example.org" }\n',
    );
    await syncAgenda({ ...jobContext(sim(), NOW), pads }, loadedConfig(config), "iaas");
    const body = bodyOf("council", "docket/iaas");
    expect(body).toContain(SECRET); // the private meeting issue and its notes area list it
    expect(created).toHaveLength(1);
    expect(created[0]).toContain("Welcome new contributors"); // a public topic
    for (const text of [SECRET, INTERNAL]) expect(created[0]).not.toContain(text);
  });

  it("of a meeting issue in an internal repository adds internal topics, not private ones", async () => {
    const result = await syncAgenda(jobContext(sim(), NOW), loadedConfig(withRepository("hub")), "iaas");
    const body = bodyOf("hub", "docket/iaas");
    expect(body).toContain(INTERNAL);
    expect(body).not.toContain(SECRET);
    expect(result.hidden).toBe(1);
  });
});

describe("a draft on a board that is not public", () => {
  const withBoard = (config: string) =>
    config.replace("    open-ahead: 3d\n", "    open-ahead: 3d\n    board: { owner: sovereign, number: 9, field: Status, value: Agenda }\n");
  it("stays off a public repository's agenda, counted", async () => {
    const result = await syncAgenda(jobContext(sim(), NOW), loadedConfig(withBoard(CONFIG)), "iaas");
    expect(bodyOf("meetings", "docket/iaas")).not.toContain(DRAFT);
    expect(result.hidden).toBe(3);
  });
  it("is on the agenda of a private repository of the board's owner", async () => {
    await syncAgenda(jobContext(sim(), NOW), loadedConfig(withBoard(withRepository("council"))), "iaas");
    expect(bodyOf("council", "docket/iaas")).toContain(DRAFT);
  });
});

describe("the idea backlog", () => {
  it("in a public repository: neither its issue nor its page lists a private idea", async () => {
    const result = await runActionCommand(jobContext(sim(), NOW), loadedConfig(), { command: "backlog" });
    const page = sim().state.resolveRef(sim().state.repo("sovereign", "meetings")!)!.files.get("docs/backlog.md")?.text ?? "";
    expect(page).toContain("Add a glossary");
    expect(page).not.toContain(SECRET_IDEA);
    expect(bodyOf("meetings", BACKLOG_ISSUE_LABEL)).not.toContain(SECRET_IDEA);
    expect(result.outputs.ideas).toBe("2");
    expect(result.summary).toContain("1 idea was left out of the idea backlog");
    expect(result.summary).not.toContain("sovereign/secret");
  });

  it("in a private repository of the same owner: listed", async () => {
    await runActionCommand(jobContext(sim(), NOW), loadedConfig(withRepository("council")), { command: "backlog" });
    const page = sim().state.resolveRef(sim().state.repo("sovereign", "council")!)!.files.get("docs/backlog.md")?.text ?? "";
    expect(page).toContain(SECRET_IDEA);
    expect(bodyOf("council", BACKLOG_ISSUE_LABEL)).toContain(SECRET_IDEA);
  });
});

describe("the minutes", () => {
  /** The IaaS meeting of 13 January held in the private council repository, its minutes published in `minutesRepo`. */
  async function minutesIn(minutesRepo: string) {
    const config = withRepository("council").replace("    open-ahead: 3d\n", `    open-ahead: 3d\n    minutes: { repository: ${minutesRepo} }\n`);
    await syncAgenda(jobContext(sim(), NOW), loadedConfig(config), "iaas");
    expect(bodyOf("council", "docket/iaas")).toContain(SECRET);
    sim().setClock({ now: "2025-01-13T15:00:00Z", frozen: true });
    const result = await runActionCommand(jobContext(sim(), "2025-01-13T15:00:00Z"), loadedConfig(config), {
      command: "minutes",
      series: "iaas",
      date: "2025-01-13",
    });
    const file = sim().state.resolveRef(sim().state.repo("sovereign", minutesRepo)!)!.files.get("minutes/2025-01-13.md")?.text ?? "";
    return { result, file };
  }

  it("published in a public repository leave out the private and internal topics of a private meeting, counted", async () => {
    const { result, file } = await minutesIn("meetings");
    expect(file).toContain("Welcome new contributors");
    expect(file).not.toContain(SECRET);
    expect(file).not.toContain(INTERNAL);
    expect(result.summary).toContain("2 topics were left out of the minutes");
    expect(result.summary).not.toContain(SECRET);
  });

  it("published in the private meeting repository keep them", async () => {
    const { file } = await minutesIn("council");
    expect(file).toContain(SECRET);
    expect(file).toContain(INTERNAL);
  });
});

describe("the sprint review", () => {
  it("published in a public repository leaves out a private repository's items of the sprint, counted", async () => {
    const result = await runActionCommand(jobContext(sim(), "2025-01-11T09:00:00Z"), loadedConfig(), { command: "sprint-review", sprint: "Sprint Gothenburg" });
    expect(result.summary).toContain("Rotate the TLS certificates");
    expect(result.summary).not.toContain(SECRET_WORK);
    expect(result.summary).not.toContain("sovereign/secret");
    expect(result.summary).toContain("1 item was left out of the sprint review");
  });
});

describe("the comment on a topic whose start changed", () => {
  it("goes only where the topic's readers may read the meeting: a private meeting tells its private topics, not public ones", async () => {
    const config = loadedConfig(withRepository("council"));
    const first = await syncAgenda(jobContext(sim(), NOW), config, "iaas");
    const order = first.agenda!.scheduled.map((s) => `${s.topic.repo}#${s.topic.number}@${s.offset}`);
    expect(order.slice(0, 3)).toEqual(["sovereign/insiders#1@0", "sovereign/secret#1@10", "sovereign/meetings#1@20"]);

    await sim().act({ as: "alice", action: "unlabel", repo: "sovereign/insiders", number: 1, label: "agenda/iaas" });
    const second = await syncAgenda(jobContext(sim(), NOW), config, "iaas");
    const moved = second.agenda!.scheduled.filter((s) => second.moved.includes(s.topic.id)).map((s) => `${s.topic.repo}#${s.topic.number}`);
    expect(moved).toEqual(["sovereign/secret#1"]);
    const told = (repo: string, n: number) =>
      sim()
        .state.repo("sovereign", repo)!
        .issues.get(n)!
        .comments.filter((c) => c.body.includes("docket:moved"));
    expect(told("secret", 1)).toHaveLength(1);
    // The public welcome topic started 10 minutes earlier too, but its readers may not read the private meeting.
    expect(second.agenda!.scheduled.find((s) => s.topic.repo === "sovereign/meetings")!.offset).toBe(10);
    expect(told("meetings", 1)).toEqual([]);
  });
});
