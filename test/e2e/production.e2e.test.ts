/**
 * The production install, as the Dockerfile makes it. There is no Docker here, so this test reads
 * the Dockerfile's runtime stage (its last FROM) and does what it says in a temporary directory:
 * COPY from the checkout (COPY --from=build takes lib/ as this checkout builds it, which is what the
 * build stage runs), RUN with the Dockerfile's own commands (npm from the local cache), then starts
 * its CMD on Node 24 against the local GitHub and runs its HEALTHCHECK. The Dockerfile and this test
 * cannot drift: change one line there and this runs the change.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testPrivateKey } from "../fixtures/keys.js";
import { freePort } from "../helpers/net.js";
import { APP_ID, startTestSimulator } from "../sim/helpers.js";
import type { Simulator } from "../sim/server.js";
import { node24 } from "./action-harness.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface RuntimeStage {
  env: Record<string, string>;
  steps: Array<{ copy: { from: string | null; sources: string[]; dest: string } } | { run: string }>;
  cmd: string[];
  healthcheck: string[];
}

/** The last stage of the Dockerfile, instruction by instruction (one instruction a line). */
function runtimeStage(dockerfile: string): RuntimeStage {
  const lines = dockerfile
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const last = lines
    .map((l, i) => (/^FROM\s/i.test(l) ? i : -1))
    .filter((i) => i >= 0)
    .pop()!;
  const stage: RuntimeStage = { env: {}, steps: [], cmd: [], healthcheck: [] };
  for (const line of lines.slice(last + 1)) {
    const [, op, rest = ""] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    switch (op?.toUpperCase()) {
      case "ENV":
        for (const m of rest.matchAll(/(\w+)=(\S+)/g)) stage.env[m[1]!] = m[2]!;
        break;
      case "COPY": {
        const words = rest.split(/\s+/);
        const from = words[0]?.startsWith("--from=") ? words.shift()!.slice("--from=".length) : null;
        stage.steps.push({ copy: { from, sources: words.slice(0, -1), dest: words.at(-1)! } });
        break;
      }
      case "RUN":
        // --mount=type=cache,... keeps npm's cache out of the image; here npm uses the machine's cache.
        stage.steps.push({ run: rest.replace(/^(--mount=\S+\s+)+/, "") });
        break;
      case "CMD":
        stage.cmd = JSON.parse(rest) as string[];
        break;
      case "HEALTHCHECK":
        stage.healthcheck = JSON.parse(/\bCMD\s+(\[.*\])$/.exec(rest)![1]!) as string[];
        break;
      case "WORKDIR":
      case "USER":
      case "EXPOSE":
        break; // the temporary directory is the WORKDIR; the user and the port are Docker's business
      default:
        throw new Error(`production.e2e.test.ts does not know how to run this Dockerfile line: ${line}`);
    }
  }
  return stage;
}

let dir: string;
let sim: Simulator;
let node: string;
let stage: RuntimeStage;
let env: NodeJS.ProcessEnv;
const running: ChildProcess[] = [];

beforeAll(async () => {
  stage = runtimeStage(readFileSync(join(ROOT, "Dockerfile"), "utf8"));
  node = await node24();
  // The build stage: `npm run build` of this checkout (prestart builds only if src/ is newer).
  execFileSync(process.execPath, [join(ROOT, "scripts/prestart.mjs")], { stdio: "inherit" });
  dir = mkdtempSync(join(tmpdir(), "docket-production-"));
  // Node 24 first on PATH: npm (and what it starts) runs on it, as in the image.
  env = {
    ...process.env,
    ...stage.env,
    PATH: `${dirname(node)}:${process.env.PATH}`,
    npm_config_prefer_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
  };
  for (const name of ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "REDIS_URL", "npm_config_prefix"]) delete env[name];
  for (const step of stage.steps) {
    if ("run" in step) {
      execFileSync("sh", ["-c", step.run], { cwd: dir, env, stdio: ["ignore", "ignore", "inherit"] });
      continue;
    }
    const { from, sources, dest } = step.copy;
    for (const source of sources) {
      // The build stage's WORKDIR is /app: /app/lib is this checkout's lib/.
      const path = from === null ? join(ROOT, source) : join(ROOT, source.replace(/^\/app\//, ""));
      const target = dest.endsWith("/") ? join(dir, dest, source.split("/").pop()!) : join(dir, dest);
      cpSync(path, target, { recursive: true });
    }
  }
  sim = await startTestSimulator();
}, 180_000);

afterAll(async () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) signal(child, "SIGKILL");
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts `command` in the installed tree as the container would; resolves with its port once it answers /ping. */
async function start(command: string[]): Promise<{ port: number; output: () => string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(command[0] === "node" ? node : command[0]!, command.slice(1), {
    cwd: dir,
    env: {
      ...env,
      APP_ID: String(APP_ID),
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET: "production-test",
      GHE_HOST: `127.0.0.1:${sim.port}`,
      GHE_PROTOCOL: "http",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: `npm start` runs node under a shell
  });
  running.push(child);
  let output = "";
  child.stdout?.on("data", (d) => (output += String(d)));
  child.stderr?.on("data", (d) => (output += String(d)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command.join(" ")} exited with ${child.exitCode}:\n${output}`);
    if (
      await fetch(`http://127.0.0.1:${port}/ping`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`${command.join(" ")} did not answer /ping within 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, output: () => output, child };
}

/** Sends `sig` to the process group of `child` (as a process manager does). */
function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, sig);
  } catch {
    /* already gone */
  }
}

async function exit(child: ChildProcess, sig: NodeJS.Signals): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  signal(child, sig);
  return exited;
}

describe("the production install (the Dockerfile's runtime stage)", () => {
  it("has no build tools, starts with its CMD on Node 24, passes its HEALTHCHECK and drains on SIGTERM", async () => {
    expect(() => execFileSync(node, ["-e", "require.resolve('typescript')"], { cwd: dir, stdio: "pipe" })).toThrow();
    const app = await start(stage.cmd);
    expect(app.output()).toContain("Docket receives webhooks and runs jobs");
    const [cmd, ...args] = stage.healthcheck;
    expect(cmd).toBe("node"); // slim images have no curl
    execFileSync(node, args, { cwd: dir, env: { ...env, PORT: String(app.port) }, stdio: "pipe", timeout: 10_000 });
    expect(await exit(app.child, "SIGTERM")).toBe(0);
  });

  it("`npm start` needs no devDependencies on a built tree", async () => {
    const app = await start(["npm", "start"]);
    expect(app.output()).toContain("Docket receives webhooks and runs jobs");
    signal(app.child, "SIGKILL");
  });

  it("`npm start` without lib/ and without TypeScript says what to run", () => {
    renameSync(join(dir, "lib"), join(dir, "lib.away"));
    try {
      let failure: { status: number; stderr: string } | null = null;
      try {
        execFileSync("npm", ["start"], { cwd: dir, env, stdio: "pipe", encoding: "utf8", timeout: 30_000 });
      } catch (error) {
        failure = error as { status: number; stderr: string };
      }
      expect(failure?.status).not.toBe(0);
      expect(failure?.stderr).toContain("lib/ (the compiled app) is missing");
      expect(failure?.stderr).toContain("npm ci && npm run build");
    } finally {
      renameSync(join(dir, "lib.away"), join(dir, "lib"));
    }
  });
});
