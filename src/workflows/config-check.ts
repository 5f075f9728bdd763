/**
 * checkConfig: when a push changes `.github/docket.yml`, validate the file as
 * committed and report on that commit as a check run ("Docket configuration"),
 * which GitHub also shows on the pull request the commit belongs to. Problems
 * come with the YAML path, what was expected, and the line, as annotations on
 * the file. A broken file changes nothing else: agendas keep their last good state.
 */
import { formatProblems, parseConfigText, type ConfigProblem } from "../config/load.js";
import { CONFIG_PATH, type RepoRef } from "../github/gateway.js";
import type { JobContext } from "./context.js";

export const CHECK_NAME = "Docket configuration";

export interface ConfigCheckResult {
  checked: boolean;
  ok: boolean;
  problems: ConfigProblem[];
}

export async function checkConfig(ctx: JobContext, at: RepoRef, sha: string): Promise<ConfigCheckResult> {
  const text = await ctx.gateway.fileText(at, CONFIG_PATH, sha);
  if (text === null) return { checked: false, ok: true, problems: [] }; // deleted in this commit: nothing to check
  const parsed = parseConfigText(text);
  if (parsed.ok) {
    const count = Object.keys(parsed.config.meetings).length;
    await ctx.gateway.createCheckRun(at, {
      name: CHECK_NAME,
      head_sha: sha,
      conclusion: "success",
      title: `Valid: ${count} meeting series${parsed.config.backlog ? " and an idea backlog" : ""}`,
      summary: `\`${CONFIG_PATH}\` is valid.`,
    });
    return { checked: true, ok: true, problems: [] };
  }
  const n = parsed.problems.length;
  await ctx.gateway.createCheckRun(at, {
    name: CHECK_NAME,
    head_sha: sha,
    conclusion: "failure",
    title: `${n} problem${n === 1 ? "" : "s"} in ${CONFIG_PATH}`,
    summary: `Until this is fixed, Docket changes no agenda or backlog of this configuration: they keep their last good state.\n\n${formatProblems(parsed.problems, CONFIG_PATH)}`,
    annotations: parsed.problems.map((p) => ({
      path: CONFIG_PATH,
      start_line: p.line ?? 1,
      end_line: p.line ?? 1,
      annotation_level: "failure" as const,
      title: p.path || "configuration",
      message: p.message,
    })),
  });
  return { checked: true, ok: false, problems: parsed.problems };
}
