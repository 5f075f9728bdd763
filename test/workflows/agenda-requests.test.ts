/**
 * What one agenda rebuild costs in requests at issue 14's larger size, the workflow against the
 * local GitHub: 1,000 topics in 100 repositories, the meeting issue already there, one more topic
 * labelled. Goal: ⌈1,000/100⌉ + 1 = 11 (the meeting lookup, the first search page and the fresh
 * read in one request, 9 more search pages, one write). And a rebuild with nothing new to go on
 * does not search again (src/workflows/agenda-memo.ts).
 */
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load.js";
import { GitHubGateway, silentLogger, type OctokitLike } from "../../src/github/gateway.js";
import { syncAgenda, type AgendaSyncResult } from "../../src/workflows/agenda.js";
import type { AgendaMemo } from "../../src/workflows/agenda-memo.js";
import { scopeFor, type JobContext, type LoadedConfig } from "../../src/workflows/context.js";
import { agendaWorld, LABEL, ORG, spareIssue } from "../helpers/agenda-world.js";
import { INSTALLATION_ID, installationToken, octokitFor, startTestSimulator, violationText } from "../sim/helpers.js";
import type { Simulator } from "../sim/server.js";

const NOW = "2025-01-08T09:00:00Z";
const world = { topics: 999, repos: 100, spare: 4 };

let sim: Simulator;
let loaded: LoadedConfig;
let token: string;

beforeAll(async () => {
  const w = agendaWorld(world);
  const text = (w as any).orgs[0].repos[0].files[".github/docket.yml"] as string;
  const parsed = parseConfigText(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const home = { owner: ORG, repo: ".github" };
  loaded = { config: parsed.config, home, scope: scopeFor(home, "Organization") };
  sim = await startTestSimulator({ world: w });
  token = await installationToken(sim, INSTALLATION_ID);
}, 120_000);
afterAll(() => sim.close());
afterEach(() => {
  expect(violationText(sim)).toEqual([]);
});

/** The requests since `mark`, by operation (GraphQL) or route (REST). */
function requestsSince(mark: number): Record<string, number> {
  const routes: Record<string, number> = {};
  for (const e of sim.log.slice(mark)) {
    const key = e.operationName ? `graphql ${e.operationName}` : `${e.method} ${e.route.replace(/^\w+ (\/api\/v3)?/, "")}`;
    routes[key] = (routes[key] ?? 0) + 1;
  }
  return routes;
}

/** Spare issue `i`: where it is and its node id. */
function spare(i: number): { repo: string; number: number; nodeId: string } {
  const { repo, number } = spareIssue(world, i);
  const [owner = "", name = ""] = repo.split("/");
  return { repo, number, nodeId: sim.state.issue(sim.state.repo(owner, name)!, number)!.nodeId };
}

const FULL = { "graphql DocketAgendaInputs": 1, "graphql DocketSearchTopics": 9, "PATCH /repos/{owner}/{repo}/issues/{issue_number}": 1 };
const NOTHING_NEW = { "graphql DocketAgendaInputs": 1 };

/** A rebuild with `memo`, triggered by events about `fresh`: its result and the requests it made. */
async function rebuild(memo: AgendaMemo, fresh: string[]): Promise<{ result: AgendaSyncResult; requests: Record<string, number> }> {
  const mark = sim.log.length;
  const result = await syncAgenda(context(), loaded, "iaas", { fresh, memo });
  expect(result.problems).toEqual([]);
  return { result, requests: requestsSince(mark) };
}

const listed = (r: AgendaSyncResult) => [...r.agenda!.scheduled.map((s) => s.topic), ...r.agenda!.waiting.map((w) => w.topic)];

const context = (): JobContext => ({
  gateway: new GitHubGateway(octokitFor(sim, token) as unknown as OctokitLike, { writeBudget: 100 }),
  log: silentLogger,
  now: new Date(NOW),
});

it("a warm rebuild of 1,000 topics in 100 repositories costs 11 requests: one for the meeting, the first search page and the fresh read, 9 more pages, one write", async () => {
  const first = await syncAgenda(context(), loaded, "iaas");
  expect(first.created).toBe(true);
  const { repo, number, nodeId } = spare(0);
  await sim.act({ as: "bob", action: "label", repo, number, label: LABEL });
  const mark = sim.log.length;
  const result = await syncAgenda(context(), loaded, "iaas", { fresh: [nodeId] });
  expect(result.problems).toEqual([]);
  expect(result.updated).toBe(true);
  expect(result.agenda!.scheduled.length + result.agenda!.waiting.length).toBe(1000);
  expect(requestsSince(mark)).toEqual(FULL);
}, 120_000);

it("an event about a topic the last rebuild read already, unchanged since: one request, no search, nothing written, the same agenda", async () => {
  const memo: AgendaMemo = {};
  const one = spare(1);
  await sim.act({ as: "bob", action: "label", repo: one.repo, number: one.number, label: LABEL });
  const first = await rebuild(memo, [one.nodeId]);
  expect(first.requests).toEqual({ ...FULL, "graphql DocketSearchTopics": 10 }); // 1,001 topics: the first page starts the first window (oldest first, 9 more pages), a second window reads the newest
  // A second event about the same topic (in a burst: its label arrived while the first rebuild's search found it already).
  const again = await rebuild(memo, [one.nodeId]);
  expect(again.requests).toEqual(NOTHING_NEW);
  expect(again.result.reused).toBe(true);
  expect(again.result.updated).toBe(false);
  expect(listed(again.result).map((t) => t.id)).toEqual(listed(first.result).map((t) => t.id));
}, 120_000);

it("searches again when a listed topic was renamed or lost its label, a topic not listed is named, or someone edited the meeting issue", async () => {
  const memo: AgendaMemo = {};
  const one = spare(1);
  const two = spare(2);
  await rebuild(memo, [one.nodeId]);
  expect((await rebuild(memo, [one.nodeId])).requests).toEqual(NOTHING_NEW);

  await sim.act({ as: "alice", action: "edit", repo: one.repo, number: one.number, title: "Renamed spare topic" });
  const renamed = await rebuild(memo, [one.nodeId]);
  expect(renamed.result.reused).toBeUndefined();
  expect(renamed.requests["graphql DocketSearchTopics"]).toBeGreaterThan(0);
  expect(listed(renamed.result).find((t) => t.id === one.nodeId)?.title).toBe("Renamed spare topic");
  expect((await rebuild(memo, [one.nodeId])).requests).toEqual(NOTHING_NEW);

  await sim.act({ as: "bob", action: "unlabel", repo: one.repo, number: one.number, label: LABEL });
  const unlabelled = await rebuild(memo, [one.nodeId]);
  expect(unlabelled.requests["graphql DocketSearchTopics"]).toBeGreaterThan(0);
  expect(listed(unlabelled.result).some((t) => t.id === one.nodeId)).toBe(false);
  expect((await rebuild(memo, [one.nodeId])).requests).toEqual(NOTHING_NEW);

  await sim.act({ as: "bob", action: "label", repo: two.repo, number: two.number, label: LABEL });
  const added = await rebuild(memo, [two.nodeId]);
  expect(added.requests["graphql DocketSearchTopics"]).toBeGreaterThan(0);
  expect(listed(added.result).some((t) => t.id === two.nodeId)).toBe(true);
  expect((await rebuild(memo, [two.nodeId])).requests).toEqual(NOTHING_NEW);

  const meeting = added.result.meeting!;
  await sim.act({
    as: "alice",
    action: "edit",
    repo: `${ORG}/meetings`,
    number: meeting.number,
    body: `${sim.state.issue(sim.state.repo(ORG, "meetings")!, meeting.number)!.body}\n\nA note from the chair.`,
  });
  const edited = await rebuild(memo, [two.nodeId]);
  expect(edited.requests["graphql DocketSearchTopics"]).toBeGreaterThan(0);
}, 240_000);
