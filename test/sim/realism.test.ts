/**
 * Realism switches: search index lag, secondary rate limits, injected server errors, latency,
 * and the count of content-creating requests.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEARCH_TOPICS } from "../../src/github/queries.js";
import { issueNodeId } from "../fixtures/webhooks.js";
import { SimClient } from "./client.js";
import { installationToken, octokitFor, startTestSimulator, violationText, type TestOctokitInstance } from "./helpers.js";
import { SECONDARY_RATE_LIMIT_MESSAGE } from "./realism.js";
import type { Simulator } from "./server.js";

let sim: Simulator;
let gh: TestOctokitInstance;
let client: SimClient;

beforeAll(async () => {
  sim = await startTestSimulator();
  gh = octokitFor(sim, await installationToken(sim));
  client = new SimClient(sim.url);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  sim.setRealism({});
});
afterEach(() => {
  expect(violationText(sim)).toEqual([]);
});

const agendaNumbers = async () => {
  const data = await gh.graphql<{ search: { nodes: Array<{ repository: { nameWithOwner: string }; number: number }> } }>(SEARCH_TOPICS, {
    searchQuery: 'repo:sovereign/infra label:"agenda/iaas" is:open',
    after: null,
  });
  return data.search.nodes.map((n) => n.number).sort();
};

describe("search index lag", () => {
  it("hides a just-labelled issue for searchLagMs, while reads by id see it at once", async () => {
    await client.setRealism({ searchLagMs: 250 });
    expect(await agendaNumbers()).toEqual([1, 2]);
    const t0 = Date.now();
    await client.label("bob", "sovereign/infra", 4, "agenda/iaas");
    expect(await agendaNumbers()).toEqual([1, 2]); // the index has not caught up
    const byId = await gh.graphql<{ nodes: Array<{ labels: { nodes: Array<{ name: string }> } }> }>(
      `query L($ids: [ID!]!) { nodes(ids: $ids) { ... on Issue { labels(first: 10) { nodes { name } } } } }`,
      { ids: [issueNodeId("sovereign", "infra", 4)] },
    );
    expect(byId.nodes[0]!.labels.nodes).toEqual([{ name: "agenda/iaas" }]);
    await new Promise((r) => setTimeout(r, Math.max(0, 300 - (Date.now() - t0))));
    expect(await agendaNumbers()).toEqual([1, 2, 4]);
  });

  it("also keeps a removed label findable for a while (search shows the old state, nodes the new)", async () => {
    await client.setRealism({ searchLagMs: 200 });
    await client.unlabel("bob", "sovereign/infra", 1, "agenda/iaas");
    expect(await agendaNumbers()).toEqual([1, 2]);
    await new Promise((r) => setTimeout(r, 250));
    expect(await agendaNumbers()).toEqual([2]);
  });
});

describe("secondary rate limits", () => {
  it("more content-creating requests a minute than allowed are refused 403 with retry-after and GitHub's message", async () => {
    sim.setRealism({ secondaryRateLimit: { perMinute: 3 } });
    const comment = (i: number) =>
      gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: "sovereign", repo: "infra", issue_number: 4, body: `c${i}` });
    for (let i = 0; i < 3; i++) expect((await comment(i)).status).toBe(201);
    const refused = await comment(3).catch((e: { status: number; message: string; response: { headers: Record<string, string> } }) => e);
    expect(refused).toMatchObject({ status: 403 });
    expect((refused as { message: string }).message).toContain(SECONDARY_RATE_LIMIT_MESSAGE);
    expect((refused as { message: string }).message).toMatch(/secondary rate limit/i); // what @octokit/plugin-throttling looks for
    expect(Number((refused as { response: { headers: Record<string, string> } }).response.headers["retry-after"])).toBeGreaterThan(0);
    // Reads are not content-creating and still pass; the refused write changed nothing.
    expect((await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { owner: "sovereign", repo: "infra", issue_number: 4 })).data.comments).toBe(3);
    const stats = (await client.log()).stats;
    expect(stats.contentCreating).toMatchObject({ total: 3, lastMinute: 3 });
    expect(stats.contentCreating.perMinute.reduce((n, m) => n + m.count, 0)).toBe(3);
    expect(sim.log.at(-2)).toMatchObject({ status: 403, contentCreating: true, note: "secondary rate limit (realism)" });
  });

  it("GitHub's documented numbers by default: 80 a minute", async () => {
    sim.setRealism({ secondaryRateLimit: true });
    const label = () =>
      gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { owner: "sovereign", repo: "infra", issue_number: 4, labels: ["x"] });
    const statuses: number[] = [];
    for (let i = 0; i < 81; i++)
      statuses.push(
        await label().then(
          (r) => r.status,
          (e: { status: number }) => e.status,
        ),
      );
    expect(statuses.filter((s) => s === 200)).toHaveLength(80);
    expect(statuses.at(-1)).toBe(403);
  });
});

describe("failures and latency", () => {
  it("failNext answers the next N API requests with 502, then recovers", async () => {
    await client.setRealism({ failNext: 2 });
    const get = () =>
      gh.request("GET /repos/{owner}/{repo}", { owner: "sovereign", repo: "infra" }).then(
        (r) => r.status,
        (e: { status: number }) => e.status,
      );
    expect([await get(), await get(), await get()]).toEqual([502, 502, 200]);
    expect(sim.log.map((e) => e.note ?? "")).toEqual(["injected 5xx (realism)", "injected 5xx (realism)", ""]);
  });

  it("fail5xx fails a seeded fraction of requests, the same ones every run", async () => {
    const run = async () => {
      sim.setRealism({ fail5xx: { rate: 0.5, seed: 7 } });
      const out: number[] = [];
      for (let i = 0; i < 12; i++)
        out.push(
          await gh.request("GET /repos/{owner}/{repo}", { owner: "sovereign", repo: "infra" }).then(
            (r) => r.status,
            (e: { status: number }) => e.status,
          ),
        );
      return out;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(a.filter((s) => s === 502).length).toBeGreaterThan(2);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(2);
  });

  it("latencyMs delays every answer", async () => {
    sim.setRealism({ latencyMs: 120 });
    const t0 = performance.now();
    await gh.request("GET /repos/{owner}/{repo}", { owner: "sovereign", repo: "infra" });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
    expect(sim.log.at(-1)!.durationMs).toBeGreaterThanOrEqual(110);
  });
});
