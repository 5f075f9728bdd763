/**
 * What one agenda rebuild costs in requests at issue 14's larger size, the workflow against the
 * local GitHub: 1,000 topics in 100 repositories, the meeting issue already there, one more topic
 * labelled. Goal: ⌈1,000/100⌉ + 1 = 11 (the meeting lookup, the first search page and the fresh
 * read in one request, 9 more search pages, one write).
 */
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load.js";
import { GitHubGateway, silentLogger, type OctokitLike } from "../../src/github/gateway.js";
import { syncAgenda } from "../../src/workflows/agenda.js";
import { scopeFor, type JobContext, type LoadedConfig } from "../../src/workflows/context.js";
import { agendaWorld, LABEL, ORG, spareIssue } from "../helpers/agenda-world.js";
import { INSTALLATION_ID, installationToken, octokitFor, startTestSimulator, violationText } from "../sim/helpers.js";
import type { Simulator } from "../sim/server.js";

const NOW = "2025-01-08T09:00:00Z";
const world = { topics: 999, repos: 100, spare: 1 };

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

const context = (): JobContext => ({ gateway: new GitHubGateway(octokitFor(sim, token) as unknown as OctokitLike, { writeBudget: 100 }), log: silentLogger, now: new Date(NOW) });

it("a warm rebuild of 1,000 topics in 100 repositories costs 11 requests: one for the meeting, the first search page and the fresh read, 9 more pages, one write", async () => {
  const first = await syncAgenda(context(), loaded, "iaas");
  expect(first.created).toBe(true);
  const { repo, number } = spareIssue(world, 0);
  const labelled = await sim.act({ as: "bob", action: "label", repo, number, label: LABEL });
  expect(labelled).toBeTruthy();
  const [owner = "", name = ""] = repo.split("/");
  const nodeId = sim.state.issue(sim.state.repo(owner, name)!, number)!.nodeId;
  const mark = sim.log.length;
  const result = await syncAgenda(context(), loaded, "iaas", { fresh: [nodeId] });
  expect(result.problems).toEqual([]);
  expect(result.updated).toBe(true);
  expect(result.agenda!.scheduled.length + result.agenda!.waiting.length).toBe(1000);
  const routes: Record<string, number> = {};
  for (const e of sim.log.slice(mark)) {
    const key = e.operationName ? `graphql ${e.operationName}` : `${e.method} ${e.route.replace(/^\w+ (\/api\/v3)?/, "")}`;
    routes[key] = (routes[key] ?? 0) + 1;
  }
  expect(routes).toEqual({ "graphql DocketAgendaInputs": 1, "graphql DocketSearchTopics": 9, "PATCH /repos/{owner}/{repo}/issues/{issue_number}": 1 });
}, 120_000);
