/**
 * The Action's runner: reads the inputs, the event and the config, builds the
 * Octokit and the gateway, hands the command to `runActionJob` (the main, in
 * src/workflows/action-job.ts), renders what it did (src/render/job-summary.ts)
 * and reports: outputs, the job summary, annotations, and the step's failure.
 * It never throws: every failure ends in `core.setFailed` (or an error
 * annotation and exit code 1) with one clear message.
 */
import { readFile } from "node:fs/promises";
import * as core from "@actions/core";
import { CONFIG_PATH } from "../config/load.js";
import { GitHubGateway, repoKey, statusOf, WriteBudgetExceeded, type Logger, type RepoRef } from "../github/gateway.js";
import { millisFromEnv } from "../github/throttle.js";
import { padClient } from "../pads/pads.js";
import { commandOutputs, commandSummary, summaryMarkdown, type SummaryInput } from "../render/job-summary.js";
import { CommandError, DEFAULT_SITE_DIR, runActionJob, type ActionInputs } from "../workflows/action-job.js";
import type { JobContext, LoadedConfig } from "../workflows/context.js";
import { loadActionConfig, positionOf } from "./config.js";
import { eventInputs, parseRepository, withEvent, type WorkflowEvent } from "./event.js";
import { InputError, parseInputs } from "./inputs.js";
import { asOctokitLike, createOctokit, type OctokitLog } from "./octokit.js";
import { configAnnotation, dryRunLog, logLine, sameRepo } from "./report.js";
import { renderSite } from "../render/site/index.js";
import { SiteDirError, writeSiteFiles } from "./site-files.js";

/** The job's log, as @actions/core writes it (warnings and errors become annotations). */
export const actionLogger: Logger = {
  debug: (obj, msg) => core.debug(logLine(obj, msg)),
  info: (obj, msg) => core.info(logLine(obj, msg)),
  warn: (obj, msg) => core.warning(logLine(obj, msg)),
  error: (obj, msg) => core.error(logLine(obj, msg)),
};

const octokitLog: OctokitLog = {
  debug: (m) => core.debug(m),
  info: (m) => core.info(m),
  warn: (m) => core.warning(m),
  error: (m) => core.error(m),
};

/** A command's run as the step shows it: its step outputs, its part of the job summary, what to fix or look at. */
export interface ActionReport {
  outputs: Record<string, string>;
  /** Markdown: the command's part of the job summary. */
  summary: string;
  /** Problems a user must fix; the step fails when there are any. */
  problems: string[];
  /** Worth a look, not a failure: printed as warnings. */
  warnings: string[];
}

/**
 * The job (main), then what it did rendered for the step: everything of a run but @actions/core.
 * The `site` command's pages are rendered (src/render/site/) and written here (./site-files.ts):
 * the file system is the runner's; with dry-run too, since nothing of it goes to GitHub.
 */
export async function runActionCommand(ctx: JobContext, loaded: LoadedConfig, inputs: ActionInputs): Promise<ActionReport> {
  const result = await runActionJob(ctx, loaded, inputs);
  if (result.command === "site") result.site.files = await writeSiteFiles(result.site.dir, renderSite(result.site.data));
  const view = { meetings: loaded.config.meetings, dryRun: ctx.gateway.dryRun, writes: ctx.gateway.writes };
  return { outputs: commandOutputs(result), summary: commandSummary(result, view), problems: result.problems, warnings: result.warnings };
}

/** A failure already reported (its annotations written); only the step's exit code is left to set. */
class Reported extends Error {}

export async function run(): Promise<void> {
  const env = process.env;
  const summary: SummaryInput = { command: core.getInput("command").trim() || "(no command)", dryRun: false, writes: [] };
  let gateway: GitHubGateway | undefined;
  try {
    const { inputs: stepInputs, token, dryRun, writeBudget } = parseInputs((name) => core.getInput(name));
    core.setSecret(token);
    summary.dryRun = dryRun;
    const repository = parseRepository(env.GITHUB_REPOSITORY);
    const event = await readEvent(env);
    const fromEvent = eventInputs(event);
    const inputs = withEvent(stepInputs, fromEvent);
    if (fromEvent.note) core.info(`Event ${event.name}: ${fromEvent.note}.`);
    core.info(`Docket ${inputs.command} in ${repoKey(repository)}${describeInputs(inputs)}${dryRun ? " (dry run: nothing is written)" : ""}`);

    const octokit = createOctokit({
      token,
      apiUrl: env.GITHUB_API_URL,
      graphqlUrl: env.GITHUB_GRAPHQL_URL,
      log: octokitLog,
      // The end-to-end tests' pace (unset in a workflow: GitHub's).
      writeSpacingMs: millisFromEnv(env.DOCKET_WRITE_SPACING_MS),
    });
    const gw = new GitHubGateway(asOctokitLike(octokit), { dryRun, writeBudget, log: actionLogger });
    gateway = gw;

    const config = await loadActionConfig(gw, repository, {
      ownerType: async () => fromEvent.ownerType ?? (await gw.repository(repository)).ownerType,
    });
    if (config.kind === "missing") {
      const where = config.searched.map(repoKey).join(" or ");
      const orgRepo = config.searched.find((r) => r.repo === ".github");
      const hint = orgRepo
        ? ` If it is in ${repoKey(orgRepo)}, the token must be able to read that repository: GITHUB_TOKEN covers only ${repoKey(repository)}; use an app installation token or a personal access token (input \`token\`).`
        : "";
      throw new Error(`No ${CONFIG_PATH} found in ${where}.${hint}`);
    }
    if (config.kind === "invalid") {
      for (const p of config.problems) {
        const a = configAnnotation(p, config.home, repository);
        core.error(a.message, a.properties);
      }
      const file = configFile(config.home, repository);
      summary.configProblems = { file, problems: config.problems };
      const n = config.problems.length;
      summary.failure = `${file} has ${n} problem${n === 1 ? "" : "s"}: Docket changed nothing. Fix the file and run again.`;
      core.setFailed(summary.failure);
      throw new Reported(summary.failure);
    }
    for (const w of config.warnings) {
      const a = configAnnotation(w, config.loaded.home, repository);
      core.warning(a.message, a.properties);
    }

    // HackMD's token is a secret in the environment (`env: HACKMD_TOKEN: ${{ secrets.HACKMD_TOKEN }}`), never an input or config.
    const hackmdToken = env.HACKMD_TOKEN?.trim() || undefined;
    if (hackmdToken !== undefined) core.setSecret(hackmdToken);
    const ctx: JobContext = {
      gateway: gw,
      log: actionLogger,
      now: nowFrom(env),
      serverUrl: env.GITHUB_SERVER_URL?.trim() || "https://github.com",
      pads: padClient({ hackmdToken }),
    };
    try {
      const result = await runActionCommand(ctx, config.loaded, inputs);
      for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value);
      for (const w of result.warnings) core.warning(w);
      summary.body = result.summary;
      if (result.problems.length > 0) {
        for (const p of result.problems) core.error(p);
        const n = result.problems.length;
        summary.failure = `${n} problem${n === 1 ? "" : "s"} to fix (see the annotations).`;
        core.setFailed(summary.failure);
        throw new Reported(summary.failure);
      }
    } catch (error) {
      if (!(error instanceof CommandError) || error.configPath === undefined) throw error;
      // A problem with one part of the config: annotate that part of the file.
      const local = sameRepo(config.loaded.home, repository);
      const pos = local && config.text !== null ? positionOf(config.text, error.configPath) : undefined;
      const message = `${error.message} (${configFile(config.loaded.home, repository)}: ${error.configPath})`;
      core.error(message, local ? { file: CONFIG_PATH, ...(pos ? { startLine: pos.line, startColumn: pos.column } : {}) } : {});
      summary.failure = message;
      throw new Reported(message);
    }
  } catch (error) {
    if (error instanceof Reported) {
      process.exitCode = core.ExitCode.Failure;
    } else {
      const message = failureMessage(error);
      summary.failure = message;
      if (error instanceof Error && error.stack && !(error instanceof InputError) && !(error instanceof CommandError)) core.debug(error.stack);
      core.setFailed(message);
    }
  } finally {
    await report(summary, gateway, env);
  }
}

async function report(summary: SummaryInput, gateway: GitHubGateway | undefined, env: NodeJS.ProcessEnv): Promise<void> {
  try {
    if (gateway) {
      summary.writes = gateway.writes;
      core.setOutput("writes", String(gateway.writes.length));
      if (summary.dryRun) {
        const { title, lines } = dryRunLog(gateway.writes);
        if (lines.length === 0) core.info(title);
        else {
          core.startGroup(title);
          for (const line of lines) core.info(line);
          core.endGroup();
        }
      }
    }
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summaryMarkdown(summary)).write();
  } catch (error) {
    core.setFailed(`Could not write the outputs or the job summary: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The event that started the workflow; `{}` when there is none (a local run). */
export async function readEvent(env: NodeJS.ProcessEnv): Promise<WorkflowEvent> {
  const name = env.GITHUB_EVENT_NAME?.trim() ?? "";
  const path = env.GITHUB_EVENT_PATH?.trim();
  if (!path) return { name, payload: {} };
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return { name, payload: {} };
    throw error;
  }
  try {
    const payload: unknown = JSON.parse(text);
    return { name, payload: payload !== null && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {} };
  } catch {
    throw new Error(`GITHUB_EVENT_PATH: ${path} is not JSON`);
  }
}

function nowFrom(env: NodeJS.ProcessEnv): Date {
  const fixed = env.DOCKET_NOW?.trim();
  if (!fixed) return new Date();
  const t = new Date(fixed);
  if (Number.isNaN(t.getTime())) throw new InputError("DOCKET_NOW", `expected an ISO instant, got ${JSON.stringify(fixed)}`);
  return t;
}

function describeInputs(i: ActionInputs): string {
  const parts: string[] = [];
  if (i.issue) parts.push(`meeting issue ${i.issue.owner}/${i.issue.repo}#${i.issue.number}`);
  if (i.series) parts.push(`series ${i.series}`);
  if (i.date) parts.push(`date ${i.date}`);
  if (i.sprint) parts.push(`sprint ${i.sprint}`);
  if (i.command === "site") parts.push(`into ${i.siteDir ?? DEFAULT_SITE_DIR}`);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

const configFile = (home: RepoRef, workflowRepo: RepoRef) => (sameRepo(home, workflowRepo) ? CONFIG_PATH : `${repoKey(home)}/${CONFIG_PATH}`);

/** One line a person can act on, for anything that stopped the run. */
export function failureMessage(error: unknown): string {
  if (error instanceof WriteBudgetExceeded) return `${error.message} Raise the \`write-budget\` input if this run is meant to write more.`;
  if (error instanceof InputError || error instanceof CommandError || error instanceof SiteDirError) return error.message;
  const status = statusOf(error);
  const request = (error as { request?: { method?: string; url?: string } } | null)?.request;
  const what = request?.method && request.url ? ` (${request.method} ${request.url})` : "";
  const detail = error instanceof Error ? error.message : String(error);
  if (status === 401) return `GitHub refused the token${what}: ${detail}. Check the \`token\` input.`;
  if (status === 403)
    return `The token may not do this${what}: ${detail}. Check the workflow's \`permissions:\` (contents, issues and pull-requests: write) or the token's.`;
  if (status === 404)
    return `Not found${what}: ${detail}. The repository may not exist, or the token cannot see it (GITHUB_TOKEN covers only the workflow's repository).`;
  if (status !== undefined) return `GitHub answered ${status}${what}: ${detail}`;
  return detail;
}
