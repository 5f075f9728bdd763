/**
 * `.github/docket.yml` for the Action: found, read and validated by the one
 * loader (src/config/resolve.ts) the app and the push check use, every problem
 * placed on its line (in the file `_extends` reached, where that is where it
 * is), so the runner can annotate it.
 */
import type { ConfigProblem } from "../config/load.js";
import { loadConfig } from "../config/resolve.js";
import type { GitHubGateway, RepoRef } from "../github/gateway.js";
import { scopeFor, type LoadedConfig } from "../workflows/context.js";

export { parsePath, positionOf } from "../config/load.js";

export type ConfigOutcome =
  | { kind: "ok"; loaded: LoadedConfig; warnings: ConfigProblem[]; text: string | null }
  | { kind: "invalid"; home: RepoRef; problems: ConfigProblem[] }
  | { kind: "missing"; searched: RepoRef[] };

export interface ConfigLoadOptions {
  /** The owner's account type, for an org-wide config's search scope; asked only when needed. */
  ownerType: () => Promise<"Organization" | "User">;
}

export async function loadActionConfig(gateway: GitHubGateway, at: RepoRef, options: ConfigLoadOptions): Promise<ConfigOutcome> {
  const found = await loadConfig(gateway, at);
  if (found.kind === "missing") return { kind: "missing", searched: found.searched };
  if (found.kind === "invalid") return { kind: "invalid", home: found.home, problems: found.problems };
  const { home } = found;
  const ownerType = home.repo === ".github" ? await options.ownerType() : "Organization";
  return { kind: "ok", loaded: { config: found.config, home, scope: scopeFor(home, ownerType) }, warnings: found.warnings, text: found.text };
}
