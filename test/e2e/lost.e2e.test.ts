/**
 * "Nothing lost": the app as it runs in production (`npm start`, its own process) against the
 * local GitHub, while what production does to it happens — a deploy (SIGTERM) or a crash
 * (kill -9) right after a burst of 120 labels, GitHub answering half of the requests with a 5xx
 * for a minute, Redis restarted under two instances (in a burst, and while a rebuild tells
 * authors their topics moved up), a command posted while no app listens.
 *
 * Each scenario ends with the same checks, on what people would see on GitHub:
 *   - every labelled topic is on the meeting issue's agenda or its waiting list, once;
 *   - there is exactly one meeting issue for the series (label docket/ops);
 *   - no topic got more than one "moved up" comment from the app;
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
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readSection } from "../../src/render/markers.js";
import { freePort } from "../helpers/net.js";
import { startRedis, type TestRedis } from "../helpers/redis-server.js";
import { SimClient } from "../sim/client.js";
import { APP_ID, startTestSimulator } from "../sim/helpers.js";
import type { Simulator, World } from "../sim/server.js";
import { buildApp, quiet, startApp, WEBHOOK_PATH, WEBHOOK_SECRET, type RunningApp } from "./harness.js";

const ORG = "lost";
const TOPICS_REPO = `${ORG}/topics`;
const LABEL = "agenda/ops";
const MEETING_LABEL = "docket/ops";
const TOPICS = 120; // more than a search page (100): every rebuild reads two
const NOW = "2025-01-08T09:00:00Z"; // a Wednesday; the next meeting is Monday 2025-01-13
const MEETING_TITLE = "Ops Sync — 2025-01-13";

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

const title = (n: number) => `Topic ${String(n).padStart(3, "0")}`;

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
const FAILING_MS = 10_000;

/** Every app start: a fixed "now" (the simulator's world starts there too), a short debounce. */
const BASE_ENV = { DOCKET_NOW: NOW, DOCKET_DEBOUNCE_MS: "100" };

let sim: Simulator;
let gh: SimClient;
let redis: TestRedis;
/** Apps and servers of the running scenario, stopped after it. */
let running: RunningApp[] = [];
let servers: Server[] = [];

/** `npm start` without its `prestart` (the build ran once, in beforeAll). */
async function launch(env: Record<string, string> = {}, options: { webhook?: boolean; port?: number } = {}): Promise<RunningApp> {
  const app = await startApp(sim, { ...BASE_ENV, ...env }, { ...options, build: false });
  running.push(app);
  return app;
}

beforeAll(async () => {
  [sim, redis] = await Promise.all([startTestSimulator({ world: WORLD }), startRedis(), buildApp()]);
  gh = new SimClient(sim.url);
}, 240_000);

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

// ------------------------------------------------------------------------------------ reading GitHub

const rows = (body: string | null, section: string, pattern: RegExp) =>
  (readSection((body ?? "").replace(/\r\n/g, "\n"), section) ?? "")
    .split("\n")
    .filter((l) => pattern.test(l))
    .map((l) => /\[([^\]]+)\]\(/.exec(l)?.[1] ?? l);
const agendaRows = (body: string | null) => rows(body, "agenda", /^\| \d+ \|/);
const waitingRows = (body: string | null) => rows(body, "waiting-list", /^\d+\. /);

interface Picture {
  meetings: Array<{ number: number; title: string; state: string }>;
  scheduled: string[];
  waiting: string[];
  /** "lost/topics#N Topic N" of every open topic carrying the series label. */
  labelled: string[];
  /** Labelled topics on neither list. */
  missing: string[];
  /** Topics listed more than once. */
  twice: string[];
  /** Topic -> how many "moved up" comments the app posted on it. */
  promotions: Map<string, number>;
}

/** What people see on GitHub now. */
async function picture(): Promise<Picture> {
  const meetings = await gh.issues(ORG, "meetings", { label: MEETING_LABEL, state: "all" });
  const topics = await gh.issues(ORG, "topics", { state: "all" });
  const body = meetings.length === 1 ? meetings[0]!.body : null;
  const scheduled = agendaRows(body);
  const waiting = waitingRows(body);
  const listed = [...scheduled, ...waiting];
  const labelled = topics.filter((t) => t.state === "open" && t.labels.some((l) => l.name === LABEL)).map((t) => `${TOPICS_REPO}#${t.number} ${t.title}`);
  const count = new Map<string, number>();
  for (const t of listed) count.set(t, (count.get(t) ?? 0) + 1);
  const promotions = new Map<string, number>();
  for (const t of topics) {
    const n = t.comments.filter((c) => /\[bot\]$/.test(c.author) && c.body.includes("moved up from the waiting list")).length;
    if (n > 0) promotions.set(`${TOPICS_REPO}#${t.number}`, n);
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

const complete = (p: Picture) => p.meetings.length === 1 && p.missing.length === 0 && p.twice.length === 0;

const describePicture = (p: Picture) =>
  `${p.meetings.length} meeting issue(s) ${JSON.stringify(p.meetings)}; ${p.labelled.length} labelled, ${p.scheduled.length} scheduled, ${p.waiting.length} waiting; ` +
  `missing ${p.missing.length} (${p.missing.slice(0, 5).join(", ")}${p.missing.length > 5 ? ", …" : ""}); twice ${JSON.stringify(p.twice.slice(0, 5))}`;

/** Polls GitHub until the agenda is complete; the milliseconds since `since`. Fails with what was seen after `limitMs`. */
async function completeWithin(limitMs: number, since: number, apps: RunningApp[], what: string): Promise<number> {
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
async function nothingLost(expectedLabelled: number, scheduled: number[]): Promise<void> {
  const p = await picture();
  log(`end: ${describePicture(p)}; "moved up" comments: ${JSON.stringify([...p.promotions])}`);
  expect(p.meetings, "exactly one meeting issue").toEqual([{ number: expect.any(Number), title: MEETING_TITLE, state: "open" }]);
  expect(p.labelled).toHaveLength(expectedLabelled);
  expect(p.missing, "labelled topics on neither the agenda nor the waiting list").toEqual([]);
  expect(p.twice, "topics listed twice").toEqual([]);
  expect(p.scheduled.length + p.waiting.length).toBe(expectedLabelled);
  expect(p.scheduled).toEqual(scheduled.map((n) => `${TOPICS_REPO}#${n} ${title(n)}`));
  expect(
    [...p.promotions].filter(([, n]) => n > 1),
    "topics told more than once that they moved up",
  ).toEqual([]);
  expect(sim.violations).toEqual([]);
}

// ------------------------------------------------------------------------------------ doing things

/** Halfway through the burst two topics on the agenda drop out, so waiting ones move up (and their authors are told). */
const DROP_AT = TOPICS / 2;
/** Labelled and open at the end of a burst with drop-outs: all but #1 (unlabelled) and #2 (closed). */
const AFTER_BURST = TOPICS - 2;

/**
 * The burst: Bob labels topics 1..120, one after the other, each as fast as GitHub takes it;
 * after label `dropAt` (null: never) he takes #1 off the agenda and closes #2. `labelled(n)` after each label.
 */
async function burst({ dropAt = DROP_AT as number | null, labelled = (_n: number) => {} } = {}): Promise<void> {
  for (let n = 1; n <= TOPICS; n++) {
    await sim.act({ as: "bob", action: "label", repo: TOPICS_REPO, number: n, label: LABEL });
    if (n === dropAt) await dropOut();
    labelled(n);
  }
}

/** #1 leaves the agenda (unlabelled) and #2 is closed: #4 and #5 move up. */
async function dropOut(): Promise<void> {
  await sim.act({ as: "bob", action: "unlabel", repo: TOPICS_REPO, number: 1, label: LABEL });
  await sim.act({ as: "bob", action: "close", repo: TOPICS_REPO, number: 2 });
}

const ms = (t0: number) => Date.now() - t0;
const log = (line: string) => console.log(`[lost.e2e] ${line}`);
const sleep = (t: number) => new Promise<void>((r) => setTimeout(r, t));

/** A load balancer in front of several instances: each request goes to the next one in turn. */
async function roundRobin(ports: number[]): Promise<string> {
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

// ------------------------------------------------------------------------------------ scenarios

describe("nothing lost", () => {
  it.each([
    { signal: "SIGTERM" as const, queue: "in-process" },
    { signal: "SIGKILL" as const, queue: "in-process" },
    { signal: "SIGKILL" as const, queue: "Redis" },
  ])(
    "a burst of 120 labels, then $signal (queue: $queue): after the restart the agenda is complete within 60 s",
    async ({ signal, queue }) => {
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
      await nothingLost(AFTER_BURST, [3, 4, 5]);
    },
    180_000,
  );

  it("GitHub answers half of the requests with a 5xx for 10 s: complete within one reconcile interval (15 s) plus a rebuild after it ends", async () => {
    const app = await launch({ DOCKET_RECONCILE_MINUTES: "0.25" });
    const failing = Date.now();
    sim.setRealism({ fail5xx: { rate: 0.5, seed: 7 } });
    await burst();
    log(`5xx: ${TOPICS} labels in ${ms(failing)} ms`);
    await sleep(Math.max(0, FAILING_MS - ms(failing)));
    sim.setRealism({});
    const healed = Date.now();
    const before = await picture();
    log(`5xx: when the failures stopped: ${describePicture(before)}; status ${JSON.stringify(await app.status())}`);
    // The bound: one reconcile interval (15 s), then a rebuild (15 s). A rebuild of this series is
    // five requests (a second apart with GitHub's write spacing, ~5 s); one already running when
    // the failures stop first sits out Octokit's retry wait for the request that failed last
    // (1, 4, then 9 s at full length), and the reconciliation's rebuild waits for it.
    const took = await completeWithin(15_000 + 15_000, healed, [app], "the failures stopped");
    log(`5xx: agenda complete ${took} ms after the failures stopped`);
    await quiet(sim, app, 120_000);
    await nothingLost(AFTER_BURST, [3, 4, 5]);
  }, 240_000);

  it("two instances on one Redis, Redis restarted in the middle of the burst: complete within 10 s after Redis is back and the burst over, refused deliveries redelivered", async () => {
    const env = { REDIS_URL: redis.url, DOCKET_REDIS_PREFIX: `lost-two-${process.pid}` };
    const one = await launch(env, { webhook: false });
    const two = await launch(env, { webhook: false });
    // GitHub delivers to one URL: a load balancer in front of both instances.
    sim.setWebhook(await roundRobin([one.port, two.port]), WEBHOOK_SECRET);
    const t0 = Date.now();
    let done = 0;
    // The burst as it arrives: labels only (the drop-outs' rebuild meeting a Redis restart is the last scenario).
    const labelling = burst({ dropAt: null, labelled: (n) => (done = n) });
    while (done < TOPICS / 2) await sleep(5);
    const down = Date.now();
    const at = done;
    // Stopped, down for 100 ms, a new empty server; deliveries are refused with 503 until each
    // instance has reconnected. (Each refused one costs a second of redelivery: Octokit spaces the app's writes.)
    await redis.restart(() => sleep(100));
    const back = Date.now();
    log(`redis: stopped after label ${at}, back ${back - down} ms later (label ${done} by then)`);
    await labelling;
    const last = Date.now();
    log(`redis: ${TOPICS} labels in ${ms(t0)} ms; the last ${last - back} ms after Redis was back`);
    const refused = sim.deliveries().filter((d) => d.attempts.some((a) => a.status_code === 503));
    log(`redis: ${refused.length} deliveries refused with 503`);
    expect(refused.length, "deliveries refused while Redis was away").toBeGreaterThan(0);
    // The agenda cannot hold labels not yet made: the 10 s run from Redis being back and the burst being over.
    const took = await completeWithin(10_000, last, [one, two], "Redis was back and the burst over");
    log(`redis: agenda complete ${took} ms after the last label, ${took + last - back} ms after Redis was back`);

    // What was refused was asked for again and taken. The app asks one at a time, a second apart
    // (Octokit's throttling of non-GET requests, as GitHub asks of integrations).
    const failed = () => sim.deliveries().filter((d) => d.attempts.length > 0 && !d.attempts.some((a) => a.status_code >= 200 && a.status_code < 300));
    const limit = 15_000 + refused.length * 1_500;
    while (failed().length > 0 && ms(back) < limit) await sleep(250);
    log(`redis: every refused delivery redelivered and taken ${ms(back)} ms after Redis was back`);
    expect(failed().map((d) => `${d.name} ${d.id}: ${d.attempts.map((a) => a.status).join(", ")}`)).toEqual([]);
    await quiet(sim, [one, two], 60_000);
    await nothingLost(TOPICS, [1, 2, 3]);
  }, 180_000);

  it("an /agenda command posted while no app listens takes effect after the app starts (redelivery)", async () => {
    // The app's webhook URL names a port nothing listens on yet: every delivery fails to connect.
    const port = await freePort();
    sim.setWebhook(`http://127.0.0.1:${port}${WEBHOOK_PATH}`, WEBHOOK_SECRET);
    for (const n of [1, 2]) await sim.act({ as: "bob", action: "label", repo: TOPICS_REPO, number: n, label: LABEL });
    const comment = await sim.act({ as: "carol", action: "comment", repo: TOPICS_REPO, number: 42, body: "/agenda ops 5m" });
    expect(comment.deliveries.map((d) => d.status)).toEqual([null]); // nobody answered
    const start = Date.now();
    const app = await launch({}, { port });
    const wanted = `${TOPICS_REPO}#42 ${title(42)}`;
    for (;;) {
      const topic = await gh.issue(ORG, "topics", 42);
      const p = await picture();
      if (topic.labels.some((l) => l.name === LABEL) && p.scheduled.includes(wanted)) break;
      if (ms(start) > 30_000)
        throw new Error(
          `/agenda did not take effect within 30 s of the start: labels ${JSON.stringify(topic.labels.map((l) => l.name))}; ${describePicture(p)}\n${app.output().slice(-3000)}`,
        );
      await sleep(250);
    }
    log(`/agenda: took effect ${ms(start)} ms after the start`);
    await quiet(sim, app);
    const topic = await gh.issue(ORG, "topics", 42);
    expect(topic.labels.map((l) => l.name).sort()).toEqual([LABEL, "time/5m"]);
    expect(
      sim
        .deliveries()
        .filter((d) => d.event === "issue_comment")
        .map((d) => d.attempts.map((a) => [a.redelivery, a.status_code])),
    ).toEqual([
      [
        [false, 0],
        [true, 202],
      ],
    ]);
    // 5 minutes: it fits after the first two topics (10 + 10 + 5 of 30).
    await nothingLost(3, [1, 2, 42]);
  }, 120_000);

  // A Redis restarted without persistence forgets the running rebuild, and the reconciliation on
  // "Redis is back" queues the meeting again for the other instance: the run from before the
  // restart must send nothing more, or both read the old waiting list and tell #5's author twice.
  it("two instances on one Redis, Redis restarted while a rebuild posts its promotions: every author is told once", async () => {
    const env = { REDIS_URL: redis.url, DOCKET_REDIS_PREFIX: `lost-promotions-${process.pid}` };
    const one = await launch(env, { webhook: false });
    const two = await launch(env, { webhook: false });
    sim.setWebhook(await roundRobin([one.port, two.port]), WEBHOOK_SECRET);
    for (let n = 1; n <= 10; n++) await sim.act({ as: "bob", action: "label", repo: TOPICS_REPO, number: n, label: LABEL });
    await quiet(sim, [one, two]);
    const mark = sim.log.length;
    await dropOut();
    // The rebuild has reached its promotions (it reads #4's comments for an earlier one): Redis restarts.
    const deadline = Date.now() + 30_000;
    while (!sim.log.slice(mark).some((e) => e.path.startsWith(`/repos/${TOPICS_REPO}/issues/4/comments`))) {
      if (Date.now() > deadline)
        throw new Error(`the rebuild did not reach its promotions within 30 s:\n${one.output().slice(-2000)}\n---\n${two.output().slice(-2000)}`);
      await sleep(5);
    }
    await redis.restart(() => sleep(300));
    const back = Date.now();
    await completeWithin(30_000, back, [one, two], "Redis was back");
    // GET /docket/status counts what Redis holds: a rebuild still running from before the restart is not in it.
    await sleep(5_000);
    await quiet(sim, [one, two], 60_000);
    await nothingLost(8, [3, 4, 5]);
  }, 120_000);
});
