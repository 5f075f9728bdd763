/**
 * The Action's inputs (action.yml at the repository root), read and checked before anything
 * talks to GitHub. Pure: the runner hands in a reader (`core.getInput`, which
 * reads `INPUT_<NAME>` with hyphens kept, e.g. `INPUT_DRY-RUN`), tests a map.
 *
 * Every problem is an `InputError` naming the input and saying what was
 * expected and what was found, as config problems do.
 */
import { describeInput } from "../config/schema.js";
import { didYouMean } from "../domain/suggest.js";
import { ACTION_COMMANDS, type ActionCommand, type ActionInputs } from "../workflows/action-job.js";

/** The inputs action.yml declares (a test keeps the two in step). */
export const INPUT_NAMES = ["command", "token", "series", "date", "sprint", "force", "dry-run", "write-budget", "site-dir"] as const;
export type InputName = (typeof INPUT_NAMES)[number];

export const DEFAULT_WRITE_BUDGET = 100;

export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(`${input}: ${message}`);
    this.name = "InputError";
  }
}

/** What the runner works with: the command's inputs (without the event's), and the runner's own. */
export interface RunnerInputs {
  inputs: ActionInputs;
  token: string;
  dryRun: boolean;
  writeBudget: number;
}

/** Reads one input; "" when it is not set (as `core.getInput`, which also trims). */
export type InputReader = (name: InputName) => string;

export function parseInputs(read: InputReader): RunnerInputs {
  const get = (name: InputName) => read(name).trim();
  const command = parseCommand(get("command"));
  const token = get("token");
  if (token === "") throw new InputError("token", "missing, expected a token (the default is `${{ github.token }}`)");
  const inputs: ActionInputs = { command };
  const series = get("series");
  if (series !== "") inputs.series = series;
  const date = get("date");
  if (date !== "") inputs.date = parseDate("date", date);
  const sprint = get("sprint");
  if (sprint !== "") inputs.sprint = sprint;
  if (parseBoolean("force", get("force"), false)) inputs.force = true;
  const siteDir = get("site-dir");
  if (siteDir !== "") inputs.siteDir = siteDir;
  return { inputs, token, dryRun: parseBoolean("dry-run", get("dry-run"), false), writeBudget: parseWriteBudget(get("write-budget")) };
}

export function parseCommand(value: string): ActionCommand {
  const known: readonly string[] = ACTION_COMMANDS;
  if (known.includes(value)) return value as ActionCommand;
  const expected = `expected one of ${ACTION_COMMANDS.join(", ")}`;
  if (value === "") throw new InputError("command", `missing, ${expected}`);
  throw new InputError("command", `${expected}, got ${describeInput(value)}${didYouMean(value, ACTION_COMMANDS)}`);
}

/** YAML 1.2 core booleans, as `core.getBooleanInput` accepts them; "" is the default. */
export function parseBoolean(input: string, value: string, fallback: boolean): boolean {
  if (value === "") return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new InputError(input, `expected true or false, got ${describeInput(value)}`);
}

export function parseWriteBudget(value: string): number {
  if (value === "") return DEFAULT_WRITE_BUDGET;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new InputError("write-budget", `expected a whole number of at least 1, got ${describeInput(value)}`);
  return n;
}

/** A calendar date, YYYY-MM-DD (2025-02-30 is refused). */
export function parseDate(input: string, value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d) return value;
  }
  throw new InputError(input, `expected a date YYYY-MM-DD, got ${describeInput(value)}`);
}
