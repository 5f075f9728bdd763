/**
 * The Action's commands, as one dispatcher the Action's runner calls
 * (src/action/). Each command is a job like the app's: it reads through the
 * gateway, asks domain/ and render/, and writes only the difference (nothing
 * at all with dry-run, which the gateway enforces).
 */
import type { JobContext, LoadedConfig } from "./context.js";

export const ACTION_COMMANDS = ["minutes", "sprint-review", "backlog", "open-next", "agenda"] as const;
export type ActionCommand = (typeof ACTION_COMMANDS)[number];

export interface ActionInputs {
  command: ActionCommand;
  /** A series id (minutes, open-next, agenda: limit to it). */
  series?: string;
  /** A meeting date YYYY-MM-DD (minutes of that occurrence). */
  date?: string;
  /** A sprint name (sprint-review); default: the sprint that ended last. */
  sprint?: string;
  /** The meeting issue the triggering event is about (e.g. `issues.closed`), in the repository the Action runs in. */
  issue?: { owner: string; repo: string; number: number };
}

export interface CommandResult {
  /** Step outputs (`path`, `url`, counts, ...), as strings. */
  outputs: Record<string, string>;
  /** Markdown for the job summary. */
  summary: string;
  /** Problems a user must fix; the step fails when there are any. */
  problems: string[];
}

export class CommandError extends Error {
  constructor(
    message: string,
    /** The config path the problem is about, for an error annotation (e.g. "meetings.iaas"). */
    readonly configPath?: string,
  ) {
    super(message);
    this.name = "CommandError";
  }
}

export async function runActionCommand(_ctx: JobContext, _loaded: LoadedConfig, inputs: ActionInputs): Promise<CommandResult> {
  throw new CommandError(`the ${inputs.command} command is not implemented yet`);
}
