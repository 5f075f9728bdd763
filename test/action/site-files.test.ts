/**
 * The `site` command's files on disk: written where they changed, an earlier run's leftovers
 * removed, and a directory with files Docket did not write refused before anything is lost.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SITE_MANIFEST, writeSiteFiles } from "../../src/action/site-files.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "docket-site-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const files = (extra: Array<[string, string]> = []) =>
  [["index.html", "<h1>Meetings</h1>"], ["series/iaas.html", "<h1>IaaS</h1>"], ["calendar/iaas.ics", "BEGIN:VCALENDAR"], ...extra].map(([path, content]) => ({
    path: path!,
    content: content!,
  }));

describe("writeSiteFiles", () => {
  it("writes the site into a new directory and lists what it wrote", async () => {
    const dir = join(root, "_site");
    const result = await writeSiteFiles(dir, files());
    expect(result).toMatchObject({ written: ["calendar/iaas.ics", "index.html", "series/iaas.html"], removed: [], unchanged: 0, pages: 2 });
    expect(await readFile(join(dir, "series", "iaas.html"), "utf8")).toBe("<h1>IaaS</h1>");
    expect(await readFile(join(dir, SITE_MANIFEST), "utf8")).toBe("calendar/iaas.ics\nindex.html\nseries/iaas.html\n");
  });

  it("rewrites nothing that did not change and removes only its own files that are gone", async () => {
    const dir = join(root, "_site");
    await writeSiteFiles(
      dir,
      files([
        ["series/old.html", "old"],
        ["series/old/2024-12-30.html", "minutes"],
      ]),
    );
    const before = (await stat(join(dir, "index.html"))).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    const result = await writeSiteFiles(dir, files());
    expect(result).toMatchObject({ written: [], removed: ["series/old.html", "series/old/2024-12-30.html"], unchanged: 3 });
    expect((await stat(join(dir, "index.html"))).mtimeMs).toBe(before);
    expect((await readdir(join(dir, "series"))).sort()).toEqual(["iaas.html"]);
  });

  it("a run stopped half-way leaves a list that names what it wrote: the next run takes over, not refuses", async () => {
    const dir = join(root, "_site");
    // The second file cannot be written (a full disk, a cancelled job): the first one is on disk already.
    const broken = [
      { path: "calendar/iaas.ics", content: "BEGIN:VCALENDAR" },
      {
        path: "index.html",
        get content(): string {
          throw new Error("ENOSPC: no space left on device");
        },
      },
    ];
    await expect(writeSiteFiles(dir, broken)).rejects.toThrow("ENOSPC");
    expect(await readFile(join(dir, "calendar", "iaas.ics"), "utf8")).toBe("BEGIN:VCALENDAR");
    const result = await writeSiteFiles(dir, files());
    expect(result).toMatchObject({ written: ["index.html", "series/iaas.html"], removed: [], unchanged: 1 });
    expect(await readFile(join(dir, SITE_MANIFEST), "utf8")).toBe("calendar/iaas.ics\nindex.html\nseries/iaas.html\n");
  });

  it("a run with nothing new touches nothing, not even its list", async () => {
    const dir = join(root, "_site");
    await writeSiteFiles(dir, files());
    const before = (await stat(join(dir, SITE_MANIFEST))).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect(await writeSiteFiles(dir, files())).toMatchObject({ written: [], removed: [], unchanged: 3 });
    expect((await stat(join(dir, SITE_MANIFEST))).mtimeMs).toBe(before);
  });

  it("refuses a directory with files Docket did not write, and changes nothing in it", async () => {
    await mkdir(join(root, "docs"), { recursive: true });
    await writeFile(join(root, "README.md"), "mine");
    await writeFile(join(root, "docs", "notes.md"), "mine too");
    await expect(writeSiteFiles(root, files())).rejects.toThrow(/has files Docket did not write \(README\.md, docs\/notes\.md\); nothing was written/);
    expect((await readdir(root)).sort()).toEqual(["README.md", "docs"]);
  });

  it("refuses a path that leaves the directory", async () => {
    await expect(writeSiteFiles(join(root, "_site"), [{ path: "../escape.html", content: "" }])).rejects.toThrow(/expected a relative path/);
  });
});

describe("writeSiteFiles and symbolic links", () => {
  it("refuses a symbolic link listed as its own file, and writes nothing through it", async () => {
    const dir = join(root, "_site");
    await mkdir(dir, { recursive: true });
    await writeFile(join(root, "victim.txt"), "precious");
    await symlink(join(root, "victim.txt"), join(dir, "index.html"));
    await writeFile(join(dir, SITE_MANIFEST), "index.html\n");
    await expect(writeSiteFiles(dir, files())).rejects.toThrow(/index\.html is a symbolic link.*nothing was written/);
    expect(await readFile(join(root, "victim.txt"), "utf8")).toBe("precious");
    expect((await readdir(dir)).sort()).toEqual([SITE_MANIFEST, "index.html"]);
  });

  it("refuses a symbolic link to a directory on the way to a file", async () => {
    const dir = join(root, "_site");
    await mkdir(join(root, "elsewhere"), { recursive: true });
    await mkdir(dir, { recursive: true });
    await writeFile(join(root, "elsewhere", "iaas.html"), "theirs");
    await symlink(join(root, "elsewhere"), join(dir, "series"));
    await writeFile(join(dir, SITE_MANIFEST), "series\nseries/iaas.html\n");
    await expect(writeSiteFiles(dir, files())).rejects.toThrow(/series is a symbolic link/);
    expect(await readFile(join(root, "elsewhere", "iaas.html"), "utf8")).toBe("theirs");
    expect(await readdir(join(root, "elsewhere"))).toEqual(["iaas.html"]);
  });

  it("refuses a site-dir that is itself a symbolic link", async () => {
    await mkdir(join(root, "elsewhere"), { recursive: true });
    await writeFile(join(root, "elsewhere", SITE_MANIFEST), "index.html\n");
    await writeFile(join(root, "elsewhere", "index.html"), "theirs");
    await symlink(join(root, "elsewhere"), join(root, "_site"));
    await expect(writeSiteFiles(join(root, "_site"), files())).rejects.toThrow(/_site is a symbolic link/);
    expect(await readFile(join(root, "elsewhere", "index.html"), "utf8")).toBe("theirs");
  });
});
