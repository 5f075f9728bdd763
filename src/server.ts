/**
 * `npm start`: the app in production. Probot reads its usual environment (APP_ID, PRIVATE_KEY
 * or PRIVATE_KEY_PATH, WEBHOOK_SECRET, GHE_HOST, GHE_PROTOCOL, LOG_LEVEL, ...); this file owns
 * the HTTP server so that the webhook answer never waits for GitHub (./app/intake.ts), and the
 * process shuts down cleanly.
 *
 *   POST $WEBHOOK_PATH (default /api/github/webhooks)   the intake
 *   POST /                                             the intake too: the app registered on the
 *                                                      setup page sends its webhooks to the page's address
 *   GET  /docket/status                                queued, running, retrying, failed, busy (no payloads)
 *   GET  /ping                                         "PONG" (liveness)
 *
 * SIGTERM / SIGINT: deliveries are answered 503 from then on (GitHub records them as failed and
 * the next start has them redelivered), running jobs get DOCKET_DRAIN_SECONDS (default 20) to
 * finish or go back to the queue, then the process exits 0.
 *
 * Without APP_ID and a private key, Probot's own setup flow runs instead (registering the app).
 * A `.env` file in the working directory (the one the setup flow writes) is read first; variables
 * already in the environment win.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { parseEnv } from "node:util";
import { createProbot, run, type Probot } from "probot";
import { createDocket, optionsFromEnv, type Docket } from "./app.js";
import { DocketOctokit } from "./app/octokit.js";
import { intakeHandler, memoryReplayGuard, redisReplayGuard } from "./app/intake.js";
import { redeliverFailed, startRecovery, type AppOctokit, type Recovery } from "./app/recovery.js";
import { RedisQueue } from "./queue/redis.js";
import appFn from "./index.js";

const num = (v: string | undefined, fallback: number) => (v !== undefined && v !== "" && Number.isFinite(Number(v)) ? Number(v) : fallback);

/**
 * Probot clusters its rate limiter in REDIS_URL when it sees it, with keys that vanish when Redis
 * restarts without persistence (every request then fails with ERR SETTINGS_KEY_NOT_FOUND). Each
 * process keeps its own limiter instead; Docket's queue is what uses Redis.
 */
export function probotEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { REDIS_URL: _redis, ...rest } = env;
  return rest;
}

/** The Probot of `npm start`: the environment's app, with Docket's Octokit (./app/octokit.ts). */
export function probotFor(env: NodeJS.ProcessEnv): Probot {
  return createProbot({ env: probotEnv(env), overrides: { Octokit: DocketOctokit } });
}

export interface Running {
  docket: Docket;
  port: number;
  stop(): Promise<void>;
}

/** Starts Docket: a worker always; the HTTP intake unless `receive` is false (`npm run worker`). */
export async function start(env: NodeJS.ProcessEnv = process.env, { receive = true } = {}): Promise<Running> {
  const probot = probotFor(env);
  await probot.ready();
  const options = optionsFromEnv(env);
  if ((options.worker === false || !receive) && !options.redisUrl) {
    throw new Error(
      "a process that only receives (DOCKET_WORKER=false) or only works (npm run worker) needs REDIS_URL: receivers and workers share jobs through Redis",
    );
  }
  const docket = createDocket(probot, options);
  const log = probot.log;
  const queue = docket.queue;
  if (queue instanceof RedisQueue) await queue.ready();
  const prefix = options.redisPrefix ?? "docket";

  let draining = false;
  const recovery: Recovery = startRecovery({
    reconcile: () => docket.reconcile(),
    redeliver: async (since) => redeliverFailed((await probot.auth()) as unknown as AppOctokit, since, log),
    claim: async (pass, ms) => (queue instanceof RedisQueue ? (await queue.redis.set(`${prefix}:recovery:${pass}`, "1", "PX", ms, "NX")) === "OK" : true),
    log,
    intervalMinutes: num(env.DOCKET_RECONCILE_MINUTES, 60),
    redeliverHours: num(env.DOCKET_REDELIVER_HOURS, 24),
    // The app's clock: with DOCKET_NOW (demo, end-to-end tests) GitHub's deliveries are dated
    // around that instant, and a window ending at the machine's clock would find none of them.
    ...(options.now ? { now: () => Date.parse(options.now!) } : {}),
  });
  queue.onRecovered(() => void recovery.kick("the queue's Redis is back"));

  const intake = intakeHandler({
    path: [env.WEBHOOK_PATH || "/api/github/webhooks", "/"],
    verify: (body, signature) => probot.webhooks.verify(body, signature),
    guard: queue instanceof RedisQueue ? redisReplayGuard(queue.redis, prefix) : memoryReplayGuard(),
    enqueue: (delivery) => docket.accept(delivery),
    refusing: () => (draining ? "Docket is shutting down" : queue.healthy() ? null : "Docket's queue (Redis) is not reachable"),
    log,
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      if (receive && (await intake(req, res))) return;
      const path = (req.url ?? "/").split("?")[0];
      if (req.method === "GET" && path === "/ping") return void res.writeHead(200, { "content-type": "text/plain" }).end("PONG");
      if (req.method === "GET" && path === "/docket/status") {
        const status = await docket.status().catch(() => null);
        res.writeHead(status ? 200 : 503, { "content-type": "application/json" });
        return void res.end(JSON.stringify(status ?? { error: "the queue cannot be read" }));
      }
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
    })().catch((error: unknown) => {
      log.error({ err: error }, "request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const port = num(env.PORT, receive ? 3000 : 0);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, env.HOST || undefined, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  log.info(
    `Docket ${receive ? "receives webhooks and runs jobs" : "runs jobs"} on port ${bound}${queue instanceof RedisQueue ? " (queue: Redis)" : " (queue: in-process)"}`,
  );
  void recovery.kick("start");

  return {
    docket,
    port: bound,
    async stop() {
      draining = true;
      recovery.stop();
      await queue.close(num(env.DOCKET_DRAIN_SECONDS, 20) * 1000);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // A delivery still being answered (503) gets a moment; then every connection goes.
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2000).unref())]);
      server.closeAllConnections();
    },
  };
}

/**
 * Without a webhook proxy, the app registered on Probot's setup page sends its webhooks to the
 * address the page was opened at: from http://localhost:3000/ GitHub cannot deliver anything.
 */
export function setupWarning(port: number): string {
  return [
    `Docket: no WEBHOOK_PROXY_URL is set, so the app you register at http://localhost:${port}/probot would send its webhooks to http://localhost:${port}/,`,
    "which GitHub cannot reach. Either set WEBHOOK_PROXY_URL to a channel from https://smee.io/new before registering (local development,",
    "see docs/deploy.md), or open the setup page at this server's public https address (Docket takes webhooks at / as well as at",
    "/api/github/webhooks).",
  ].join("\n");
}

/**
 * Reads `.env` from the working directory into `env`, as Probot does: the setup flow writes the
 * registered app's APP_ID, PRIVATE_KEY and WEBHOOK_SECRET there and asks for a restart. Without
 * this, the restarted `npm start` saw no APP_ID and ran Probot's server instead of Docket's (no
 * intake queue, no draining, no recovery). Variables already set win over the file.
 */
export function loadDotEnv(env: NodeJS.ProcessEnv, file = ".env"): void {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return; // no .env: the environment is the configuration
  }
  for (const [name, value] of Object.entries(parseEnv(text))) if (env[name] === undefined) env[name] = value;
}

/** Runs until SIGTERM or SIGINT, then shuts down cleanly and exits 0. */
export async function main(env: NodeJS.ProcessEnv = process.env, receive = true): Promise<void> {
  loadDotEnv(env);
  if (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)) {
    if (!receive) {
      // A worker serves no setup page: registering the app is `npm start`'s job.
      console.error(
        "Docket: npm run worker needs APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), in the environment or .env; register the app first with npm start (docs/deploy.md).",
      );
      process.exit(1);
    }
    const server = await run(appFn); // Probot's setup flow: register the app, write .env
    // Probot may have found a webhook proxy in .env meanwhile (it loads .env into process.env).
    if (!process.env.WEBHOOK_PROXY_URL) console.warn(setupWarning(server.port));
    return;
  }
  const running = await start(env, { receive });
  if (receive && env.WEBHOOK_PROXY_URL) {
    // Probot's own server starts a smee client; Docket's leaves it to a second terminal (see docs/deploy.md).
    console.warn(
      `Docket: WEBHOOK_PROXY_URL is set; forward it here with: npx smee-client --url ${env.WEBHOOK_PROXY_URL} --target http://localhost:${running.port}/`,
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`Docket: ${signal} received; finishing running jobs`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("Docket: shutdown failed", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
