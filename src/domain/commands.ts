/**
 * Slash commands in comments. A command is a line that starts with `/name`;
 * lines inside fenced code blocks and block quotes are not commands (quoting
 * someone's `/agenda` in a reply must not run it again).
 */
import { parseDuration } from "./duration.js";

export interface CommandLine {
  name: string;
  args: string[];
  /** The text after the command name, trimmed (for free-text commands such as /note). */
  rest: string;
  /** 1-based line number in the comment. */
  line: number;
}

export function parseCommands(body: string): CommandLine[] {
  const out: CommandLine[] = [];
  for (const { text, line } of linesOutsideFences(body)) {
    const m = /^\s{0,3}\/([a-z][a-z-]*)(?:\s+(.*))?$/i.exec(text);
    if (!m) continue;
    const rest = (m[2] ?? "").trim();
    out.push({ name: m[1]!.toLowerCase(), args: rest === "" ? [] : rest.split(/\s+/), rest, line });
  }
  return out;
}

/** The lines of a text that are not in a fenced code block, with their 1-based numbers. */
export function linesOutsideFences(body: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let fence: string | null = null;
  body.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      return;
    }
    if (fence === null) out.push({ text: raw, line: i + 1 });
  });
  return out;
}

export type AgendaCommand =
  | { kind: "add"; series: string; minutes: number | null }
  | { kind: "remove"; series: string | null }
  | { kind: "invalid"; message: string };

/**
 * `/agenda <series> [estimate]`, `/agenda remove [<series>]`. With exactly one
 * series configured the series may be left out (`/agenda`, `/agenda 15m`).
 */
export function interpretAgendaCommand(cmd: CommandLine, seriesIds: readonly string[]): AgendaCommand {
  const usage = `Usage: \`/agenda <series> [estimate]\` or \`/agenda remove [<series>]\`; series: ${seriesIds.map((s) => `\`${s}\``).join(", ") || "(none configured)"}.`;
  const args = [...cmd.args];
  const known = (s: string) => seriesIds.includes(s.toLowerCase());
  const only = seriesIds.length === 1 ? seriesIds[0]! : null;

  if (args[0]?.toLowerCase() === "remove" && !known("remove")) {
    if (args.length > 2) return { kind: "invalid", message: usage };
    const series = args[1];
    if (series === undefined) return { kind: "remove", series: null };
    if (!known(series)) return { kind: "invalid", message: `Unknown series \`${series}\`. ${usage}` };
    return { kind: "remove", series: series.toLowerCase() };
  }

  let series: string | null = null;
  if (args[0] !== undefined && known(args[0])) series = args.shift()!.toLowerCase();
  else if (only !== null && (args.length === 0 || parseDuration(args[0]!) !== null)) series = only;
  else if (args[0] !== undefined) return { kind: "invalid", message: `Unknown series \`${args[0]}\`. ${usage}` };
  else return { kind: "invalid", message: `Which series? ${usage}` };

  if (args.length > 1) return { kind: "invalid", message: usage };
  if (args.length === 0) return { kind: "add", series, minutes: null };
  const minutes = parseDuration(args[0]!);
  if (minutes === null || minutes <= 0) return { kind: "invalid", message: `\`${args[0]}\` is not an estimate such as 15m or 1h. ${usage}` };
  return { kind: "add", series, minutes };
}

/** Repository roles that may use `/agenda` on other people's issues ("triage or more"). */
const TRIAGE_OR_MORE = new Set(["admin", "maintain", "write", "triage"]);
/** Repository roles that may push to the repository ("write or more"). */
const WRITE_OR_MORE = new Set(["admin", "maintain", "write"]);

type PermissionAnswer = { role_name?: string | null; permission?: string | null };

/**
 * GitHub's permission endpoint answers `role_name` (admin, maintain, write,
 * triage, read, or a custom role's name) and the legacy `permission`
 * (admin, write, read, none). A custom role is trusted as far as its legacy
 * permission says: write or admin.
 */
function hasRole(roles: ReadonlySet<string>, permission: PermissionAnswer): boolean {
  const role = permission.role_name?.toLowerCase();
  if (role && roles.has(role)) return true;
  const legacy = permission.permission?.toLowerCase();
  return legacy === "admin" || legacy === "write";
}

/** Triage permission or more (see `hasRole` for custom roles). */
export function mayTriage(permission: PermissionAnswer): boolean {
  return hasRole(TRIAGE_OR_MORE, permission);
}

/** Write permission or more: maintain and admin too (see `hasRole` for custom roles). */
export function mayWrite(permission: PermissionAnswer): boolean {
  return hasRole(WRITE_OR_MORE, permission);
}
