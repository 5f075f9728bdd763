/**
 * What the workflow's triggering event adds to the inputs (`GITHUB_EVENT_NAME`,
 * and the payload at `GITHUB_EVENT_PATH`). Pure.
 *
 * - `issues` closed: the closed issue is the meeting issue (`inputs.issue`).
 *   Whether it is one of Docket's meeting issues is the command's to decide.
 * - `workflow_dispatch`: its inputs `date`, `series` and `sprint`, where the
 *   step's own inputs leave them empty (`with:` wins).
 * - anything else (`schedule`, `push`, ...): nothing.
 */
import type { RepoRef } from "../github/gateway.js";
import type { ActionInputs } from "../workflows/action-job.js";
import { InputError, parseDate } from "./inputs.js";

export interface WorkflowEvent {
  name: string;
  payload: Record<string, unknown>;
}

export interface EventInputs {
  issue?: { owner: string; repo: string; number: number };
  date?: string;
  series?: string;
  sprint?: string;
  /** The repository owner's account type, when the payload tells. */
  ownerType?: "Organization" | "User";
  /** Why the event added nothing, for the log. */
  note?: string;
}

/** `owner/name` (GITHUB_REPOSITORY) as a RepoRef. */
export function parseRepository(value: string | undefined): RepoRef {
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(value ?? "");
  if (!m) throw new InputError("GITHUB_REPOSITORY", `expected owner/name, got ${JSON.stringify(value ?? "")}`);
  return { owner: m[1]!, repo: m[2]! };
}

const record = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

export function eventInputs(event: WorkflowEvent): EventInputs {
  const out: EventInputs = {};
  const repository = record(event.payload.repository);
  const ownerType = record(repository?.owner)?.type;
  if (ownerType === "Organization" || ownerType === "User") out.ownerType = ownerType;
  else if (record(event.payload.organization)) out.ownerType = "Organization";

  if (event.name === "issues") {
    const issue = record(event.payload.issue);
    const owner = text(record(repository?.owner)?.login);
    const repo = text(repository?.name);
    if (event.payload.action !== "closed") {
      out.note = `an issues event with action ${JSON.stringify(event.payload.action)}: only a closed issue names a meeting`;
    } else if (issue && typeof issue.number === "number" && owner && repo) {
      out.issue = { owner, repo, number: issue.number };
    } else {
      out.note = "an issues event without an issue and its repository";
    }
  } else if (event.name === "workflow_dispatch") {
    const inputs = record(event.payload.inputs) ?? {};
    const date = text(inputs.date);
    if (date !== undefined) out.date = parseDate("workflow_dispatch input date", date);
    const series = text(inputs.series);
    if (series !== undefined) out.series = series;
    const sprint = text(inputs.sprint);
    if (sprint !== undefined) out.sprint = sprint;
  }
  return out;
}

/** The step's inputs, completed by the event's where they are empty. */
export function withEvent(inputs: ActionInputs, event: EventInputs): ActionInputs {
  const out: ActionInputs = { ...inputs };
  if (out.date === undefined && event.date !== undefined) out.date = event.date;
  if (out.series === undefined && event.series !== undefined) out.series = event.series;
  if (out.sprint === undefined && event.sprint !== undefined) out.sprint = event.sprint;
  if (event.issue !== undefined) out.issue = event.issue;
  return out;
}
