/**
 * What one warm agenda rebuild costs in requests, counted by the local GitHub (issue 14): the app
 * started as `npm start` starts it, an agenda of 250 topics in 40 repositories already built, one
 * more topic labelled. The issue's goal: at most ⌈N/100⌉ + 1 = 4. `npm run bench` measures the times.
 */
import { expect, it } from "vitest";
import { agendaWorld, LABEL, spareIssue } from "../helpers/agenda-world.js";
import { useAppProcess } from "./harness.js";

const world = { topics: 250, repos: 40, spare: 2 };
const e2e = useAppProcess({ simulator: { world: agendaWorld(world), urls: "local" } });

const label = async (i: number) => {
  const { repo, number } = spareIssue(world, i);
  await e2e.sim.act({ as: "bob", action: "label", repo, number, label: LABEL });
  await e2e.quiet(60_000);
};

it("a warm rebuild of 250 topics in 40 repositories: no config read, the meeting lookup with the first search page and the fresh read, 2 more search pages and one write (4 requests)", async () => {
  await label(0); // the meeting issue is created
  const mark = e2e.sim.log.length;
  await label(1);
  const routes: Record<string, number> = {};
  for (const e of e2e.sim.log.slice(mark).filter((e) => !e.principal.startsWith("app:"))) {
    const key = e.operationName ? `graphql ${e.operationName}` : e.route.replace(/^(\w+) \/api\/v3/, "$1 ");
    routes[key] = (routes[key] ?? 0) + 1;
  }
  expect(routes).toEqual({
    "graphql DocketAgendaInputs": 1,
    "graphql DocketSearchTopics": 2,
    "PATCH /repos/{owner}/{repo}/issues/{issue_number}": 1,
  });
  expect(e2e.sim.violations).toEqual([]);
}, 60_000);
