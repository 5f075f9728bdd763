/**
 * Issue 14's figures, measured as production runs: `npm start` (throttling on, the default
 * debounce) against the local GitHub in this process, every API request answered after a
 * realistic latency (BENCH_LATENCY_MS, default 50 ms). Requests are counted from the local
 * GitHub's own request log (the app's JWT requests, e.g. installation tokens, left out).
 *
 *   npm run bench            (all benchmarks)
 *   npx tsx bench/rebuild.ts (this one)
 */
import { quiet, startApp, buildApp, type RunningApp } from "../test/e2e/harness.js";
import { agendaWorld, boardTitle, LABEL, meetingText, ORG, spareIssue, spareTitle, type AgendaWorldOptions } from "../test/helpers/agenda-world.js";
import { testPrivateKey } from "../test/fixtures/keys.js";
import { APP_ID } from "../test/sim/helpers.js";
import { startSimulator, type LogEntry, type Simulator } from "../test/sim/server.js";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);

interface Counted {
  requests: number;
  writes: number;
  configReads: number;
  routes: string;
}

function counted(entries: LogEntry[]): Counted {
  const mine = entries.filter((e) => !e.principal.startsWith("app:"));
  const routes = new Map<string, number>();
  for (const e of mine) {
    const key = e.operationName ? `graphql ${e.operationName}` : e.route.replace(/^(\w+) \/api\/v3/, "$1 ");
    routes.set(key, (routes.get(key) ?? 0) + 1);
  }
  return {
    requests: mine.length,
    writes: mine.filter((e) => e.contentCreating).length,
    configReads: mine.filter((e) => e.path.includes("/contents/")).length,
    routes: [...routes].map(([r, n]) => `${n}× ${r}`).join(", "),
  };
}

async function until(done: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function withApp<T>(world: AgendaWorldOptions, run: (sim: Simulator, app: RunningApp) => Promise<T>): Promise<T> {
  // Answers are not checked against GitHub's descriptions here (requests still are): that check is the simulator's work, not GitHub's latency.
  const sim = await startSimulator({
    world: agendaWorld(world),
    app: { id: APP_ID, privateKeyPem: testPrivateKey() },
    urls: "local",
    checkResponses: false,
    realism: { latencyMs: LATENCY_MS },
  });
  const app = await startApp(sim, { DOCKET_NOW: "2025-01-08T09:00:00Z", LOG_LEVEL: "error" }, { build: false });
  try {
    return await run(sim, app);
  } finally {
    await app.stop();
    await sim.close();
  }
}

/**
 * Labels spare issue `i` and measures until the meeting issue changed (the agenda of 1,000 topics
 * does not list them all, so not necessarily with the new title), then counts the requests until the app is quiet.
 */
async function labelToAgenda(sim: Simulator, app: RunningApp, world: AgendaWorldOptions, i: number): Promise<Counted & { seconds: number }> {
  const mark = sim.log.length;
  const { repo, number } = spareIssue(world, i);
  const before = meetingText(sim);
  const t0 = performance.now();
  await sim.act({ as: "bob", action: "label", repo, number, label: LABEL });
  await until(() => meetingText(sim) !== before, `the agenda updated after labelling ${spareTitle(i)}`);
  const seconds = (performance.now() - t0) / 1000;
  await quiet(sim, app, 120_000);
  return { seconds, ...counted(sim.log.slice(mark)) };
}

/** The warm rebuild lists `topics` topics: the world has two fewer, the cold and the warm rebuild each label one more. */
async function rebuilds(topics: number, repos: number) {
  const world = { topics: topics - 2, repos, spare: 2 };
  return withApp(world, async (sim, app) => {
    const cold = await labelToAgenda(sim, app, world, 0); // creates the meeting issue, reads the config
    const warm = await labelToAgenda(sim, app, world, 1);
    return { cold, warm };
  });
}

async function board(items: number) {
  const world = { topics: 0, repos: 1, boardItems: items };
  return withApp(world, async (sim, app) => {
    const set = async (i: number) => {
      const mark = sim.log.length;
      const before = meetingText(sim);
      const t0 = performance.now();
      await sim.act({ as: "bob", action: "board-set", board: `${ORG}/6`, issue: `${ORG}/board-topics#${i + 1}`, values: { Status: "Agenda" } });
      await until(() => meetingText(sim) !== before, `the agenda updated after ${boardTitle(i)} was set to Agenda`);
      const seconds = (performance.now() - t0) / 1000;
      await quiet(sim, app, 120_000);
      return { seconds, ...counted(sim.log.slice(mark)) };
    };
    const cold = await set(5); // looks the board up, creates the meeting issue
    const warm = await set(7);
    return { cold, warm };
  });
}

async function burst(labels: number, overMs: number) {
  const world = { topics: 250, repos: 40, spare: labels + 1 };
  return withApp(world, async (sim, app) => {
    await labelToAgenda(sim, app, world, 0); // the meeting issue exists; one repository's config is known
    const mark = sim.log.length;
    const t0 = performance.now();
    const sent: Array<Promise<unknown>> = [];
    for (let i = 1; i <= labels; i++) {
      const { repo, number } = spareIssue(world, i);
      const due = t0 + ((i - 1) * overMs) / (labels - 1);
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      sent.push(sim.act({ as: "bob", action: "label", repo, number, label: LABEL })); // on schedule, whatever the previous one does
    }
    await Promise.all(sent);
    const last = performance.now();
    const lastAt = Date.now();
    await quiet(sim, app, 120_000);
    // Converged: the last write Docket made (the agenda as it stays), after the last label.
    const writes = sim.log.slice(mark).filter((e) => e.contentCreating);
    const converged = Math.max(0, (Date.parse(writes.at(-1)?.at ?? new Date(lastAt).toISOString()) - lastAt) / 1000);
    const spread = (last - t0) / 1000;
    return { converged, spread, ...counted(sim.log.slice(mark)) };
  });
}

const s = (x: number) => `${x.toFixed(1)} s`;
const writes = (n: number) => `${n} write${n === 1 ? "" : "s"}`;
const started = performance.now();
await buildApp();
const r250 = await rebuilds(250, 40);
const r1000 = await rebuilds(1000, 100);
const b1000 = await board(1000);
const b200 = await burst(200, 2000);

const rows: Array<[string, string, string]> = [
  [
    "requests per agenda rebuild, 250 topics in 40 repositories",
    `${r250.warm.requests} (${writes(r250.warm.writes)}, ${r250.warm.configReads} config reads)`,
    "≤ 4",
  ],
  ["same, 1,000 topics in 100 repositories", `${r1000.warm.requests} (${writes(r1000.warm.writes)}, ${r1000.warm.configReads} config reads)`, "≤ 11"],
  ["label → agenda updated, 250 topics", s(r250.warm.seconds), "≤ 1.5 s"],
  ["same, 1,000 topics", s(r1000.warm.seconds), "≤ 2 s"],
  ["one rebuild from a board of 1,000 items", `${s(b1000.warm.seconds)}, ${b1000.warm.requests} requests (${writes(b1000.warm.writes)})`, "≤ 3 s"],
  ["200 labels in 2 s: requests (config reads) / converged after the last", `${b200.requests} (${b200.configReads}) / ${s(b200.converged)}`, "≤ 30 / ≤ 3 s"],
];
const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
console.log(`\nIssue 14's figures: npm start (throttling on, default debounce) against the local GitHub, ${LATENCY_MS} ms per request`);
console.log(`${"figure".padEnd(w[0]!)} | ${"measured".padEnd(w[1]!)} | goal`);
console.log(`${"-".repeat(w[0]!)}-|-${"-".repeat(w[1]!)}-|-----`);
for (const [f, m, g] of rows) console.log(`${f.padEnd(w[0]!)} | ${m.padEnd(w[1]!)} | ${g}`);
console.log("\nWhere the requests went (warm rebuilds; the app's JWT requests left out):");
console.log(`  250/40:   ${r250.warm.routes}`);
console.log(`  1,000/100: ${r1000.warm.routes}`);
console.log(`  board:    ${b1000.warm.routes}`);
console.log(`  200 labels (sent over ${s(b200.spread)}): ${b200.routes}`);
console.log(
  `\nFirst builds (meeting issue created, config read): 250/40 ${s(r250.cold.seconds)} ${r250.cold.requests} requests; 1,000/100 ${s(r1000.cold.seconds)} ${r1000.cold.requests} requests; board ${s(b1000.cold.seconds)} ${b1000.cold.requests} requests`,
);
console.log(`(benchmark took ${s((performance.now() - started) / 1000)})`);
