/**
 * The one way to load `.github/docket.yml`: the app (behind its cache), the
 * Action and the push check all call `loadConfig`, so a green check means the
 * app can load the file.
 *
 * Where the config is found, and how `_extends` works, are Probot's published
 * rules (@probot/octokit-plugin-config 4, read in its source):
 * - the repository's `.github/docket.yml`, else the owner's `.github`
 *   repository's; the first found is the config's home;
 * - `_extends` in that file names another file: `repo`, `owner/repo`,
 *   `repo:path.yml` or `owner/repo:path.yml`. The owner defaults to the owner
 *   of the repository Docket was asked about, the path to
 *   `.github/docket.yml`; that file may `_extends` again;
 * - the files are merged shallowly, top-level keys only (`Object.assign`): a
 *   top-level key of the extending file replaces the same key of the extended
 *   file as a whole (`meetings:` in both files means the extending file's
 *   series only).
 *
 * Where Docket is stricter than Probot, on purpose (Probot ignores a missing
 * target silently and throws on a loop, which left the app failing with no
 * word to anyone): a loop, a target that does not exist, one Docket may not
 * read, an `_extends` value of another shape, and a chain longer than
 * `MAX_EXTENDS` files are config problems, each naming the chain
 * (`acme/.github:.github/docket.yml → acme/base:.github/docket.yml: …`) and
 * placed on the line of the `_extends` that failed.
 *
 * Every file is parsed with the same YAML reader (src/config/load.ts: size
 * cap, duplicate keys, alias cap) and every problem of the merged config is
 * placed in the file its top-level key came from (exact, as the merge is
 * shallow).
 */
import type { DocketConfig } from "./schema.js";
import { CONFIG_PATH, fileName, parseYaml, validateAt, type ConfigFile, type ConfigProblem, type RepoRef } from "./load.js";

/** What the loader needs of GitHub: a file's text (null when it does not exist); the gateway fits. */
export interface ConfigReader {
  fileText(at: RepoRef, path: string, ref?: string): Promise<string | null>;
}

export type ConfigLoad =
  | { kind: "missing"; searched: RepoRef[] }
  | { kind: "invalid"; home: RepoRef; files: ConfigFile[]; problems: ConfigProblem[] }
  | { kind: "ok"; home: RepoRef; files: ConfigFile[]; config: DocketConfig; warnings: ConfigProblem[]; text: string };

export interface LoadOptions {
  /**
   * Read the config (and the files of its own repository it extends) at this
   * commit: the push check. Files in other repositories are read from their
   * default branch, as the app will read them.
   */
  ref?: string;
  /** Look in the owner's `.github` repository when the repository has no config (default true). */
  fallback?: boolean;
}

/** At most this many files in one `_extends` chain: more is a mistake, and each costs a request on every (uncached) event. */
export const MAX_EXTENDS = 10;

/** Probot's pattern for `_extends` (extends-to-get-content-params.js). */
const EXTENDS = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.ya?ml))?$/i;

const same = (a: ConfigFile, b: ConfigFile) =>
  a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase() && a.path === b.path;

/**
 * Finds, reads and validates the configuration that applies to `at`. Never
 * throws for what is in the files; rejects only when GitHub fails (a server
 * error: the caller retries).
 */
export async function loadConfig(reader: ConfigReader, at: RepoRef, options: LoadOptions = {}): Promise<ConfigLoad> {
  const searched: RepoRef[] = [{ owner: at.owner, repo: at.repo }];
  let home: ConfigFile = { owner: at.owner, repo: at.repo, path: CONFIG_PATH };
  let text = await reader.fileText(at, CONFIG_PATH, options.ref);
  if (text === null && options.fallback !== false && at.repo !== ".github") {
    home = { owner: at.owner, repo: ".github", path: CONFIG_PATH };
    searched.push({ owner: home.owner, repo: home.repo });
    text = await reader.fileText(home, CONFIG_PATH);
  }
  if (text === null) return { kind: "missing", searched };
  const homeRepo = { owner: home.owner, repo: home.repo };

  const files: ConfigFile[] = [home];
  const parsed: Array<{
    raw: Record<string, unknown>;
    position: (segments: readonly (string | number)[], at: "value" | "key") => { line: number; column: number };
  }> = [];
  const warnings: ConfigProblem[] = [];
  const invalid = (problems: ConfigProblem[]): ConfigLoad => ({ kind: "invalid", home: homeRepo, files, problems });
  const where = (index: number) => (index === 0 ? {} : { source: files[index]! });
  const chain = (...more: ConfigFile[]) => [...files, ...more].map(fileName).join(" → ");

  let current: string = text;
  for (;;) {
    const index = files.length - 1;
    const read = parseYaml(current);
    if (!read.ok) return invalid(read.problems.map((p) => ({ ...p, ...where(index) })));
    warnings.push(...read.warnings.map((w) => ({ ...w, ...where(index) })));
    const raw = read.raw ?? {};
    if (typeof raw !== "object" || Array.isArray(raw)) {
      if (index === 0) {
        const result = validateAt(raw, () => read.position([], "value"));
        return invalid(result.ok ? [] : result.problems);
      }
      return invalid([
        {
          path: "",
          message: `${chain()}: expected a map of keys and values, got ${Array.isArray(raw) ? "a list" : typeof raw}`,
          line: 1,
          column: 1,
          ...where(index),
        },
      ]);
    }
    const { _extends: extendsValue, ...own } = raw as Record<string, unknown>;
    parsed.push({ raw: own, position: read.position });
    if (!extendsValue) break; // as Probot: an empty or false `_extends` extends nothing

    const here = { ...read.position(["_extends"], "value"), ...where(index) };
    const match = typeof extendsValue === "string" ? EXTENDS.exec(extendsValue.trim()) : null;
    if (match === null) {
      const shown = typeof extendsValue === "string" ? `\`${extendsValue}\`` : JSON.stringify(extendsValue);
      return invalid([
        { path: "_extends", message: `${chain()}: expected \`repo\`, \`owner/repo\`, \`repo:path.yml\` or \`owner/repo:path.yml\`, got ${shown}`, ...here },
      ]);
    }
    const target: ConfigFile = { owner: match[1] ?? home.owner, repo: match[2]!, path: match[3] ?? CONFIG_PATH };
    if (files.some((f) => same(f, target))) return invalid([{ path: "_extends", message: `${chain(target)}: _extends loops back`, ...here }]);
    if (files.length >= MAX_EXTENDS) {
      return invalid([{ path: "_extends", message: `${chain(target)}: expected at most ${MAX_EXTENDS} files in an _extends chain`, ...here }]);
    }
    const sameRepo = target.owner.toLowerCase() === at.owner.toLowerCase() && target.repo.toLowerCase() === at.repo.toLowerCase();
    let next: string | null;
    try {
      next = await reader.fileText(target, target.path, sameRepo ? options.ref : undefined);
    } catch (error) {
      const status = (error as { status?: unknown } | null)?.status;
      if (status !== 401 && status !== 403) throw error;
      return invalid([{ path: "_extends", message: `${chain(target)}: Docket may not read ${fileName(target)} (GitHub answered ${status})`, ...here }]);
    }
    if (next === null)
      return invalid([{ path: "_extends", message: `${chain(target)}: ${fileName(target)} does not exist (or Docket may not read it)`, ...here }]);
    files.push(target);
    current = next;
  }

  // Shallow, as Probot merges: the nearest file that has a top-level key gives all of it.
  const merged: Record<string, unknown> = {};
  const from = new Map<string, number>();
  for (let i = parsed.length - 1; i >= 0; i--) {
    for (const [key, value] of Object.entries(parsed[i]!.raw)) {
      merged[key] = value;
      from.set(key, i);
    }
  }
  const result = validateAt(merged, (segments, kind) => {
    const index = segments.length === 0 ? 0 : (from.get(String(segments[0])) ?? 0);
    return { ...parsed[index]!.position(segments, kind), ...where(index) };
  });
  if (!result.ok) return invalid(result.problems);
  return { kind: "ok", home: homeRepo, files, config: result.config, warnings: [...warnings, ...result.warnings], text };
}
