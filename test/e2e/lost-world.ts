/**
 * The world of the "Nothing lost" end-to-end tests (test/e2e/lost-*.e2e.test.ts, one file per kind
 * of trouble so that they run side by side): the app as it runs in production (`npm start`, its own process) against the
 * local GitHub, while what production does to it happens — a deploy (SIGTERM) or a crash
 * (kill -9) right after a burst of 120 labels, GitHub answering half of the requests with a 5xx
 * for a minute, Redis restarted under two instances (in a burst, and while a rebuild tells
 * authors their topics moved up), a command posted while no app listens.
 *
 * Each scenario ends with the same checks, on what people would see on GitHub:
 *   - every labelled topic is on the meeting issue's agenda or its waiting list, once;
 *   - there is exactly one meeting issue for the series (label docket/ops);
 *   - no author was told the same news twice: no topic has two "moved up" comments for the same
 *     meeting and time. (A crash between telling an author and writing the agenda means the run
 *     after the restart plans afresh; if the drop-outs of the burst gave the topic another time
 *     by then, its author is told the new time once more. That is news, not a repeat.);
 *   - the app sent no request GitHub would refuse (`sim.violations` is empty).
 * (The app runs with the harness's short write spacing, retry waits and queue locks: the trouble,
 * not GitHub's pace, is what these scenarios are about.)
 * and with a bound on how long after the trouble the agenda was complete again.
 *
 * The series has room for three topics (30 minutes, 10 each). In the burst Bob labels 120
 * topics one after the other; halfway he takes #1 off the agenda and closes #2, so #4 and #5
 * move up (their authors are told, once). 118 topics stay labelled, 115 of them wait: the
 * waiting list is long and every rebuild reads all of them (two search pages).
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { readSection } from "../../src/render/markers.js";
import { startRedis, type TestRedis } from "../helpers/redis-server.js";
import { SimClient } from "../sim/client.js";
import { APP_ID, startTestSimulator } from "../sim/helpers.js";
import type { Simulator, World } from "../sim/server.js";
import { quiet, startApp, WEBHOOK_PATH, type RunningApp } from "./harness.js";

export const ORG = "lost";
export const TOPICS_REPO = `${ORG}/topics`;
export const LABEL = "agenda/ops";
export const MEETING_LABEL = "docket/ops";
export const TOPICS = 120; // more than a search page (100): every rebuild reads two
export const NOW = "2025-01-08T09:00:00Z"; // a Wednesday; the next meeting is Monday 2025-01-13
export const MEETING_TITLE = "Ops Sync — 2025-01-13";

const CONFIG = `repository: meetings
meetings:
  ops:
    title: Ops Sync
    cadence: weekly
    day: monday
    time: "14:00"
    duration: 30m
    timezone: UTC
    label: ${LABEL}
    default-estimate: 10m
`;

export const title = (n: number) => `Topic ${String(n).padStart(3, "0")}`;

/** One organisation: the configuration, a meetings repository, and 120 topics nobody has labelled yet. */
const WORLD: World = {
  now: NOW,
  users: ["alice", "bob", "carol"],
  orgs: [
    {
      login: ORG,
      members: { alice: "admin", bob: "triage" },
      repos: [
        { name: ".github", files: { ".github/docket.yml": CONFIG } },
        { name: "meetings", labels: [{ name: MEETING_LABEL, color: "5319e7" }] },
        {
          name: "topics",
          labels: [
            { name: LABEL, color: "0e8a16" },
            { name: "time/5m", color: "c5def5" },
          ],
          issues: Array.from({ length: TOPICS }, (_, i) => ({
            number: i + 1,
            title: title(i + 1),
            author: "carol",
            created_at: new Date(Date.parse("2025-01-01T00:00:00Z") + i * 60_000).toISOString(),
          })),
        },
      ],
    },
  ],
  app: { id: APP_ID, slug: "docket", name: "Docket", owner: ORG, installations: [{ id: 42, account: ORG }] },
};

/** How long GitHub answers half of the requests with a 5xx (at least the burst: it starts with it). */
export const FAILING_MS = 10_000;

/** Every app start: a fixed "now" (the simulator's world starts there too), a short debounce. */
export const BASE_ENV = { DOCKET_NOW: NOW, DOCKET_DEBOUNCE_MS: "100" };

export let sim: Simulator;
export let gh: SimClient;
export let redis: TestRedis;
/** Apps and servers of the running scenario, stopped after it. */
export let running: RunningApp[] = [];
export let servers: Server[] = [];

/** `npm start` without its `prestart` (the build ran once, in beforeAll). */
export async function launch(env: Record<string, string> = {}, options: { webhook?: boolean; port?: number } = {}): Promise<RunningApp> {
  const app = await startApp(sim, { ...BASE_ENV, ...env }, { ...options, build: false });
  running.push(app);
  return app;
}

/** The hooks of a file of scenarios: a simulator with the world (and a Redis server when `redis`), reset after each scenario. */
export function useLostWorld({ redis: withRedis = false } = {}): void {
  beforeAll(async () => {
    [sim, redis] = await Promise.all([startTestSimulator({ world: WORLD }), withRedis ? startRedis() : Promise.resolve(undefined as unknown as TestRedis)]);
    gh = new SimClient(sim.url);
  }, 60_000);

  afterEach(async () => {
    await Promise.all(running.map((a) => a.stop()));
    await Promise.all(servers.map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r)))));
    running = [];
    servers = [];
    await sim.settled();
    sim.setRealism({});
    sim.reset();
  }, 30_000);

  afterAll(async () => {
    await sim?.close();
    await redis?.stop();
  });
}

// ------------------------------------------------------------------------------------ reading GitHub

const rows = (body: string | null, section: string, pattern: RegExp) =>
  (readSection((body ?? "").replace(/\r\n/g, "\n"), section) ?? "")
    .split("\n")
    .filter((l) => pattern.test(l))
    .map((l) => /\[([^\]]+)\]\(/.exec(l)?.[1] ?? l);
export const agendaRows = (body: string | null) => rows(body, "agenda", /^\| \d+ \|/);
export const waitingRows = (body: string | null) => rows(body, "waiting-list", /^\d+\. /);

export interface Picture {
  meetings: Array<{ number: number; title: string; state: string }>;
  scheduled: string[];
  waiting: string[];
  /** "lost/topics#N Topic N" of every open topic carrying the series label. */
  labelled: string[];
  /** Labelled topics on neither list. */
  missing: string[];
  /** Topics listed more than once. */
  twice: string[];
  /** Topic -> the "moved up" comments the app posted on it, each by what it told (its hidden marker: the meeting, date and time). */
  promotions: Map<string, string[]>;
}

/** What people see on GitHub now. */
export async function picture(): Promise<Picture> {
  const meetings = await gh.issues(ORG, "meetings", { label: MEETING_LABEL, state: "all" });
  const topics = await gh.issues(ORG, "topics", { state: "all" });
  const body = meetings.length === 1 ? meetings[0]!.body : null;
  const scheduled = agendaRows(body);
  const waiting = waitingRows(body);
  const listed = [...scheduled, ...waiting];
  const labelled = topics.filter((t) => t.state === "open" && t.labels.some((l) => l.name === LABEL)).map((t) => `${TOPICS_REPO}#${t.number} ${t.title}`);
  const count = new Map<string, number>();
  for (const t of listed) count.set(t, (count.get(t) ?? 0) + 1);
  const promotions = new Map<string, string[]>();
  for (const t of topics) {
    const told = t.comments
      .filter((c) => /\[bot\]$/.test(c.author) && c.body.includes("moved up from the waiting list"))
      .map((c) => /<!-- docket:promoted ([^>]*?) -->/.exec(c.body)?.[1] ?? c.body);
    if (told.length > 0) promotions.set(`${TOPICS_REPO}#${t.number}`, told);
  }
  return {
    meetings: meetings.map((m) => ({ number: m.number, title: m.title, state: m.state })),
    scheduled,
    waiting,
    labelled,
    missing: labelled.filter((t) => !count.has(t)),
    twice: [...count].filter(([, n]) => n > 1).map(([t]) => t),
    promotions,
  };
}

export const complete = (p: Picture) => p.meetings.length === 1 && p.missing.length === 0 && p.twice.length === 0;

export const describePicture = (p: Picture) =>
  `${p.meetings.length} meeting issue(s) ${JSON.stringify(p.meetings)}; ${p.labelled.length} labelled, ${p.scheduled.length} scheduled, ${p.waiting.length} waiting; ` +
  `missing ${p.missing.length} (${p.missing.slice(0, 5).join(", ")}${p.missing.length > 5 ? ", …" : ""}); twice ${JSON.stringify(p.twice.slice(0, 5))}`;

/** Polls GitHub until the agenda is complete; the milliseconds since `since`. Fails with what was seen after `limitMs`. */
export async function completeWithin(limitMs: number, since: number, apps: RunningApp[], what: string): Promise<number> {
  let last: Picture | null = null;
  for (;;) {
    last = await picture();
    if (complete(last)) return Date.now() - since;
    if (Date.now() - since > limitMs) {
      const logs = apps.map((a) => a.output().slice(-3000)).join("\n---\n");
      throw new Error(`the agenda was not complete ${limitMs} ms after ${what}: ${describePicture(last)}\n${logs}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The checks every scenario ends with; `scheduled`: the agenda (the rest waits). */
export async function nothingLost(expectedLabelled: number, scheduled: number[], apps: RunningApp[] = []): Promise<void> {
  const p = await picture();
  log(`end: ${describePicture(p)}; "moved up" comments: ${JSON.stringify([...p.promotions])}`);
  expect(p.meetings, "exactly one meeting issue").toEqual([{ number: expect.any(Number), title: MEETING_TITLE, state: "open" }]);
  expect(p.labelled).toHaveLength(expectedLabelled);
  expect(p.missing, "labelled topics on neither the agenda nor the waiting list").toEqual([]);
  expect(p.twice, "topics listed twice").toEqual([]);
  expect(p.scheduled.length + p.waiting.length).toBe(expectedLabelled);
  expect(p.scheduled).toEqual(scheduled.map((n) => `${TOPICS_REPO}#${n} ${title(n)}`));
  const toldTwice = [...p.promotions].filter(([, told]) => new Set(told).size < told.length);
  if (toldTwice.length > 0) {
    // What was said when, and what the app logged: the comments' times tell one run from two.
    for (const [topic] of toldTwice) {
      const issue = await gh.issue(ORG, "topics", Number(topic.split("#")[1]));
      log(`${topic}: ${JSON.stringify(issue.comments.map((c) => [c.createdAt, c.author, c.body.split("\n")[0]]))}`);
    }
    for (const app of apps) log(`app output:\n${app.output().slice(-6000)}`);
  }
  expect(toldTwice, "topics whose authors were told the same move up twice").toEqual([]);
  expect(sim.violations).toEqual([]);
}

// ------------------------------------------------------------------------------------ doing things

/** Halfway through the burst two topics on the agenda drop out, so waiting ones move up (and their authors are told). */
export const DROP_AT = TOPICS / 2;
/** Labelled and open at the end of a burst with drop-outs: all but #1 (unlabelled) and #2 (closed). */
export const AFTER_BURST = TOPICS - 2;

/**
 * The burst: Bob labels topics 1..120, one after the other, each as fast as GitHub takes it;
 * after label `dropAt` (null: never) he takes #1 off the agenda and closes #2. `labelled(n)` after each label.
 */
export async function burst({ dropAt = DROP_AT as number | null, labelled = (_n: number) => {} } = {}): Promise<void> {
  for (let n = 1; n <= TOPICS; n++) {
    await sim.act({ as: "bob", action: "label", repo: TOPICS_REPO, number: n, label: LABEL });
    if (n === dropAt) await dropOut();
    labelled(n);
  }
}

/** #1 leaves the agenda (unlabelled) and #2 is closed: #4 and #5 move up. */
export async function dropOut(): Promise<void> {
  await sim.act({ as: "bob", action: "unlabel", repo: TOPICS_REPO, number: 1, label: LABEL });
  await sim.act({ as: "bob", action: "close", repo: TOPICS_REPO, number: 2 });
}

/** Waits until GitHub has had no request for `quietMs` (at most `limitMs`, then goes on: the checks that follow tell). */
export async function githubQuietFor(quietMs: number, limitMs: number): Promise<void> {
  const start = Date.now();
  let seen = sim.log.length;
  let since = Date.now();
  while (Date.now() - since < quietMs && Date.now() - start < limitMs) {
    await sleep(100);
    if (sim.log.length !== seen) [seen, since] = [sim.log.length, Date.now()];
  }
}

export const ms = (t0: number) => Date.now() - t0;
export const log = (line: string) => console.log(`[lost.e2e] ${line}`);
export const sleep = (t: number) => new Promise<void>((r) => setTimeout(r, t));

/** A load balancer in front of several instances: each request goes to the next one in turn. */
export async function roundRobin(ports: number[]): Promise<string> {
  let turn = 0;
  const server = createServer((req, res) => {
    const port = ports[turn++ % ports.length]!;
    const upstream = request({ host: "127.0.0.1", port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${WEBHOOK_PATH}`;
}

// ------------------------------------------------------------------------------------ the restart scenario

/** A burst of 120 labels, then `signal` to the app, a restart, and the agenda complete within 60 s of it (two files run it). */
export async function burstThenRestart({ signal, queue }: { signal: "SIGTERM" | "SIGKILL"; queue: "in-process" | "Redis" }): Promise<void> {
  const env: Record<string, string> = queue === "Redis" ? { REDIS_URL: redis.url, DOCKET_REDIS_PREFIX: `lost-${signal}-${process.pid}` } : {};
  const app = await launch(env);
  const t0 = Date.now();
  await burst();
  log(`${signal}/${queue}: ${TOPICS} labels in ${ms(t0)} ms`);
  const t1 = Date.now();
  await app.kill(signal);
  log(`${signal}/${queue}: the app exited ${ms(t1)} ms after ${signal}`);
  const restart = Date.now();
  await app.restart();
  log(`${signal}/${queue}: restarted (answering /ping) in ${ms(restart)} ms`);
  const took = await completeWithin(60_000, restart, [app], "the restart");
  log(`${signal}/${queue}: agenda complete ${took} ms after the restart`);
  await quiet(sim, app, 60_000);
  await nothingLost(AFTER_BURST, [3, 4, 5], [app]);
}
