/**
 * What the Action shows people in the job's log: log lines, error annotations,
 * the writes a dry run held back. Pure: the runner passes the results to
 * @actions/core. The job summary is rendered in src/render/job-summary.ts.
 */
import { CONFIG_PATH, formatProblem, type ConfigProblem } from "../config/load.js";
import { repoKey, sameRepo, type RepoRef, type WriteRecord } from "../github/gateway.js";

export { sameRepo };

/** A log line from a job's structured log call (`log.info({ kind, target }, "dry run: would write")`). */
export function logLine(obj: unknown, msg?: string): string {
  if (typeof obj === "string") return msg === undefined ? obj : `${obj} ${msg}`;
  const parts: string[] = [];
  if (obj !== null && typeof obj === "object") {
    for (const [key, value] of Object.entries(obj as Record<string, unknown>)) {
      if (value === undefined) continue;
      if (value instanceof Error) parts.push(`${key}=${JSON.stringify(value.message)}`);
      else if (typeof value === "string") parts.push(`${key}=${/^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)}`);
      else parts.push(`${key}=${safeJson(value)}`);
    }
  } else if (obj !== undefined && obj !== null) parts.push(String(obj));
  return [msg, ...parts].filter((p) => p !== undefined && p !== "").join(" ");
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export interface Annotation {
  message: string;
  properties: { title?: string; file?: string; startLine?: number; startColumn?: number };
}

/**
 * A config problem as an error annotation. It points at `.github/docket.yml`
 * when that file is in the workflow's repository (annotations can only point
 * there); a config elsewhere (the org's `.github`) is named in the message.
 */
export function configAnnotation(problem: ConfigProblem, home: RepoRef, workflowRepo: RepoRef): Annotation {
  // A problem in a file `_extends` reached is in that file, not in the config's own.
  const where = problem.source ?? { ...home, path: CONFIG_PATH };
  const local = sameRepo(where, workflowRepo);
  const file = local ? where.path : `${repoKey(where)}/${where.path}`;
  const properties: Annotation["properties"] = {};
  if (local) {
    properties.file = where.path;
    if (problem.line !== undefined) properties.startLine = problem.line;
    if (problem.line !== undefined && problem.column !== undefined) properties.startColumn = problem.column;
  }
  const { source: _, ...named } = problem;
  return { message: formatProblem(named, file), properties };
}

/** The writes a dry run did not make, for the log: a title, and one line each (the runner folds them into a group). */
export function dryRunLog(writes: readonly WriteRecord[]): { title: string; lines: string[] } {
  const skipped = writes.filter((w) => w.dryRun);
  if (skipped.length === 0) return { title: "Dry run: nothing would be written.", lines: [] };
  return { title: `Dry run: ${skipped.length} write${skipped.length === 1 ? "" : "s"} not made`, lines: skipped.map((w) => `- ${w.kind}: ${w.target}`) };
}
