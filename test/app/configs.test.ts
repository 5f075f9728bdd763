/**
 * The app's configuration cache against the simulator (which answers file reads with ETags and
 * 304s as GitHub does): what a burst of events, a warm rebuild, a revalidation after the TTL and
 * a push cost in requests for `.github/docket.yml`, and that what they load is right.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { configs, memoryHomes, type ConfigState, type Configs } from "../../src/app/configs.js";
import { registerHandlers, type Handler } from "../../src/app/handlers.js";
import type { Route } from "../../src/app/router.js";
import { GitHubGateway, silentLogger } from "../../src/github/gateway.js";
import { SimClient } from "../sim/client.js";
import { APP_ID, installationToken, octokitFor, startTestSimulator, violationText, type TestOctokitInstance } from "../sim/helpers.js";
import type { Simulator } from "../sim/server.js";

const INSTALLATION = 7;
const REPOS = Array.from({ length: 40 }, (_, i) => `repo-${String(i + 1).padStart(2, "0")}`);
const series = (title: string) =>
  `meetings:\n  iaas:\n    title: ${title}\n    cadence: weekly\n    day: monday\n    time: "14:00"\n    duration: 30m\n    timezone: UTC\n    label: agenda/iaas\n`;
const ORG_CONFIG = `# every repository of acme\n_extends: base\nrepository: meetings\n`;
const BASE_CONFIG = series("Team IaaS");
const OWN_CONFIG = `repository: repo-07\n${series("Repo seven")}`;

let sim: Simulator;
let gh: TestOctokitInstance;
let client: SimClient;

beforeAll(async () => {
  sim = await startTestSimulator({
    world: {
      users: ["alice"],
      orgs: [
        {
          login: "acme",
          members: { alice: "admin" },
          repos: [
            { name: ".github", files: { ".github/docket.yml": ORG_CONFIG } },
            { name: "base", files: { ".github/docket.yml": BASE_CONFIG } },
            { name: "meetings" },
            ...REPOS.map((name) => (name === "repo-07" ? { name, files: { ".github/docket.yml": OWN_CONFIG } } : { name })),
          ],
        },
      ],
      app: {
        id: APP_ID,
        slug: "docket",
        name: "Docket",
        owner: "acme",
        permissions: { issues: "write", contents: "read", checks: "write", metadata: "read" },
        installations: [{ id: INSTALLATION, account: "acme" }],
      },
    },
  });
  gh = octokitFor(sim, await installationToken(sim, INSTALLATION));
  client = new SimClient(sim.url);
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());
afterEach(() => {
  vi.useRealTimers();
  expect(violationText(sim)).toEqual([]);
});

/** The simulator's answers to reads of `.github/docket.yml`, as "status owner/repo". */
const configReads = () =>
  sim.log
    .filter((e) => e.route === "GET /repos/{owner}/{repo}/contents/{path}" && /\/contents\/\.github(%2F|\/)docket\.yml/.test(e.path))
    .map((e) => `${e.status} ${e.path.split("/").slice(2, 4).join("/")}${e.path.includes("ref=") ? " at the pushed commit" : ""}`);

/** GraphQL requests asking which of acme's repositories have a `.github/docket.yml` (DocketOwnerFiles). */
const listings = () => sim.log.filter((e) => e.operationName === "DocketOwnerFiles").length;

const load = (c: Configs, repo: string) => c.load(gh, INSTALLATION, { owner: "acme", repo }, "Organization", silentLogger);

const titleOf = (state: ConfigState) => (state.kind === "ok" ? state.loaded.config.meetings.iaas?.title : state.kind);

/** 200 label events over the 40 repositories, as they arrive: a few at a time, interleaved. */
async function burst(c: Configs): Promise<ConfigState[]> {
  const states: ConfigState[] = [];
  for (let i = 0; i < 200; i += 10) states.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => load(c, REPOS[((i + j) * 7) % REPOS.length]!)))));
  return states;
}

/** The app's push handler on the cache `c` (queued rebuilds go to `routes`): runs on the simulator's latest push delivery. */
function pushHandler(c: Configs, routes: Route[] = []): () => Promise<void> {
  const handlers: Array<{ names: readonly string[]; handler: Handler }> = [];
  registerHandlers({
    on: (names, handler) => handlers.push({ names, handler }),
    configs: c,
    queue: { request: async () => {} } as never,
    queueRoute: async (_origin, route) => void routes.push(route),
    gatewayFor: (octokit, log) => new GitHubGateway(octokit as never, { log }),
    causedByDocket: async () => false,
    reachFor: () => () => true,
    now: () => new Date(),
  });
  const handler = handlers.find((h) => h.names.includes("push"))!.handler;
  return async () => {
    const d = sim
      .deliveries()
      .filter((x) => x.event === "push")
      .at(-1)!;
    await handler({ name: "push", id: d.id, payload: d.payload, octokit: gh, log: { ...silentLogger, child: () => silentLogger } } as never);
  };
}

it("200 events over 40 repositories cost 4 config requests (which repositories have one, then the 3 files), share one configuration per home, and a warm pass reads none", async () => {
  const c = configs(memoryHomes(), 300_000);
  const states = await burst(c);
  // One request learns which of the owner's repositories have a config of their own (no 404 per repository); the three files are read once.
  expect(listings()).toBe(1);
  expect(configReads().sort()).toEqual(["200 acme/.github", "200 acme/base", "200 acme/repo-07"]);
  const org = states.find((s) => titleOf(s) === "Team IaaS")!;
  expect(states.filter((s) => s === org)).toHaveLength(195); // the same object for every repository falling back to .github
  expect(states.filter((s) => titleOf(s) === "Repo seven")).toHaveLength(5);

  sim.log.length = 0;
  const again = await burst(c);
  expect(configReads()).toEqual([]);
  expect(listings()).toBe(0);
  expect(again.every((s, i) => s === states[i])).toBe(true);
});

it("after the TTL a configuration is revalidated with its ETags: 304s, and the same configuration object", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  const c = configs(memoryHomes(), 300_000);
  const first = await load(c, "meetings");
  sim.log.length = 0;
  vi.setSystemTime(Date.now() + 299_000);
  expect(await load(c, "meetings")).toBe(first);
  expect(configReads()).toEqual([]);
  vi.setSystemTime(Date.now() + 2_000);
  expect(await load(c, "meetings")).toBe(first);
  // Which repositories have their own is asked again (a 404 has no ETag to revalidate with); the two files found answer 304.
  expect(listings()).toBe(1);
  expect(configReads()).toEqual(["304 acme/.github", "304 acme/base"]);
});

it("a push that changes the owner's config, a file it extends, or adds a repository's own is seen by the next event at once", async () => {
  const c = configs(memoryHomes(), 300_000);
  const routes: Route[] = [];
  const push = pushHandler(c, routes);
  expect(titleOf(await load(c, "repo-01"))).toBe("Team IaaS");
  expect(titleOf(await load(c, "repo-02"))).toBe("Team IaaS");

  // A change to the file .github extends: only that file is read again, once for both repositories.
  await client.pushFile("alice", "acme/base", ".github/docket.yml", series("Team IaaS (renamed)"));
  sim.log.length = 0;
  await push();
  expect(titleOf(await load(c, "repo-01"))).toBe("Team IaaS (renamed)");
  expect(titleOf(await load(c, "repo-02"))).toBe("Team IaaS (renamed)");
  // The push check reads it at the commit, the app once more (loading acme/base for its own rebuild); .github is not asked again.
  expect(configReads()).toEqual(["200 acme/base at the pushed commit", "200 acme/base"]);
  routes.length = 0;

  // A repository adds its own: the push check passes, its agenda is rebuilt from it, and its next event uses it.
  await client.pushFile("alice", "acme/repo-01", ".github/docket.yml", `repository: repo-01\n${series("Repo one")}`);
  sim.log.length = 0;
  await push();
  expect(routes).toEqual([{ kind: "series", seriesId: "iaas", fresh: null }]);
  expect(titleOf(await load(c, "repo-01"))).toBe("Repo one");
  expect(titleOf(await load(c, "repo-02"))).toBe("Team IaaS (renamed)");
  // The check read it at the commit; the cache read it once; nothing else was read.
  expect(configReads()).toEqual(["200 acme/repo-01 at the pushed commit", "200 acme/repo-01"]);
});

it("an invalid configuration pushed to .github fails its check, is what the next events see, and is logged once, not once per repository", async () => {
  const c = configs(memoryHomes(), 300_000);
  const push = pushHandler(c);
  expect(titleOf(await load(c, "repo-03"))).toBe("Team IaaS");
  const warnings: string[] = [];
  await client.pushFile("alice", "acme/.github", ".github/docket.yml", `${ORG_CONFIG}colour: blue\n`);
  await push();
  const runs = await client.checkRuns("acme", ".github");
  expect(runs.map((r) => r.conclusion)).toEqual(["failure"]);
  const log = { ...silentLogger, warn: (_: unknown, msg?: string) => void warnings.push(String(msg)) };
  const state = await c.load(gh, INSTALLATION, { owner: "acme", repo: "repo-03" }, "Organization", log);
  expect(state).toMatchObject({ kind: "invalid", home: { owner: "acme", repo: ".github" } });
  expect(state.kind === "invalid" && state.problems).toContain("colour");
  expect(await c.load(gh, INSTALLATION, { owner: "acme", repo: "repo-04" }, "Organization", log)).toBe(state);
  expect(warnings).toEqual([".github/docket.yml is invalid; nothing is changed until it is fixed"]);
});
