/**
 * `.github/docket.yml` for the Action: found as the app finds it (the
 * workflow's repository, else the owner's `.github` repository, `_extends`
 * followed; Octokit's config plugin), validated with the one schema, and every
 * problem placed on its line where the file's text tells it, so the runner can
 * annotate it.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { CONFIG_PATH, parseConfigText, validateConfig, type ConfigProblem } from "../config/load.js";
import type { GitHubGateway, RepoRef } from "../github/gateway.js";
import { scopeFor, type LoadedConfig } from "../workflows/context.js";

export type ConfigOutcome =
  | { kind: "ok"; loaded: LoadedConfig; warnings: ConfigProblem[]; text: string | null }
  | { kind: "invalid"; home: RepoRef; problems: ConfigProblem[] }
  | { kind: "missing"; searched: RepoRef[] };

export interface ConfigLoadOptions {
  /** The owner's account type, for an org-wide config's search scope; asked only when needed. */
  ownerType: () => Promise<"Organization" | "User">;
}

export async function loadActionConfig(gateway: GitHubGateway, at: RepoRef, options: ConfigLoadOptions): Promise<ConfigOutcome> {
  const searched = at.repo === ".github" ? [at] : [at, { owner: at.owner, repo: ".github" }];
  let found: { raw: Record<string, unknown> | null; home: RepoRef | null };
  try {
    found = await gateway.loadConfig(at);
  } catch (error) {
    // The config plugin throws on YAML it cannot parse: read the text again for the line and the reason.
    if (!/could not be parsed|not an object/i.test(error instanceof Error ? error.message : "")) throw error;
    for (const repo of searched) {
      const text = await gateway.fileText(repo, CONFIG_PATH);
      if (text === null) continue;
      const parsed = parseConfigText(text);
      if (!parsed.ok) return { kind: "invalid", home: repo, problems: parsed.problems };
      break;
    }
    throw error;
  }
  const { raw, home } = found;
  if (raw === null || home === null) return { kind: "missing", searched };

  const result = validateConfig(raw);
  const text = await gateway.fileText(home, CONFIG_PATH).catch(() => null);
  if (!result.ok) return { kind: "invalid", home, problems: withLines(result.problems, text) };
  const ownerType = home.repo === ".github" ? await options.ownerType() : "Organization";
  return { kind: "ok", loaded: { config: result.config, home, scope: scopeFor(home, ownerType) }, warnings: withLines(result.warnings, text), text };
}

/**
 * Problems of the merged config, with lines from the file's text. Without
 * `_extends` the text is the whole config, and its own problems (which carry
 * lines and columns) are the same; with `_extends`, each problem takes the line
 * of its YAML path in the file, where the file has it.
 */
export function withLines(problems: readonly ConfigProblem[], text: string | null): ConfigProblem[] {
  if (text === null) return [...problems];
  if (!/^_extends\s*:/m.test(text)) {
    const parsed = parseConfigText(text);
    if (!parsed.ok && problems.length > 0) return parsed.problems;
  }
  return problems.map((p) => {
    if (p.line !== undefined) return p;
    const pos = positionOf(text, p.path);
    return pos ? { ...p, ...pos } : p;
  });
}

/**
 * The line and column of a YAML path (`meetings.iaas.recurring[2]`,
 * `roles["a.b"]`) in a file's text: of the deepest part of the path that
 * exists (a missing key shows at its parent). Undefined when the text is not
 * YAML or the path is "" (the file itself).
 */
export function positionOf(text: string, path: string): { line: number; column: number } | undefined {
  const segments = parsePath(path);
  if (segments === undefined || segments.length === 0) return undefined;
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) return undefined;
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === String(seg));
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number" && seg < node.items.length) {
      node = node.items[seg];
      offset = (node as Node | null)?.range?.[0] ?? offset;
    } else break;
  }
  if (offset === undefined) return undefined;
  const pos = counter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** `a.b[2]["c.d"]` -> ["a", "b", 2, "c.d"]; undefined when it is not such a path. */
export function parsePath(path: string): Array<string | number> | undefined {
  const out: Array<string | number> = [];
  const re = /\.?([A-Za-z0-9_-]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let i = 0;
  while (i < path.length) {
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m || (m[1] !== undefined && i === 0 && path.startsWith("."))) return undefined;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]!) as string);
    i = re.lastIndex;
  }
  return out;
}
