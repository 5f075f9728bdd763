/**
 * Intake figures for one app process (`node <options> lib/server.js` with the options of `npm start`):
 * signed `issues.labeled` deliveries per second, p50/p99 answer latency, and the process's
 * memory (RSS) after 10,000 deliveries. Goal: >= 1,000/s, p99 < 50 ms.
 *
 * Two set-ups: the in-process queue with its worker running (jobs hit the local GitHub, as
 * in production), and a receiver-only process on Redis (DOCKET_WORKER=false), the shape for
 * scaling receivers apart from workers. The load comes from this process: first as fast as the app
 * answers (32 in flight: capacity), then 1,000 a second on schedule (open loop: latency at the goal's rate).
 * The local GitHub the worker talks to runs as a third process, as GitHub is not in the sender's
 * process either: sharing this event loop, its work delayed the reading of the app's answers and
 * counted as the app's latency.
 *
 *   npm run bench     (runs this, then bench/rebuild.ts)
 */
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";
import { issuesPayload } from "../test/fixtures/webhooks.js";
import { testPrivateKey } from "../test/fixtures/keys.js";
import { freePort } from "../test/helpers/net.js";
import { startRedis } from "../test/helpers/redis-server.js";
import { APP_ID } from "../test/sim/helpers.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The node options of `npm start` (package.json's start script: `node <options> lib/server.js`), as production runs it. */
const START_ARGS = (() => {
  const start = (JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as { scripts: Record<string, string> }).scripts.start ?? "";
  const m = /^node\s+(.*?)\s*lib\/server\.js$/.exec(start);
  if (!m) throw new Error(`package.json's start script is not "node [options] lib/server.js": ${start}`);
  return m[1]!.split(/\s+/).filter(Boolean);
})();
const SECRET = "bench-secret";
const TOTAL = 10_000;
const IN_FLIGHT = 32;
/** The goal's rate, for the latency figures. */
const RATE = 1000;

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function run(label: string, env: Record<string, string>): Promise<void> {
  const privateKey = testPrivateKey();
  const sim = await startLocalGitHub(privateKey);
  const port = await freePort();
  const child = spawn(process.execPath, [...START_ARGS, ...(process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean), "lib/server.js"], {
    cwd: ROOT,
    stdio: ["ignore", process.env.BENCH_APP_STDOUT === "inherit" ? "inherit" : "ignore", "pipe"],
    env: {
      ...process.env,
      APP_ID: String(APP_ID),
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      GHE_HOST: `127.0.0.1:${sim.port}`,
      GHE_PROTOCOL: "http",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "error",
      NODE_ENV: "production",
      DOCKET_NOW: "2025-01-08T09:00:00Z",
      ...env,
    },
  });
  let errors = "";
  child.stderr?.on("data", (d) => (errors += String(d)));
  // node:http with keep-alive: fetch in this process would be the bottleneck, not the app.
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const post = (headers: Record<string, string>, body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/api/github/webhooks",
          method: "POST",
          agent,
          headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/ping`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const base = issuesPayload("labeled", {
    owner: "sovereign",
    ownerType: "Organization",
    repo: "infra",
    number: 4,
    labels: ["agenda/iaas"],
    label: "agenda/iaas",
  }) as { issue: Record<string, unknown> };
  const bodies = Array.from({ length: TOTAL }, (_, i) =>
    JSON.stringify({ ...base, issue: { ...base.issue, updated_at: new Date(Date.UTC(2025, 0, 8, 9, 0, 0, i)).toISOString() } }),
  );
  const signatures = bodies.map((body) => `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`);
  const send = async (i: number, latencies: number[], statuses: Map<number, number>) => {
    const start = performance.now();
    const status = await post(
      { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": `bench-${i}`, "x-hub-signature-256": signatures[i]! },
      bodies[i]!,
    );
    latencies.push(performance.now() - start);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  };
  // 1. Capacity: as fast as it answers, IN_FLIGHT at a time (closed loop).
  const statuses = new Map<number, number>();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < TOTAL / 2) await send(next++, [], statuses);
    }),
  );
  const perSecond = TOTAL / 2 / ((performance.now() - t0) / 1000);
  // 2. Latency at the goal's rate: RATE deliveries a second, sent on schedule whatever the answers do (open loop).
  const latencies: number[] = [];
  const t1 = performance.now();
  const pending: Array<Promise<void>> = [];
  for (let i = TOTAL / 2; i < TOTAL; i++) {
    const due = t1 + ((i - TOTAL / 2) * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(i, latencies, statuses));
  }
  await Promise.all(pending);
  const rss = rssMiB(child.pid!);
  latencies.sort((a, b) => a - b);
  console.log(`\n${label}`);
  console.log(`  capacity: ${TOTAL / 2} signed issues.labeled deliveries, ${IN_FLIGHT} in flight: ${perSecond.toFixed(0)} deliveries/s (goal >= 1,000)`);
  console.log(
    `  latency at ${RATE}/s, ${TOTAL / 2} more deliveries: p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms (goal < 50), max ${latencies.at(-1)!.toFixed(1)} ms`,
  );
  console.log(`  answers: ${[...statuses].map(([s, n]) => `${n} × ${s}`).join(", ")}`);
  console.log(`  memory (RSS) of the app process after ${TOTAL} deliveries: ${rss.toFixed(0)} MiB`);
  agent.destroy();
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await sim.close();
  if (errors.trim()) console.log(`  app errors:\n${errors.slice(0, 2000)}`);
}

/** The simulator as its own process (test/sim/cli.ts), on a free port. */
async function startLocalGitHub(privateKey: string): Promise<{ port: number; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "docket-bench-"));
  const keyFile = join(dir, "app.pem");
  writeFileSync(keyFile, privateKey);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "test/sim/cli.ts",
      "--world",
      "examples/worlds/community.yml",
      "--port",
      String(port),
      "--app-id",
      String(APP_ID),
      "--app-key",
      keyFile,
      "--urls",
      "local",
    ],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += String(d);
      if (out.includes("listening on")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the local GitHub exited (${code}) before listening`)));
  });
  return {
    port,
    async close() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

await new Promise<void>((resolve, reject) =>
  spawn("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" }).once("exit", (code) => (code === 0 ? resolve() : reject(new Error("npm run build failed")))),
);
// BENCH_INTAKE=memory or =redis runs one of the two; BENCH_NODE_ARGS (e.g. --cpu-prof, --trace-gc) goes to the
// app's node, and BENCH_APP_STDOUT=inherit shows what it prints (--trace-gc writes there).
const only = process.env.BENCH_INTAKE;
if (only !== "redis") await run("One process, in-process queue, worker running (jobs coalesce per meeting)", {});
if (only !== "memory") {
  const redis = await startRedis();
  try {
    await run("One receiver-only process, BullMQ queue on Redis (DOCKET_WORKER=false)", { REDIS_URL: redis.url, DOCKET_WORKER: "false" });
  } finally {
    await redis.stop();
  }
}
