/**
 * The Probot app in-process against the contract-checked simulator (test/sim): Probot
 * authenticates as the app (JWT, installation token) and every request it sends is checked
 * against GitHub's descriptions. People act through the simulator (`act`: label, comment,
 * close, push…); the webhooks an action causes are handed to the app's intake the way the
 * HTTP server does, and `act` resolves once the app is idle. Tests read what people see from
 * the simulator's state and count requests in its log.
 */
import { Probot } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { createDocket, type Docket, type DocketOptions } from "../../src/app.js";
import { testPrivateKey } from "../fixtures/keys.js";
import { APP_ID, TestOctokit, violationText } from "../sim/helpers.js";
import { startSimulator, type ActRequest, type ActResult, type LogEntry, type Simulator, type World } from "../sim/server.js";
import type { Issue } from "../sim/state.js";

export const BOT = "docket[bot]";

export interface AppSim {
  readonly sim: Simulator;
  readonly probot: Probot;
  readonly docket: Docket;
  /** A new app (Probot and Docket) on the same simulator, e.g. with other options. */
  start(options?: DocketOptions): { probot: Probot; docket: Docket };
  /** A person acts; the webhooks it causes reach the app, which is then idle. */
  act(a: ActRequest): Promise<ActResult>;
  /** Hands deliveries (by id) to the app's intake, all at once, and waits until it is idle. */
  deliver(ids: string[]): Promise<void>;
  /** An issue (or pull request) as it is now. */
  issue(repo: string, number: number): Issue;
  /** Issues of a repository with a label, oldest first. */
  labelled(repo: string, label: string): Issue[];
  /** Requests the app sent (installation token requests left out). */
  requests(): LogEntry[];
  /** Writes the app sent, as "METHOD /path" or "GraphQL Operation". */
  writes(): string[];
  /** The search queries the app sent, in order. */
  searches(): string[];
}

/**
 * A simulator on `world` for the tests of one file (started once, reset before each test, no
 * contract violation after each), and a fresh app for each test with `defaults`.
 */
export function useAppSim(world: World, defaults: DocketOptions = {}): AppSim {
  let sim: Simulator | undefined;
  let app: { probot: Probot; docket: Docket } | undefined;
  const live = () => {
    if (!sim || !app) throw new Error("the simulator starts in beforeAll: use it inside a test");
    return { sim, ...app };
  };
  const start = (options: DocketOptions = {}) => {
    if (!sim) throw new Error("the simulator starts in beforeAll: use it inside a test");
    const probot = new Probot({
      appId: APP_ID,
      privateKey: testPrivateKey(),
      secret: "test",
      baseUrl: `${sim.url}/api/v3`,
      Octokit: TestOctokit,
      logLevel: "fatal",
    });
    app = { probot, docket: createDocket(probot, { debounceMs: 0, configTtlMs: 0, retry: { attempts: 1, firstDelayMs: 0 }, ...defaults, ...options }) };
    return app;
  };
  const repoOf = (full: string) => {
    const [owner = "", name = ""] = full.split("/");
    const repo = live().sim.state.repo(owner, name);
    if (!repo) throw new Error(`no repository ${full} in the world`);
    return repo;
  };
  const deliver = async (ids: string[]) => {
    const { sim, docket } = live();
    const all = sim.deliveries();
    await Promise.all(
      ids.map((id) => {
        const d = all.find((x) => x.id === id)!;
        return docket.accept({ id: d.id, name: d.event, body: JSON.stringify(d.payload) });
      }),
    );
    await docket.idle();
  };
  const requests = () => live().sim.log.filter((e) => !e.principal.startsWith("app:"));

  beforeAll(async () => {
    sim = await startSimulator({ world, app: { id: APP_ID, privateKeyPem: testPrivateKey() } });
  });
  afterAll(() => sim?.close());
  beforeEach(() => {
    sim!.reset();
    app = undefined;
    start();
  });
  afterEach(async () => {
    expect(violationText(sim!)).toEqual([]);
    // A job that failed (a refused token, a request the simulator answered with an error) shows here.
    expect((await app!.docket.status()).failed).toBe(0);
  });

  return {
    get sim() {
      return live().sim;
    },
    get probot() {
      return live().probot;
    },
    get docket() {
      return live().docket;
    },
    start,
    async act(a) {
      const result = await live().sim.act(a);
      await deliver(result.deliveries.map((d) => d.id));
      return result;
    },
    deliver,
    issue(full, number) {
      const issue = live().sim.state.issue(repoOf(full), number);
      if (!issue) throw new Error(`no issue ${full}#${number}`);
      return issue;
    },
    labelled(full, label) {
      return [...repoOf(full).issues.values()].filter((i) => i.labels.some((l) => l.name === label)).sort((a, b) => a.number - b.number);
    },
    requests,
    writes: () =>
      requests()
        .filter((e) => e.contentCreating)
        .map((e) => (e.kind === "graphql" ? `GraphQL ${e.operationName}` : `${e.method} ${e.path}`)),
    searches: () =>
      requests()
        .filter((e) => e.operationName === "DocketSearchTopics" || (e.operationName === "DocketAgendaInputs" && e.variables?.withSearch))
        .map((e) => String(e.variables?.searchQuery)),
  };
}
