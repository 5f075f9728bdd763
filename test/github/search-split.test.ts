/**
 * Past GitHub's 1,000 results a query: the real gateway against the simulator (which caps a
 * search at 1,000 and reports the full issueCount, as GitHub does) reads 5,000 topics of one
 * organisation completely, by creation-time windows (src/github/search-windows.ts), and says
 * what it could not read when more than 1,000 were created in one second.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { GitHubGateway, type OctokitLike } from "../../src/github/gateway.js";
import { nextWindow, windowQuery } from "../../src/github/search-windows.js";
import { APP_ID, installationToken, octokitFor, startTestSimulator, violationText } from "../sim/helpers.js";
import type { Simulator } from "../sim/server.js";

const INSTALLATION = 7;
const T0 = Date.parse("2023-01-01T00:00:00Z");
/** Topic i of 5,000, in 50 repositories; every seventh was created in the same second as the one before (a repeat at a window's edge). */
const created = (i: number) => new Date(T0 + (i - Math.floor(i / 7)) * 3_600_000).toISOString().replace(".000Z", "Z");

let sim: Simulator;
let gateway: GitHubGateway;

beforeAll(async () => {
  const repos = Array.from({ length: 50 }, (_, r) => ({
    name: `repo-${r}`,
    labels: ["agenda/iaas", "imported"],
    issues: Array.from({ length: 100 }, (_, n) => ({
      number: n + 1,
      title: `Topic ${r}-${n}`,
      author: "alice",
      created_at: created(n * 50 + r),
      labels: ["agenda/iaas"],
    })),
  }));
  // 1,250 issues imported with one creation time: creation time cannot split them.
  repos.push({
    name: "imported",
    labels: ["imported"],
    issues: Array.from({ length: 1250 }, (_, n) => ({
      number: n + 1,
      title: `Imported ${n}`,
      author: "alice",
      created_at: "2022-06-01T00:00:00Z",
      labels: ["imported"],
    })),
  });
  sim = await startTestSimulator({
    world: {
      users: ["alice"],
      orgs: [{ login: "acme", members: { alice: "admin" }, repos }],
      app: {
        id: APP_ID,
        slug: "docket",
        name: "Docket",
        owner: "acme",
        permissions: { issues: "read", metadata: "read" },
        installations: [{ id: INSTALLATION, account: "acme" }],
      },
    },
  });
  gateway = new GitHubGateway(octokitFor(sim, await installationToken(sim, INSTALLATION)) as unknown as OctokitLike);
}, 60_000);
afterAll(() => sim.close());
beforeEach(() => {
  sim.log.length = 0;
  gateway.requests = 0;
});
afterEach(() => {
  expect(violationText(sim)).toEqual([]);
});

it("5,000 topics in one organisation: all of them, each once, in ⌈5,000/100⌉ pages plus one per window after the first", async () => {
  const { topics, total, truncated } = await gateway.searchTopics('org:acme label:"agenda/iaas" is:open');
  expect({ total, truncated, read: topics.length, distinct: new Set(topics.map((t) => t.id)).size }).toEqual({
    total: 5000,
    truncated: false,
    read: 5000,
    distinct: 5000,
  });
  expect(new Set(topics.map((t) => t.url)).size).toBe(5000);
  // Windows of 1,000 oldest first, each from the newest creation time read; the first page (which reports 5,000) is the first window's.
  const searches = sim.log.filter((e) => e.path.endsWith("/graphql"));
  expect(searches).toHaveLength(50 + 1);
  expect(gateway.requests).toBe(51);
}, 60_000);

it("more than 1,000 created in one second: what GitHub gives, reported as truncated", async () => {
  const { topics, total, truncated } = await gateway.searchTopics("org:acme label:imported");
  expect({ total, truncated }).toEqual({ total: 1250, truncated: true });
  // The first window, oldest first, and no further: a window from that second on would read the same 1,000.
  expect(topics.length).toBe(1000);
  expect(gateway.requests).toBe(10);
}, 60_000);

it("windows: the same query from a creation time on, oldest first; done when a window reports at most 1,000; stuck when it cannot move on", () => {
  expect(windowQuery('org:acme label:"agenda/iaas" is:open', null)).toBe('org:acme label:"agenda/iaas" is:open sort:created-asc');
  expect(windowQuery("org:acme label:idea", "2024-05-01T10:00:00Z")).toBe("org:acme label:idea created:>=2024-05-01T10:00:00Z sort:created-asc");
  expect(windowQuery("org:acme label:idea", "2024-05-01T12:00:00.750+02:00")).toBe("org:acme label:idea created:>=2024-05-01T10:00:00Z sort:created-asc");
  expect(nextWindow(1000, ["2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"])).toEqual({ kind: "done" });
  expect(nextWindow(1001, ["2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z", "2024-02-01T00:00:00Z"])).toEqual({ kind: "from", from: "2024-03-01T00:00:00Z" });
  expect(nextWindow(1001, ["2024-03-01T00:00:00Z", "2024-03-01T00:00:00Z"])).toEqual({ kind: "stuck" });
  expect(nextWindow(1001, [])).toEqual({ kind: "stuck" });
});
