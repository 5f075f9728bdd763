/**
 * What every job receives: the gateway (the only door to GitHub), a logger and
 * "now" (jobs never read the clock themselves, so tests and the demo can pin it).
 */
import type { DocketConfig } from "../config/schema.js";
import type { GitHubGateway, Logger, RepoRef } from "../github/gateway.js";
import type { PadClient } from "../pads/pads.js";

export interface JobContext {
  gateway: GitHubGateway;
  log: Logger;
  now: Date;
  /** Web URL of the GitHub server for profile links (GitHub Enterprise Server); default https://github.com. */
  serverUrl?: string;
  /**
   * The pad services (src/pads/), for jobs that create and read meeting pads: the Action passes
   * them (with HACKMD_TOKEN from its environment); the app does not, so it never creates a pad
   * (docs/action-commands.md#open-next).
   */
  pads?: PadClient;
}

/** A loaded, valid configuration and where it came from. */
export interface LoadedConfig {
  config: DocketConfig;
  /** The repository whose `.github/docket.yml` was found first: the default home of Docket's issues. */
  home: RepoRef;
  /** What GitHub search looks through for topics and ideas. */
  scope: SearchScope;
}

/**
 * Where topics come from. An org-wide config (in the owner's `.github`
 * repository) reads topics from every repository of the owner the app can
 * see; a config in any other repository reads topics from that repository only,
 * because events from other repositories load their own config, not this one.
 */
export type SearchScope = { kind: "owner"; owner: string; ownerType: "Organization" | "User" } | { kind: "repo"; owner: string; repo: string };

export function scopeFor(home: RepoRef, ownerType: "Organization" | "User"): SearchScope {
  return home.repo === ".github" ? { kind: "owner", owner: home.owner, ownerType } : { kind: "repo", owner: home.owner, repo: home.repo };
}

/** The search qualifier for a scope: `org:acme`, `user:alice` or `repo:acme/infra`. */
export function scopeQualifier(scope: SearchScope): string {
  if (scope.kind === "repo") return `repo:${scope.owner}/${scope.repo}`;
  return scope.ownerType === "Organization" ? `org:${scope.owner}` : `user:${scope.owner}`;
}

/**
 * A label as a search qualifier; quotes keep names with spaces or slashes whole. Several labels
 * are one qualifier, `label:"a","b"`: GitHub's search reads a comma-separated list as ANY of them
 * (a multi-track gathering's topics are those with any track's label), where `label:a label:b`
 * would ask for all.
 */
export function labelQualifier(label: string | readonly string[]): string {
  const labels = typeof label === "string" ? [label] : label;
  return `label:${labels.map((l) => `"${l.replace(/"/g, "")}"`).join(",")}`;
}

/** A topic read fresh by id may have moved (transferred) out of the scope search looks through. */
export function inScope(topic: { repo: string }, scope: SearchScope): boolean {
  const [owner = "", repo = ""] = topic.repo.split("/");
  if (owner.toLowerCase() !== scope.owner.toLowerCase()) return false;
  return scope.kind === "owner" || repo.toLowerCase() === scope.repo.toLowerCase();
}
