/**
 * What one warm agenda rebuild costs in requests, counted by the local GitHub (issue 14): the app
 * started as `npm start` starts it, an agenda of 250 topics in 40 repositories already built, one
 * more topic labelled. The issue's goal: at most ⌈N/100⌉ + 1 = 4. `npm run bench` measures the times.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { agendaWorld, LABEL, spareIssue } from "../helpers/agenda-world.js";
import { testPrivateKey } from "../fixtures/keys.js";
import { APP_ID } from "../sim/helpers.js";
import { startSimulator, type Simulator } from "../sim/server.js";
import { quiet, startApp, type RunningApp } from "./harness.js";

const world = { topics: 250, repos: 40, spare: 2 };
let sim: Simulator;
let app: RunningApp;

beforeAll(async () => {
  sim = await startSimulator({ world: agendaWorld(world), app: { id: APP_ID, privateKeyPem: testPrivateKey() }, urls: "local" });
  app = await startApp(sim, { DOCKET_NOW: "2025-01-08T09:00:00Z", DOCKET_DEBOUNCE_MS: "150" });
}, 240_000);

afterAll(async () => {
  await app?.stop();
  await sim?.close();
});

const label = async (i: number) => {
  const { repo, number } = spareIssue(world, i);
  await sim.act({ as: "bob", action: "label", repo, number, label: LABEL });
  await quiet(sim, app, 60_000);
};

it("a warm rebuild of 250 topics in 40 repositories: no config read, the meeting lookup with the first search page and the fresh read, 2 more search pages and one write (4 requests)", async () => {
  await label(0); // the meeting issue is created
  const mark = sim.log.length;
  await label(1);
  const routes: Record<string, number> = {};
  for (const e of sim.log.slice(mark).filter((e) => !e.principal.startsWith("app:"))) {
    const key = e.operationName ? `graphql ${e.operationName}` : e.route.replace(/^(\w+) \/api\/v3/, "$1 ");
    routes[key] = (routes[key] ?? 0) + 1;
  }
  expect(routes).toEqual({
    "graphql DocketAgendaInputs": 1,
    "graphql DocketSearchTopics": 2,
    "PATCH /repos/{owner}/{repo}/issues/{issue_number}": 1,
  });
  expect(sim.violations).toEqual([]);
}, 60_000);
