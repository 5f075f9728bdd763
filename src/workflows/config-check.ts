/**
 * checkConfig: when a push changes `.github/docket.yml`, load the file as
 * committed, through the app's own loader (src/config/resolve.ts: `_extends`
 * followed, files of this repository read at the same commit), so that a green
 * check means the app can load it, and report on that commit as a check run ("Docket configuration"),
 * which GitHub also shows on the pull request the commit belongs to. Problems
 * come with the YAML path, what was expected, and the line, as annotations on
 * the file. A broken file changes nothing else: agendas keep their last good state.
 */
import { formatProblems, type ConfigProblem } from "../config/load.js";
import { loadConfig } from "../config/resolve.js";
import { MAX_ANNOTATIONS, MAX_CHECK_OUTPUT_BYTES } from "../domain/limits.js";
import { CONFIG_PATH, sameRepo, type RepoRef } from "../github/gateway.js";
import { cutToBytes } from "../render/fit.js";
import type { JobContext } from "./context.js";

export const CHECK_NAME = "Docket configuration";

export interface ConfigCheckResult {
  checked: boolean;
  ok: boolean;
  problems: ConfigProblem[];
}

export async function checkConfig(ctx: JobContext, at: RepoRef, sha: string): Promise<ConfigCheckResult> {
  const parsed = await loadConfig(ctx.gateway, at, { ref: sha, fallback: false });
  if (parsed.kind === "missing") return { checked: false, ok: true, problems: [] }; // deleted in this commit: nothing to check
  if (parsed.kind === "ok") {
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
  const annotatable = parsed.problems.filter((p) => p.source === undefined || sameRepo(p.source, at));
  // GitHub takes 50 annotations a request and 65,535 bytes of summary: the rest is counted, not sent.
  const annotated =
    annotatable.length > MAX_ANNOTATIONS
      ? `\n\nThe first ${MAX_ANNOTATIONS} problems are annotated on the file (GitHub takes ${MAX_ANNOTATIONS} annotations at a time).`
      : "";
  const summary = `Until this is fixed, Docket changes no agenda or backlog of this configuration: they keep their last good state.${annotated}\n\n${formatProblems(parsed.problems, CONFIG_PATH)}`;
  await ctx.gateway.createCheckRun(at, {
    name: CHECK_NAME,
    head_sha: sha,
    conclusion: "failure",
    title: `${n} problem${n === 1 ? "" : "s"} in ${CONFIG_PATH}`,
    summary: cutToBytes(
      summary,
      MAX_CHECK_OUTPUT_BYTES,
      `…and more: the list is cut here to fit GitHub's limit on a check run summary. Fix these and push again to see the rest.`,
    ),
    // Annotations point into this repository only: a problem in a file `_extends` reached elsewhere is in the summary.
    annotations: annotatable.slice(0, MAX_ANNOTATIONS).map((p) => ({
      path: p.source?.path ?? CONFIG_PATH,
      start_line: p.line ?? 1,
      end_line: p.line ?? 1,
      annotation_level: "failure" as const,
      title: p.path || "configuration",
      message: p.message,
    })),
  });
  return { checked: true, ok: false, problems: parsed.problems };
}
