/**
 * Once per `vitest run`, before the end-to-end files (the `e2e` project in vitest.config.ts):
 *
 * - builds lib/ as `npm start`'s `prestart` does, so the files that start the app side by side
 *   do not each run the TypeScript build (on a fresh clone they all found lib/ missing at once);
 * - fetches Node 24 for the files that run the Action's bundle as GitHub's runner does
 *   (test/e2e/action-harness.ts `node24`), once: on a fresh clone four files fetched it at once;
 * - bundles the Action from the current sources into a temporary directory (what
 *   `npm run build:action` would check in), for the files that run it as GitHub's runner does
 *   (test/e2e/action-harness.ts `currentBundle`), and removes it at the end.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { node24 } from "./action-harness.js";
import { buildApp } from "./harness.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Action bundled from the current sources (test/e2e/global-setup.ts). */
    actionBundle: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "docket-bundle-"));
  const bundle = join(dir, "index.mjs");
  // @ts-expect-error: a script outside the type-checked sources
  const { buildOptions } = (await import("../../scripts/build-action.ts")) as { buildOptions: Record<string, unknown> };
  const { build } = await import("esbuild");
  await Promise.all([buildApp(), build({ ...buildOptions, outfile: bundle, write: true, metafile: false }), node24()]);
  project.provide("actionBundle", bundle);
  return () => rmSync(dir, { recursive: true, force: true });
}
