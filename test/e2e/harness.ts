/**
 * End-to-end harness: the simulator in this process, Docket as a separate
 * process started as a user starts it (`npm start` with APP_ID, PRIVATE_KEY,
 * WEBHOOK_SECRET, GHE_HOST, GHE_PROTOCOL), driven only through user actions on
 * the simulator.
 *
 * `npm start` is `prestart` (the build) and then the `start` script's command. The harness runs the
 * two itself: the build once (`buildApp`, from the global setup), the command as package.json
 * spells it (`startCommand`, so the two cannot drift). npm's own start-up cost 0.4 s of CPU for
 * each of the run's app starts; `npm start` itself is run by test/e2e/production.e2e.test.ts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { testPrivateKey } from "../fixtures/keys.js";
import { freePort } from "../helpers/net.js";
import { SimClient } from "../sim/client.js";
import { APP_ID, startTestSimulator } from "../sim/helpers.js";
import type { Simulator, SimulatorOptions } from "../sim/server.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface RunningApp {
  url: string;
  port: number;
  output(): string;
  /** SIGTERM, then at most 5 s for it to exit, else SIGKILL (the end of a test: leftover work does not matter). */
  stop(): Promise<void>;
  /**
   * Sends `signal` to the app's process group (the node process and any it started, as a process
   * manager does) and waits until every process of the group has exited (at most `timeoutMs`).
   */
  kill(signal: NodeJS.Signals, timeoutMs?: number): Promise<void>;
  /**
   * Starts the app again on the same port (so the simulator's webhook URL still names it), with
   * the same environment plus `env`; resolves once it answers /ping. The build is not repeated:
   * `prestart` is not run again, the code is the one already built.
   */
  restart(env?: Record<string, string>): Promise<void>;
  /** `GET /docket/status`. */
  status(): Promise<{ queued: number; running: number; retrying: number; failed: number; busy: number }>;
}

export interface StartOptions {
  /** The port to listen on (default: a free one). */
  port?: number;
  /** Point the simulator's webhook at this app (default true; false when something else receives, e.g. a proxy). */
  webhook?: boolean;
  /** Run `prestart` (the build) first (default true; false when this run built already). */
  build?: boolean;
}

export const WEBHOOK_SECRET = "e2e-webhook-secret";
export const WEBHOOK_PATH = "/api/github/webhooks";

/**
 * The `start` script of package.json as a command and its arguments, `node` being this Node
 * (e.g. `node --max-semi-space-size=32 lib/server.js`: plain words, no shell syntax).
 */
export function startCommand(): [string, string[]] {
  const script = (JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as { scripts: Record<string, string> }).scripts.start ?? "";
  const [command, ...args] = script.trim().split(/\s+/);
  if (command !== "node" || args.some((a) => /[|&;<>()$`"'\\*?]/.test(a)))
    throw new Error(`the harness runs a start script of the form "node <args>", not "${script}"`);
  return [process.execPath, args];
}

/** What `npm start` runs first (`prestart`: builds lib/ when src/ is newer): once, before starting apps with `build: false`. */
export async function buildApp(): Promise<void> {
  const child = spawn(process.execPath, ["scripts/prestart.mjs"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => (output += String(d)));
  child.stderr?.on("data", (d) => (output += String(d)));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`scripts/prestart.mjs exited with ${code}:\n${output}`);
}

/** Whether any process of the group `pgid` is alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The app as `npm start` runs it (the build, then the `start` script's command) against the simulator, as GitHub Enterprise Server. */
export async function startApp(sim: Simulator, env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningApp> {
  const port = options.port ?? (await freePort());
  if (options.webhook !== false) sim.setWebhook(`http://127.0.0.1:${port}${WEBHOOK_PATH}`, WEBHOOK_SECRET);
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  let child: ChildProcess;
  let currentEnv = { ...env };

  async function spawnApp(build: boolean): Promise<void> {
    if (build) await buildApp();
    const [command, args] = startCommand();
    child = spawn(command, args, {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        APP_ID: String(APP_ID),
        PRIVATE_KEY: testPrivateKey(),
        WEBHOOK_SECRET,
        GHE_HOST: `127.0.0.1:${sim.port}`,
        GHE_PROTOCOL: "http",
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        LOG_FORMAT: "json",
        NODE_ENV: "production",
        // Test-only knobs (.env.example, src/app/octokit.ts, src/app.ts): GitHub's second between
        // writes, Octokit's 1-4-9 s retry waits and BullMQ's 15 s lock of a killed worker's jobs
        // would make these tests wait without showing more; in-process tests cover them at full length.
        DOCKET_WRITE_SPACING_MS: "50",
        DOCKET_RETRY_BASE_MS: "100",
        DOCKET_QUEUE_LOCK_MS: "6000",
        ...currentEnv,
      },
    });
    const proc = child;
    proc.stdout?.on("data", (d) => (output += String(d)));
    proc.stderr?.on("data", (d) => (output += String(d)));
    // The build (tsc) is the slow part of a start, and slower still on a busy machine.
    const limit = build ? 180_000 : 60_000;
    const deadline = Date.now() + limit;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`the app (${args.join(" ")}) exited with ${proc.exitCode}:\n${output}`);
      try {
        const res = await fetch(`${url}/ping`);
        if (res.ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) {
        await kill("SIGKILL", 5000).catch(() => {}); // leave nothing running behind a failed start
        throw new Error(`the app did not start within ${limit / 1000} s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function kill(signal: NodeJS.Signals, timeoutMs = 30_000): Promise<void> {
    const pgid = child.pid!;
    if (!groupAlive(pgid)) return;
    output += `\n[harness] ${signal} to the app's process group\n`;
    process.kill(-pgid, signal);
    const deadline = Date.now() + timeoutMs;
    while (groupAlive(pgid)) {
      if (Date.now() > deadline) throw new Error(`the app did not exit within ${timeoutMs} ms of ${signal}:\n${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  await spawnApp(options.build !== false);
  return {
    url,
    port,
    output: () => output,
    async stop() {
      if (!groupAlive(child.pid!)) return;
      await kill("SIGTERM", 5000).catch(() => kill("SIGKILL", 5000).catch(() => {}));
    },
    kill,
    async restart(extra = {}) {
      if (groupAlive(child.pid!)) throw new Error("restart: the app is still running (kill it first)");
      currentEnv = { ...currentEnv, ...extra };
      output += "\n[harness] restart\n";
      await spawnApp(false);
    },
    async status() {
      const res = await fetch(`${url}/docket/status`);
      if (!res.ok) throw new Error(`GET /docket/status: ${res.status}`);
      return (await res.json()) as { queued: number; running: number; retrying: number; failed: number; busy: number };
    },
  };
}

/**
 * Waits until the apps have finished reacting: every webhook delivered (also
 * those their own writes caused) and no job running or queued in any of them
 * (`GET /docket/status`), twice in a row.
 */
export async function quiet(sim: Simulator, apps: RunningApp | RunningApp[], timeoutMs = 30_000): Promise<void> {
  const list = Array.isArray(apps) ? apps : [apps];
  const deadline = Date.now() + timeoutMs;
  let calm = 0;
  while (calm < 2) {
    if (Date.now() > deadline) throw new Error(`the app did not settle within ${timeoutMs} ms:\n${list.map((a) => a.output().slice(-2000)).join("\n---\n")}`);
    await sim.settled();
    const before = sim.deliveries().length;
    let busy = 0;
    for (const app of list) busy += ((await (await fetch(`${app.url}/docket/status`)).json()) as { busy: number }).busy;
    calm = busy === 0 && sim.deliveries().length === before ? calm + 1 : 0;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What a file of end-to-end scenarios works with: the simulator, the app's process, a client for people's actions. */
export interface AppProcess {
  readonly sim: Simulator;
  readonly app: RunningApp;
  readonly gh: SimClient;
  /** {@link quiet} for this simulator and app. */
  quiet(timeoutMs?: number): Promise<void>;
}

export interface AppProcessOptions {
  /** The simulator's options beyond the test app's key (default: the example world); a function is called in `beforeAll`, after the hooks registered before it. */
  simulator?: Partial<SimulatorOptions> | (() => Partial<SimulatorOptions>);
  /** The app's environment on top of the default clock (Wednesday 2025-01-08, 09:00 UTC) and a 150 ms debounce. */
  env?: Record<string, string>;
  /** How long the start may take (it builds the app when src/ is newer than lib/). */
  timeoutMs?: number;
}

/**
 * The hooks of a file of scenarios against one running app: `beforeAll` starts the simulator and
 * the app (`npm start`), `afterAll` stops both. The returned fields are readable once `beforeAll` ran.
 */
export function useAppProcess(options: AppProcessOptions = {}): AppProcess {
  let started: { sim: Simulator; app?: RunningApp; gh: SimClient } | undefined;
  const get = () => {
    if (!started?.app) throw new Error("useAppProcess: the simulator and the app start in beforeAll; read them in a test");
    return started as Required<typeof started>;
  };
  beforeAll(async () => {
    const simOptions = typeof options.simulator === "function" ? options.simulator() : options.simulator;
    const sim = await startTestSimulator(simOptions);
    started = { sim, gh: new SimClient(sim.url) };
    started.app = await startApp(sim, { DOCKET_NOW: "2025-01-08T09:00:00Z", DOCKET_DEBOUNCE_MS: "150", ...options.env });
  }, options.timeoutMs ?? 240_000);
  afterAll(async () => {
    await started?.app?.stop();
    await started?.sim.close();
  });
  return {
    get sim() {
      return get().sim;
    },
    get app() {
      return get().app;
    },
    get gh() {
      return get().gh;
    },
    quiet: (timeoutMs) => quiet(get().sim, get().app, timeoutMs),
  };
}
