/**
 * Writing the meetings site (the Action's `site` command) into a directory: the one place the
 * Action touches the file system for it.
 *
 * Decisions (docs/site.md):
 * - Docket keeps the list of the files it wrote in `<dir>/.docket-site` (sorted, one a line) and
 *   removes only those when they are no longer part of the site. A directory with any other file
 *   (not in that list) is refused before anything is written: `site-dir` pointed at the
 *   repository's root or at a folder someone keeps files in must not lose them.
 * - A file whose bytes are already there is not written again (its mtime stays), so a run with
 *   nothing changed changes nothing on disk; directories left empty by a removal are removed.
 * - Paths come from the renderer: relative, forward slashes, no `..`; anything else is a bug and
 *   is refused.
 * - Docket follows no symbolic link: a site-dir that is one, or holds one anywhere (a file or a
 *   directory, listed in `.docket-site` or not), is refused before anything is written. A
 *   committed site-dir could otherwise bring a link and a manifest line through a pull request
 *   and have the next run overwrite a file outside the directory.
 */
import type { Dirent } from "node:fs";
import { lstat, mkdir, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import type { SiteFile } from "../render/site/model.js";

/** The list of the files Docket wrote, in the site's directory. */
export const SITE_MANIFEST = ".docket-site";

export interface SiteWriteResult {
  /** The directory, as given. */
  dir: string;
  /** Files written because they were new or changed (site paths, sorted). */
  written: string[];
  /** Files of an earlier run that are no longer part of the site, removed. */
  removed: string[];
  unchanged: number;
  /** HTML pages in the site. */
  pages: number;
}

export class SiteDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SiteDirError";
  }
}

export async function writeSiteFiles(dir: string, files: readonly SiteFile[]): Promise<SiteWriteResult> {
  const paths = files.map((f) => f.path);
  for (const path of paths) {
    if (
      path === "" ||
      path.startsWith("/") ||
      path.includes("\\") ||
      path.split("/").some((s) => s === "" || s === "." || s === "..") ||
      path === SITE_MANIFEST
    ) {
      throw new Error(`the site renderer gave the path ${JSON.stringify(path)}: expected a relative path with forward slashes (a bug in Docket)`);
    }
  }
  if (new Set(paths).size !== paths.length) throw new Error("the site renderer gave one path twice (a bug in Docket)");

  const existing = await listFiles(dir);
  const listedText = existing.includes(SITE_MANIFEST) ? await readFile(join(dir, SITE_MANIFEST), "utf8") : null;
  const listed = new Set(listedText === null ? [] : parseManifest(listedText));
  const foreign = existing.filter((p) => p !== SITE_MANIFEST && !listed.has(p));
  if (foreign.length > 0) {
    const named = foreign.slice(0, 5).join(", ") + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : "");
    throw new SiteDirError(
      `site-dir: ${dir} has files Docket did not write (${named}); nothing was written. Point \`site-dir\` at an empty directory (default _site), or remove those files.`,
    );
  }

  const result: SiteWriteResult = { dir, written: [], removed: [], unchanged: 0, pages: paths.filter((p) => p.endsWith(".html")).length };
  const wanted = new Set(paths);
  // The list names every file this run may leave before it writes any: a run stopped half-way
  // (a cancelled job, a full disk) leaves no file the next run would take for someone else's.
  const manifest = (names: Iterable<string>) => `${[...new Set(names)].sort().join("\n")}\n`;
  const finalList = manifest(paths);
  const interim = manifest([...listed, ...paths]);
  if (interim !== listedText) {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, SITE_MANIFEST), interim, "utf8");
  }
  for (const path of [...listed].filter((p) => !wanted.has(p) && existing.includes(p)).sort()) {
    await rm(join(dir, ...path.split("/")));
    await removeEmptyParents(dir, path);
    result.removed.push(path);
  }
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const target = join(dir, ...file.path.split("/"));
    const before = existing.includes(file.path) ? await readFile(target, "utf8") : null;
    if (before === file.content) {
      result.unchanged++;
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, "utf8");
    result.written.push(file.path);
  }
  if (finalList !== interim) await writeFile(join(dir, SITE_MANIFEST), finalList, "utf8");
  return result;
}

function parseManifest(text: string): string[] {
  return text.split("\n").filter((l) => l.trim() !== "");
}

/** Every file under `dir`, as a site path (forward slashes); [] when there is no such directory. Refuses any symbolic link. */
async function listFiles(dir: string): Promise<string[]> {
  const refuse = (what: string, more = 0) =>
    new SiteDirError(
      `site-dir: ${what}${more > 0 ? ` and ${more} more are symbolic links` : " is a symbolic link"}; Docket writes only regular files and follows no links, so nothing was written. Remove ${more > 0 ? "them" : "it"}.`,
    );
  let entries: Dirent[];
  try {
    if ((await lstat(dir)).isSymbolicLink()) throw refuse(dir);
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return [];
    if ((error as { code?: string }).code === "ENOTDIR") throw new SiteDirError(`site-dir: ${dir} is a file, expected a directory`);
    throw error;
  }
  // readdir does not descend into a linked directory: it is listed as an entry that is a link.
  const path = (e: Dirent) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/");
  const links = entries
    .filter((e) => e.isSymbolicLink())
    .map(path)
    .sort();
  if (links.length > 0) throw refuse(join(dir, links[0]!), links.length - 1);
  return entries
    .filter((e) => !e.isDirectory())
    .map(path)
    .sort();
}

async function removeEmptyParents(dir: string, path: string): Promise<void> {
  const parts = path.split("/").slice(0, -1);
  while (parts.length > 0) {
    const at = join(dir, ...parts);
    if ((await readdir(at)).length > 0) return;
    await rmdir(at);
    parts.pop();
  }
}
