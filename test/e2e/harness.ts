/**
 * End-to-end harness: the simulator in this process, Docket as a separate
 * process started exactly as a user starts it (`npm start` with APP_ID,
 * PRIVATE_KEY, WEBHOOK_SECRET, GHE_HOST, GHE_PROTOCOL), driven only through
 * user actions on the simulator.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../helpers/net.js";
import { fileURLToPath } from "node:url";
import { testPrivateKey } from "../helpers/github-mock.js";
import type { Simulator } from "../sim/server.js";
import { APP_ID } from "../sim/helpers.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));


export interface RunningApp {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** `npm start` (which builds, then runs Probot) against the simulator, as GitHub Enterprise Server. */
export async function startApp(sim: Simulator, env: Record<string, string> = {}): Promise<RunningApp> {
  const port = await freePort();
  const secret = "e2e-webhook-secret";
  sim.setWebhook(`http://127.0.0.1:${port}/api/github/webhooks`, secret);
  let output = "";
  const child: ChildProcess = spawn("npm", ["start"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      APP_ID: String(APP_ID),
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET: secret,
      GHE_HOST: `127.0.0.1:${sim.port}`,
      GHE_PROTOCOL: "http",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      LOG_FORMAT: "json",
      NODE_ENV: "production",
      ...env,
    },
  });
  child.stdout?.on("data", (d) => (output += String(d)));
  child.stderr?.on("data", (d) => (output += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/ping`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the app did not start within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid!, "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}

/**
 * Waits until the app has finished reacting: every webhook delivered (also
 * those its own writes caused) and no job running or queued in the app
 * (`GET /docket/status`), twice in a row.
 */
export async function quiet(sim: Simulator, app: RunningApp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let calm = 0;
  while (calm < 2) {
    if (Date.now() > deadline) throw new Error(`the app did not settle within ${timeoutMs} ms:\n${app.output().slice(-2000)}`);
    await sim.settled();
    const before = sim.deliveries().length;
    const { busy } = (await (await fetch(`${app.url}/docket/status`)).json()) as { busy: number };
    calm = busy === 0 && sim.deliveries().length === before ? calm + 1 : 0;
    await new Promise((r) => setTimeout(r, 50));
  }
}
