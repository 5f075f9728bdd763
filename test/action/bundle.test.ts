/**
 * The Action runs its checked-in bundle (action/dist/index.mjs): it must be
 * what `npm run build:action` makes of the sources and the lockfile now.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildAction, BUNDLE, ROOT } from "../../scripts/build-action.js";

describe("action/dist", () => {
  it("is up to date with the sources", { timeout: 60_000 }, async () => {
    const built = await buildAction();
    const stale = [...built.files]
      .filter(([path, text]) => !existsSync(join(ROOT, path)) || readFileSync(join(ROOT, path), "utf8") !== text)
      .map(([path]) => path);
    if (stale.length > 0) expect.fail(`action/dist is stale: run npm run build:action (differs: ${stale.join(", ")})`);
  });

  it("is one small ES module without the Probot app", { timeout: 60_000 }, async () => {
    const built = await buildAction();
    const text = built.files.get(BUNDLE)!;
    // 2.6 MB since the site command: its Markdown pipeline (unified, rehype-raw with parse5 for the
    // HTML GitHub renders, rehype-sanitize) is about 0.8 MB unminified. Probot would add far more.
    expect(Buffer.byteLength(text)).toBeLessThan(3 * 1024 * 1024);
    expect(built.packages.map((p) => p.replace(/@[^@]+$/, ""))).not.toEqual(expect.arrayContaining(["probot"]));
    expect(text).not.toMatch(/\/(?:work|home|Users)\/[^"'\s]*node_modules/); // no absolute paths of the machine that built it
  });
});
