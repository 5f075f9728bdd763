import { relative } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { newPrivateKey, TEST_PRIVATE_KEY_ENV } from "./test/fixtures/keys.js";

/**
 * Three projects, one run (`npm test`):
 *
 * - `shared`: the in-process tests share one module graph per worker (`isolate: false`).
 *   Importing Probot, Octokit, zod's schema and the simulator afresh for each of some 130 files
 *   was two thirds of the suite's CPU time. Such a test must leave no state behind (nock
 *   interceptors, fake timers, environment variables are restored by their own hooks).
 * - `e2e`: the end-to-end files (each starts app processes, a simulator, Redis), in workers of
 *   their own, also sharing a module graph per worker (a fresh one per file cost 1.5 s of CPU a
 *   file). Its global setup builds lib/ and the Action bundle once for every file
 *   (test/e2e/global-setup.ts).
 * - `mocked`: a test that replaces a module with `vi.mock` (a mock cannot reach a module another
 *   file of the same worker imported already): each file in a fresh module graph.
 */
const E2E = "test/e2e/**/*.test.ts";
const MOCKED = ["test/app/now.test.ts"];

/**
 * Seconds each end-to-end file took on the 2-core machine (npm test, December 2026). Vitest orders
 * files by the durations it cached in an earlier run of the checkout; a fresh clone (CI) has none,
 * and vitest then took the end-to-end files alphabetically, the longest among the last, where the
 * run waited on them alone. A file with no cached duration takes its figure here; a file with
 * neither (a new one) goes first. Roughly right is enough: only the order matters.
 */
const E2E_SECONDS: Record<string, number> = {
  "test/e2e/lost-crash.e2e.test.ts": 24,
  "test/e2e/lost-redis.e2e.test.ts": 22,
  "test/e2e/action.e2e.test.ts": 20,
  "test/e2e/lost-outage.e2e.test.ts": 17,
  "test/e2e/lost-deploy.e2e.test.ts": 16,
  "test/e2e/gathering.e2e.test.ts": 16,
  "test/e2e/demo.e2e.test.ts": 15,
  "test/e2e/notes.e2e.test.ts": 8,
  "test/e2e/minutes.e2e.test.ts": 8,
  "test/e2e/sprint-review.e2e.test.ts": 6,
  "test/e2e/setup.e2e.test.ts": 5,
  "test/e2e/rebuild-requests.e2e.test.ts": 5,
  "test/e2e/app.e2e.test.ts": 3,
  "test/e2e/production.e2e.test.ts": 3,
};

/**
 * The end-to-end files first, longest first, then the rest (vitest's order: by the durations of
 * an earlier run, else larger files first). The end-to-end files mostly wait on their app
 * processes, so the in-process files fill the cores around them; what is left at the end is short
 * in-process files, never a long end-to-end file alone. Taken in turns instead, one of each, the
 * workers switched between the projects' module graphs and imported them again and again:
 * measured on the 2-core machine, vitest alone took 122 s wall / 215 s CPU in turns, 103 s / 174 s
 * end-to-end first.
 */
class EndToEndFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const expected = (f: TestSpecification) => {
      const path = relative(root, f.moduleId);
      const cached = this.ctx.cache.getFileTestResults(`${f.project.name}:${path}`)?.duration;
      return cached ?? (E2E_SECONDS[path] ?? Number.POSITIVE_INFINITY) * 1000;
    };
    const e2e = sorted.filter((f) => f.project.name === "e2e").sort((a, b) => expected(b) - expected(a));
    return [...e2e, ...sorted.filter((f) => f.project.name !== "e2e")];
  }
}

// The test app's RSA key, made once for the run and inherited by every worker (test/fixtures/keys.ts):
// each of some twenty worker processes made its own, 0.16 s of CPU apiece.
process.env[TEST_PRIVATE_KEY_ENV] ||= newPrivateKey();

export default defineConfig({
  test: {
    environment: "node",
    // GitHub is never reached from tests: nock blocks the network (see test/setup.ts).
    setupFiles: ["test/setup.ts"],
    testTimeout: 20_000,
    pool: "forks",
    sequence: { sequencer: EndToEndFirst },
    // Three forks on a 2-core machine: the end-to-end files mostly wait on their app processes
    // and timers, so a third file keeps the cores busy meanwhile. (Four measured 98-103 s instead
    // of 103 s, with 3-6 % more CPU, and timing-sensitive tests closer to their margins.)
    maxWorkers: 3,
    projects: [
      { extends: true, test: { name: "shared", include: ["test/**/*.test.ts"], exclude: [E2E, ...MOCKED], isolate: false } },
      { extends: true, test: { name: "e2e", include: [E2E], isolate: false, globalSetup: ["test/e2e/global-setup.ts"] } },
      { extends: true, test: { name: "mocked", include: MOCKED } },
    ],
    // `npm run coverage`: statement coverage of src/ by the in-process tests (the app processes the
    // end-to-end tests start are not instrumented). Not part of `npm test`: it slows the run down.
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text-summary", "json-summary"],
    },
  },
});
