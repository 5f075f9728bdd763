/**
 * A topic's estimate. Precedence, most explicit first:
 * 1. an estimate label (`time/15m`; also what `/agenda <series> 15m` sets), so
 *    a chair can always override what an author wrote;
 * 2. the issue-form field (a `### Estimate` heading followed by its answer);
 * 3. a board's number field (supplied by the caller, minutes);
 * 4. the series' default.
 * Several estimate labels: the largest wins (plan for the longer one).
 */
import { parseDuration } from "./duration.js";
import type { EstimateSource, Topic } from "./types.js";

export interface EstimateOptions {
  labelPrefix: string;
  formField: string;
  defaultMinutes: number;
  boardMinutes?: number | null;
}

export function estimateOf(topic: Pick<Topic, "labels" | "body">, options: EstimateOptions): { minutes: number; source: EstimateSource } {
  const fromLabel = estimateFromLabels(topic.labels, options.labelPrefix);
  if (fromLabel !== null) return { minutes: fromLabel, source: "label" };
  const fromForm = estimateFromForm(topic.body, options.formField);
  if (fromForm !== null) return { minutes: fromForm, source: "form" };
  if (options.boardMinutes != null && Number.isFinite(options.boardMinutes) && options.boardMinutes >= 0) {
    return { minutes: Math.round(options.boardMinutes), source: "board" };
  }
  return { minutes: options.defaultMinutes, source: "default" };
}

export function estimateFromLabels(labels: readonly string[], prefix: string): number | null {
  const p = prefix.toLowerCase();
  let best: number | null = null;
  for (const label of labels) {
    if (!label.toLowerCase().startsWith(p)) continue;
    const minutes = parseDuration(label.slice(prefix.length));
    if (minutes !== null && (best === null || minutes > best)) best = minutes;
  }
  return best;
}

/**
 * GitHub issue forms render each field as `### Label` followed by the answer
 * (or `_No response_`). The first non-empty line under the heading is read.
 */
export function estimateFromForm(body: string, field: string): number | null {
  const lines = body.split(/\r?\n/);
  const wanted = field.trim().toLowerCase();
  for (let i = 0; i < lines.length; i++) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(lines[i]!);
    if (!heading || heading[1]!.toLowerCase() !== wanted) continue;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!.trim();
      if (line === "") continue;
      if (/^#{1,6}\s/.test(line)) return null;
      return parseDuration(line.replace(/^[`*_]+|[`*_]+$/g, ""));
    }
    return null;
  }
  return null;
}
