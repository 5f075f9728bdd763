import { describe, expect, it } from "vitest";
import { packAgenda } from "../../src/domain/agenda.js";
import {
  boardTopics,
  itemTopic,
  iterationValue,
  mergeIdeas,
  mergeLabelAndBoard,
  numberValue,
  singleSelectValue,
  sprintsFromIterations,
  type BoardFieldValue,
  type BoardIssueContent,
  type BoardItem,
  type BoardOptions,
} from "../../src/domain/board.js";
import { buildSprintReview } from "../../src/domain/sprint.js";
import { candidatesFor } from "../../src/domain/topics.js";
import { titles, topic } from "../helpers/topics.js";

// ---------------------------------------------------------------------------
// Items as src/github/boards.ts maps them (test/github/board-items.test.ts tests that mapping).

const status = (name: string | null, updatedAt = "2024-05-02T10:00:00Z", field = "Status"): BoardFieldValue => ({
  type: "single_select",
  field,
  name,
  createdAt: "2024-05-01T08:00:00Z",
  updatedAt,
});
const estimate = (number: number | null, field = "Estimate"): BoardFieldValue => ({ type: "number", field, number });
const sprint = (title: string, startDate: string, duration = 14, updatedAt?: string): BoardFieldValue => ({
  type: "iteration",
  field: "Sprint",
  title,
  startDate,
  duration,
  createdAt: "2024-06-20T09:00:00Z",
  ...(updatedAt ? { updatedAt } : {}),
});

let counter = 0;

/** An open issue of acme/infra on the board; `overrides` set the item's or the content's parts. */
function issueItem(
  number: number,
  values: BoardFieldValue[],
  overrides: Partial<Omit<BoardItem, "content" | "values">> & Partial<BoardIssueContent> = {},
): BoardItem {
  const { id = `PVTI_${++counter}`, databaseId = String(1000 + counter), archived = false, addedAt = "2024-04-01T00:00:00Z", ...content } = overrides;
  const kind = content.kind ?? "issue";
  return {
    id,
    databaseId,
    archived,
    addedAt,
    content: {
      kind,
      id: `I_acme/infra#${number}`,
      repo: "acme/infra",
      number,
      title: `Issue ${number}`,
      url: `https://github.com/acme/infra/${kind === "pull_request" ? "pull" : "issues"}/${number}`,
      author: "alice",
      state: "open",
      closedAt: null,
      labels: [],
      body: "",
      createdAt: "2024-03-01T00:00:00Z",
      thumbsUp: 2,
      audience: { visibility: "public", owner: "acme" },
      ...content,
    },
    values,
  };
}

function draftItem(title: string, values: BoardFieldValue[], overrides: Partial<BoardItem> = {}): BoardItem {
  return {
    id: `PVTI_${++counter}`,
    databaseId: String(1000 + counter),
    archived: false,
    addedAt: "2024-04-15T00:00:00Z",
    content: { kind: "draft", id: `DI_${title}`, title, body: "An idea", author: "bob", createdAt: "2024-04-10T00:00:00Z" },
    values,
    ...overrides,
  };
}

const redacted = (): BoardItem => ({ id: `PVTI_${++counter}`, databaseId: null, archived: false, addedAt: null, content: null, values: [] });

const BOARD_URL = "https://github.com/orgs/acme/projects/6";
const agenda: BoardOptions = { field: "Status", value: "Agenda", estimateField: "Estimate", boardUrl: BOARD_URL };

describe("field values", () => {
  it("are found by field name, case-insensitively, and by kind", () => {
    const item = issueItem(1, [status("Agenda"), estimate(15), sprint("Hobart", "2024-07-15"), status("High", undefined, "Priority")]);
    expect(singleSelectValue(item, "status")?.name).toBe("Agenda");
    expect(singleSelectValue(item, " Priority ")?.name).toBe("High");
    expect(singleSelectValue(item, "Sprint")).toBeNull();
    expect(numberValue(item, "ESTIMATE")).toBe(15);
    expect(numberValue(item, "Status")).toBeNull();
    expect(iterationValue(item, "sprint")?.title).toBe("Hobart");
    expect(iterationValue(item, "Status")).toBeNull();
    expect(numberValue(issueItem(2, [estimate(null)]), "Estimate")).toBeNull();
    expect(singleSelectValue({ ...item, values: [] }, "Status")).toBeNull();
  });
});

describe("itemTopic", () => {
  it("turns an issue, a pull request and a draft into topics", () => {
    expect(itemTopic(issueItem(7, [], { labels: ["time/15m"], body: "### Estimate\n\n20m" }))).toEqual({
      id: "I_acme/infra#7",
      kind: "issue",
      repo: "acme/infra",
      number: 7,
      title: "Issue 7",
      url: "https://github.com/acme/infra/issues/7",
      author: "alice",
      state: "open",
      labels: ["time/15m"],
      body: "### Estimate\n\n20m",
      createdAt: "2024-03-01T00:00:00Z",
      labeledAt: {},
      thumbsUp: 2,
      audience: { visibility: "public", owner: "acme" },
    });
    expect(itemTopic(issueItem(8, [], { kind: "pull_request", state: "closed" }))).toMatchObject({ kind: "pull_request", state: "closed" });
    const draft = draftItem("Dark mode", [], { databaseId: "123456789012" });
    expect(itemTopic(draft, BOARD_URL, { visibility: "private", owner: "acme" })).toEqual({
      id: "DI_Dark mode",
      kind: "draft",
      repo: "",
      number: null,
      title: "Dark mode",
      url: "https://github.com/orgs/acme/projects/6?pane=issue&itemId=123456789012",
      author: "bob",
      state: "open",
      labels: [],
      body: "An idea",
      createdAt: "2024-04-10T00:00:00Z",
      labeledAt: {},
      thumbsUp: 0,
      audience: { visibility: "private", owner: "acme" },
    });
    expect(itemTopic({ ...draft, databaseId: null }, BOARD_URL)?.url).toBe(BOARD_URL);
    expect(itemTopic(draft)?.url).toBe("");
    expect(itemTopic(redacted())).toBeNull();
  });

  it("a draft carries the board's audience, else nobody's", () => {
    const draft = draftItem("Idea", []);
    expect(itemTopic(draft, BOARD_URL, { visibility: "public", owner: "acme" })?.audience).toEqual({ visibility: "public", owner: "acme" });
    expect(itemTopic(draft, BOARD_URL)?.audience).toEqual({ visibility: "private", owner: "" });
    expect(
      boardTopics([draftItem("On a public board", [status("Agenda")])], { ...agenda, draft: { visibility: "public", owner: "acme" } }).topics[0]?.topic
        .audience,
    ).toEqual({ visibility: "public", owner: "acme" });
    expect(
      sprintsFromIterations([draftItem("In a sprint", [sprint("Hobart", "2024-07-15")])], "Sprint", { draft: { visibility: "private", owner: "acme" } })[0]
        ?.items[0]?.audience,
    ).toEqual({ visibility: "private", owner: "acme" });
  });
});

describe("boardTopics", () => {
  it("takes the open items whose field holds the value, with queue time and board estimate, in board order", () => {
    const items = [
      issueItem(1, [status("Agenda", "2024-05-03T10:00:00Z"), estimate(20)]),
      issueItem(2, [status("Backlog")]),
      issueItem(3, [status(" agenda ", "2024-05-02T10:00:00Z")]),
      issueItem(4, []),
      draftItem("Dark mode", [status("Agenda", "2024-05-04T10:00:00Z"), estimate(5)]),
      issueItem(5, [status(null)]),
    ];
    const { topics, skipped } = boardTopics(items, agenda);
    expect(topics.map((t) => [t.topic.title, t.queuedAt, t.boardMinutes])).toEqual([
      ["Issue 1", "2024-05-03T10:00:00Z", 20],
      ["Issue 3", "2024-05-02T10:00:00Z", null],
      ["Dark mode", "2024-05-04T10:00:00Z", 5],
    ]);
    expect(topics[0]!.itemId).toBe(items[0]!.id);
    expect(skipped).toEqual({ redacted: 0, archived: 0, closed: 0 });
    expect(boardTopics(items, { ...agenda, estimateField: undefined }).topics.map((t) => t.boardMinutes)).toEqual([null, null, null]);
  });

  it("skips and counts redacted, archived and closed items; lists an item twice only once", () => {
    const twice = issueItem(1, [status("Agenda")]);
    const items = [
      redacted(),
      redacted(),
      redacted(),
      issueItem(2, [status("Agenda")], { archived: true }),
      issueItem(3, [status("Agenda")], { state: "closed" }),
      issueItem(4, [status("Agenda")], { kind: "pull_request", state: "closed" }),
      twice,
      { ...twice, id: "PVTI_other" },
      issueItem(5, [status("Backlog")], { state: "closed" }),
    ];
    const { topics, skipped } = boardTopics(items, agenda);
    expect(topics.map((t) => t.topic.number)).toEqual([1]);
    expect(skipped).toEqual({ redacted: 3, archived: 1, closed: 2 });
  });

  it("queues at the value's updatedAt, else its createdAt, else the item's, else the content's createdAt", () => {
    const bare = (v: { createdAt?: string; updatedAt?: string }): BoardFieldValue => ({ type: "single_select", field: "Status", name: "Agenda", ...v });
    const queued = (item: BoardItem) => boardTopics([item], agenda).topics[0]!.queuedAt;
    expect(queued(issueItem(1, [bare({ createdAt: "2024-05-01T00:00:00Z", updatedAt: "2024-05-09T00:00:00Z" })]))).toBe("2024-05-09T00:00:00Z");
    expect(queued(issueItem(1, [bare({ createdAt: "2024-05-01T00:00:00Z" })]))).toBe("2024-05-01T00:00:00Z");
    expect(queued(issueItem(1, [bare({})]))).toBe("2024-04-01T00:00:00Z");
    expect(queued(issueItem(1, [bare({})], { addedAt: null }))).toBe("2024-03-01T00:00:00Z");
  });
});

describe("mergeLabelAndBoard", () => {
  const estimateOptions = { labelPrefix: "time/", formField: "Estimate", defaultMinutes: 10 };

  it("counts a topic on both once, queued at the earlier time, with the board estimate where nothing beats it", () => {
    const both = topic({ number: 1, title: "Both", labels: ["agenda/iaas"], labeledAt: { "agenda/iaas": "2024-05-05T00:00:00Z" } });
    const labelOnly = topic({ number: 2, title: "Label only", labels: ["agenda/iaas", "time/25m"], labeledAt: { "agenda/iaas": "2024-05-01T00:00:00Z" } });
    const labelCandidates = candidatesFor([both, labelOnly], "agenda/iaas", estimateOptions);
    const board = boardTopics(
      [
        issueItem(1, [status("Agenda", "2024-05-02T00:00:00Z"), estimate(30)]),
        issueItem(3, [status("Agenda", "2024-05-03T00:00:00Z"), estimate(40)], { labels: ["time/5m"] }),
        draftItem("Draft", [status("Agenda", "2024-05-04T00:00:00Z")]),
      ],
      agenda,
    ).topics;
    const merged = mergeLabelAndBoard(labelCandidates, board, estimateOptions);
    expect(merged.map((c) => [c.topic.title, c.queuedAt, c.minutes, c.estimateSource])).toEqual([
      ["Both", "2024-05-02T00:00:00Z", 30, "board"],
      ["Label only", "2024-05-01T00:00:00Z", 25, "label"],
      ["Issue 3", "2024-05-03T00:00:00Z", 5, "label"],
      ["Draft", "2024-05-04T00:00:00Z", 10, "default"],
    ]);
    // The label search's copy of the topic is kept (it has the timeline).
    expect(merged[0]!.topic).toBe(both);
  });

  it("keeps the label's time when it is the earlier, and packs as one list", () => {
    const early = topic({ number: 1, title: "Early label", labels: ["agenda/iaas"], labeledAt: { "agenda/iaas": "2024-04-01T00:00:00Z" } });
    const labelCandidates = candidatesFor([early], "agenda/iaas", estimateOptions);
    const board = boardTopics(
      [issueItem(1, [status("Agenda", "2024-05-02T00:00:00Z")]), issueItem(2, [status("Agenda", "2024-05-01T00:00:00Z"), estimate(25)])],
      agenda,
    ).topics;
    const merged = mergeLabelAndBoard(labelCandidates, board, estimateOptions);
    expect(merged.map((c) => c.queuedAt)).toEqual(["2024-04-01T00:00:00Z", "2024-05-01T00:00:00Z"]);
    const packed = packAgenda(merged, { slots: [{ capacity: 30 }], policy: "first-fit", order: "fifo" });
    expect(titles(packed.scheduled)).toEqual(["Early label"]);
    expect(titles(packed.waiting)).toEqual(["Issue 2"]);
  });

  it("treats board-only lists and duplicate label candidates gracefully", () => {
    const board = boardTopics([issueItem(1, [status("Agenda")])], agenda).topics;
    expect(mergeLabelAndBoard([], board, estimateOptions)).toHaveLength(1);
    const t = topic({ number: 9, labels: ["agenda/iaas"] });
    const [c] = candidatesFor([t], "agenda/iaas", estimateOptions);
    expect(mergeLabelAndBoard([c!, c!], [], estimateOptions)).toEqual([c]);
  });
});

describe("mergeIdeas", () => {
  it("lists labelled and board ideas once each, alphabetically, without the borrowed label", () => {
    const labelled = [
      topic({ number: 1, title: "Zebra crossing", labels: ["idea"] }),
      topic({ number: 2, title: "Apples", labels: ["idea"] }),
      topic({ number: 3, title: "Not an idea", labels: [] }),
    ];
    const board = boardTopics(
      [
        draftItem("Mango", [status("Idea")]),
        issueItem(1, [status("Idea")], { title: "Zebra crossing (board copy)" }),
        issueItem(4, [status("Idea")], { title: "banana" }),
      ],
      { field: "Status", value: "Idea" },
    ).topics;
    const ideas = mergeIdeas(labelled, "idea", board, "en");
    expect(ideas.map((t) => t.title)).toEqual(["Apples", "banana", "Mango", "Zebra crossing"]);
    expect(ideas.find((t) => t.title === "Mango")!.labels).toEqual([]);
    expect(ideas.find((t) => t.title === "banana")).toBe(board[2]!.topic);
  });
});

describe("sprintsFromIterations", () => {
  const items = [
    issueItem(1, [sprint("Gothenburg", "2024-07-01", 14, "2024-06-28T10:00:00Z")], { state: "closed", closedAt: "2024-07-05T00:00:00Z" }),
    issueItem(2, [sprint("Gothenburg", "2024-07-01", 14, "2024-07-08T10:00:00Z")]),
    issueItem(3, [sprint("Hobart", "2024-07-15")]),
    draftItem("Write the docs", [sprint("Hobart", "2024-07-15", 14, "2024-07-10T00:00:00Z")]),
    issueItem(4, [sprint("Gothenburg", "2024-07-01")], { archived: true, state: "closed", closedAt: "2024-07-02T00:00:00Z" }),
    issueItem(5, [status("Agenda")]),
    redacted(),
  ];

  it("gives each iteration's window and items, ordered by start, in buildSprintReview's shape", () => {
    const sprints = sprintsFromIterations(items, "sprint");
    expect(sprints.map((s) => s.sprint)).toEqual([
      { name: "Gothenburg", start: "2024-07-01T00:00:00.000Z", end: "2024-07-15T00:00:00.000Z", kind: "iteration" },
      { name: "Hobart", start: "2024-07-15T00:00:00.000Z", end: "2024-07-29T00:00:00.000Z", kind: "iteration" },
    ]);
    expect(sprints[0]!.items.map((i) => [i.number, i.state, i.closedAt, i.addedAt])).toEqual([
      [1, "closed", "2024-07-05T00:00:00Z", "2024-06-28T10:00:00Z"],
      [2, "open", null, "2024-07-08T10:00:00Z"],
      [4, "closed", "2024-07-02T00:00:00Z", "2024-06-20T09:00:00Z"],
    ]);
    expect(sprints[1]!.items.map((i) => [i.title, i.kind, i.repo, i.number])).toEqual([
      ["Issue 3", "issue", "acme/infra", 3],
      ["Write the docs", "draft", "", null],
    ]);

    const review = buildSprintReview({ ...sprints[0]!, next: sprints[1]! });
    expect(review.counts).toEqual({ done: 2, carriedOver: 1, closedBefore: 0, added: 1, total: 3 });
    expect(review.next?.items).toHaveLength(2);
  });

  it("starts iterations at midnight in the team's zone, and lists configured iterations even when empty", () => {
    const sprints = sprintsFromIterations(items, "Sprint", {
      timezone: "Europe/Berlin",
      iterations: [
        { title: "Istanbul", startDate: "2024-07-29", duration: 14 },
        { title: "Hobart", startDate: "2024-07-15", duration: 14 },
      ],
    });
    expect(sprints.map((s) => [s.sprint.name, s.sprint.start, s.sprint.end, s.items.length])).toEqual([
      ["Gothenburg", "2024-06-30T22:00:00.000Z", "2024-07-14T22:00:00.000Z", 3],
      ["Hobart", "2024-07-14T22:00:00.000Z", "2024-07-28T22:00:00.000Z", 2],
      ["Istanbul", "2024-07-28T22:00:00.000Z", "2024-08-11T22:00:00.000Z", 0],
    ]);
  });

  it("keeps an item once per iteration, and refuses an iteration without a usable window", () => {
    const one = issueItem(1, [sprint("Gothenburg", "2024-07-01")]);
    expect(sprintsFromIterations([one, { ...one, id: "PVTI_copy" }], "Sprint")[0]!.items).toHaveLength(1);
    expect(sprintsFromIterations(items, "Nope")).toEqual([]);
    expect(() => sprintsFromIterations([issueItem(1, [sprint("Broken", "2024-13-01")])], "Sprint")).toThrow(/iteration "Broken"/);
    expect(() => sprintsFromIterations([issueItem(1, [sprint("Zero", "2024-07-01", 0)])], "Sprint")).toThrow(/whole days/);
  });

  it("links a draft to its item on the board when the board's URL is given", () => {
    const draft = draftItem("Write the docs", [sprint("Hobart", "2024-07-15")], { databaseId: "4711" });
    expect(sprintsFromIterations([draft], "Sprint")[0]!.items[0]!.url).toBe("");
    expect(sprintsFromIterations([draft], "Sprint", { boardUrl: "https://github.com/orgs/acme/projects/6" })[0]!.items[0]!.url).toBe(
      "https://github.com/orgs/acme/projects/6?pane=issue&itemId=4711",
    );
  });
});
