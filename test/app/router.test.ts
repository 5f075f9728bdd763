import { describe, expect, it } from "vitest";
import { boardItemEvent, configPushed, everything, pushedPaths, routeBoardItem, routeTopic, topicEvent, type Reach } from "../../src/app/router.js";
import { validateConfig } from "../../src/config/load.js";
import type { DocketConfig } from "../../src/config/schema.js";

function config(yaml: Record<string, unknown>): DocketConfig {
  const result = validateConfig(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

const meeting = { title: "IaaS", cadence: "weekly", day: "monday", time: "14:00", duration: "30m" };
const cfg = config({
  meetings: { iaas: meeting, ops: { ...meeting, label: "Ops Topic" }, board: { ...meeting, label: "agenda/board", board: { owner: "acme", number: 6 } } },
  backlog: { label: "idea" },
});
const all: Reach = () => true;

const issue = (action: string, labels: string[], extra: Record<string, unknown> = {}) => ({
  action,
  issue: { number: 5, node_id: "I_5", labels: labels.map((name) => ({ name })) },
  ...extra,
});

describe("topicEvent", () => {
  it("reads the topic's labels, the changed label and its node id", () => {
    expect(topicEvent(issue("labeled", ["agenda/iaas"], { label: { name: "agenda/iaas" } }))).toEqual({
      action: "labeled",
      nodeId: "I_5",
      labels: ["agenda/iaas"],
      changed: "agenda/iaas",
    });
    expect(topicEvent({ action: "closed", pull_request: { number: 2, labels: [] } })).toMatchObject({ action: "closed", nodeId: null });
  });

  it("ignores Docket's own issues, edits of fields no agenda shows, and payloads GitHub would not send", () => {
    expect(topicEvent(issue("labeled", ["docket/iaas"]))).toBeNull();
    expect(topicEvent(issue("edited", ["agenda/iaas"], { changes: { milestone: {} } }))).toBeNull();
    expect(topicEvent(issue("edited", ["agenda/iaas"], { changes: { title: { from: "x" } } }))).not.toBeNull();
    expect(topicEvent({ action: "opened" })).toBeNull();
    expect(topicEvent({ action: "opened", issue: { number: "5" } })).toBeNull();
  });
});

describe("routeTopic", () => {
  const route = (payload: unknown, reach: Reach = all) => routeTopic(topicEvent(payload)!, cfg, reach);

  it("a series label added or removed rebuilds that series, reading the topic fresh", () => {
    expect(route(issue("labeled", ["agenda/iaas"], { label: { name: "agenda/iaas" } })).now).toEqual([{ kind: "series", seriesId: "iaas", fresh: "I_5" }]);
    expect(route(issue("unlabeled", [], { label: { name: "Agenda/IaaS" } })).now).toEqual([{ kind: "series", seriesId: "iaas", fresh: "I_5" }]);
  });

  it("an unrelated label changes nothing; an estimate label changes every series the topic is on", () => {
    expect(route(issue("labeled", ["agenda/iaas", "bug"], { label: { name: "bug" } })).now).toEqual([]);
    expect(
      route(issue("labeled", ["agenda/iaas", "ops topic", "time/15m"], { label: { name: "time/15m" } })).now.map((r) =>
        r.kind === "series" ? r.seriesId : r.kind,
      ),
    ).toEqual(["iaas", "ops"]);
  });

  it("closing a labelled topic rebuilds its series and backlog; closing an unlabelled one asks which boards it is on", () => {
    const closed = route(issue("closed", ["agenda/iaas", "idea"]));
    expect(closed.now).toEqual([
      { kind: "series", seriesId: "iaas", fresh: "I_5" },
      { kind: "backlog", fresh: "I_5" },
    ]);
    expect(closed.ifOnBoard).toEqual([
      { board: expect.objectContaining({ owner: "acme", number: 6 }), route: { kind: "series", seriesId: "board", fresh: null } },
    ]);
    expect(route(issue("labeled", [], { label: { name: "bug" } })).ifOnBoard).toEqual([]);
  });

  it("a series whose board the app cannot read is left alone, labelled or not", () => {
    const reach: Reach = (board) => board.owner !== "acme";
    expect(route(issue("labeled", ["agenda/board"], { label: { name: "agenda/board" } }), reach)).toEqual({ now: [], ifOnBoard: [] });
  });
});

describe("routeTopic for an event with tracks", () => {
  const event = {
    from: "2025-02-03",
    to: "2025-02-05",
    start: "13:00",
    "daily-budget": "2h",
    tracks: [
      { id: "edge", title: "Edge" },
      { id: "nova", title: "Nova", label: "Nova Topic" },
    ],
  };
  const tracked = config({ meetings: { ptg: { title: "PTG", event, label: "ptg-topic" } } });
  const route = (payload: unknown) => routeTopic(topicEvent(payload)!, tracked, all).now;

  it("a track label added or removed rebuilds the gathering, reading the topic fresh; the event's own label does not", () => {
    expect(route(issue("labeled", ["ptg/edge"], { label: { name: "ptg/edge" } }))).toEqual([{ kind: "series", seriesId: "ptg", fresh: "I_5" }]);
    expect(route(issue("unlabeled", ["ptg/edge"], { label: { name: "nova topic" } }))).toEqual([{ kind: "series", seriesId: "ptg", fresh: "I_5" }]);
    expect(route(issue("closed", ["ptg/edge"]))).toEqual([{ kind: "series", seriesId: "ptg", fresh: "I_5" }]);
    expect(route(issue("labeled", ["ptg-topic"], { label: { name: "ptg-topic" } }))).toEqual([]);
    expect(route(issue("labeled", ["ptg/edge", "bug"], { label: { name: "bug" } }))).toEqual([]);
  });
});

describe("routeBoardItem", () => {
  const item = (action: string, changes?: unknown) =>
    boardItemEvent({
      action,
      projects_v2_item: { node_id: "PVTI_1", project_node_id: "PVT_6" },
      organization: { login: "ACME" },
      ...(changes ? { changes } : {}),
    })!;

  it("an item of the organisation's board may touch every source on one of its boards; reorders touch none", () => {
    expect(routeBoardItem(item("created"), cfg).map((s) => s.route)).toEqual([{ kind: "series", seriesId: "board", fresh: null }]);
    expect(routeBoardItem(item("reordered"), cfg)).toEqual([]);
  });

  it("an edit of a field no source reads touches nothing; Status and a draft's Title do", () => {
    expect(routeBoardItem(item("edited", { field_value: { field_name: "Due date" } }), cfg)).toEqual([]);
    expect(routeBoardItem(item("edited", { field_value: { field_name: "status" } }), cfg)).toHaveLength(1);
    expect(routeBoardItem(item("edited", { field_value: { field_name: "Title" } }), cfg)).toHaveLength(1);
  });

  it("a payload without an item or organisation is not an event", () => {
    expect(boardItemEvent({ action: "created", projects_v2_item: { node_id: "x" } })).toBeNull();
  });
});

describe("configPushed and everything", () => {
  it("a push that adds or modifies .github/docket.yml is a configuration change; a deleted branch is not", () => {
    expect(configPushed({ after: "abc", commits: [{ added: [], modified: [".github/docket.yml"] }] })).toBe(true);
    expect(configPushed({ after: "abc", commits: [{ added: ["README.md"], modified: [] }] })).toBe(false);
    expect(configPushed({ after: "abc", deleted: true, commits: [{ modified: [".github/docket.yml"] }] })).toBe(false);
  });

  it("the files a push changed include removed ones; a forced push cannot tell (files its commits no longer hold changed too)", () => {
    const commits = [
      { added: ["a.yml"], modified: [".github/docket.yml"], removed: [] },
      { added: [], modified: [], removed: ["base/.github/docket.yml"] },
    ];
    expect(pushedPaths({ after: "abc", commits })).toEqual(["a.yml", ".github/docket.yml", "base/.github/docket.yml"]);
    expect(pushedPaths({ after: "abc", forced: true, commits })).toBeNull();
  });

  it("everything is every series and the backlog the app may read", () => {
    expect(everything(cfg, all).map((r) => (r.kind === "series" ? r.seriesId : r.kind))).toEqual(["iaas", "ops", "board", "backlog"]);
    expect(everything(cfg, (b) => b.owner !== "acme").map((r) => (r.kind === "series" ? r.seriesId : r.kind))).toEqual(["iaas", "ops", "backlog"]);
  });
});
