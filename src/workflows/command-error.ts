import { didYouMean } from "../domain/suggest.js";

/**
 * A problem a user must fix before a command can run (an unknown series, a
 * missing meeting issue, a config path that is not set). The Action's runner
 * reports it as one error annotation naming the config path, and fails the step.
 */
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

/** The series ids a command works on: `only` (which must exist), else every series in the configuration. */
export function selectSeries(meetings: Readonly<Record<string, unknown>>, only: string | undefined): string[] {
  const known = Object.keys(meetings);
  if (only === undefined || only === "") return known;
  if (!Object.hasOwn(meetings, only)) {
    const list = known.length === 0 ? "none are configured" : `configured: ${known.join(", ")}`;
    throw new CommandError(`there is no meeting series \`${only}\`${didYouMean(only, known)} in the configuration (${list})`, "meetings");
  }
  return [only];
}
