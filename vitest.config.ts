import { defineConfig } from "vitest/config";

/**
 * Two projects, one run (`npm test`):
 *
 * - `shared`: the in-process tests share one module graph per worker (`isolate: false`).
 *   Importing Probot, Octokit, zod's schema and the simulator afresh for each of some 130 files
 *   was two thirds of the suite's CPU time. Such a test must leave no state behind (nock
 *   interceptors, fake timers, environment variables are restored by their own hooks).
 * - `isolated`: the end-to-end files (each starts app processes, a simulator, Redis) and any test
 *   that replaces a module with `vi.mock` (a mock cannot reach a module another file of the same
 *   worker imported already): each file in a fresh module graph. Its global setup builds lib/ and
 *   the Action bundle once for every file (test/e2e/global-setup.ts).
 */
const ISOLATED = ["test/e2e/**/*.test.ts", "test/app/now.test.ts"];

export default defineConfig({
  test: {
    environment: "node",
    // GitHub is never reached from tests: nock blocks the network (see test/setup.ts).
    setupFiles: ["test/setup.ts"],
    testTimeout: 20_000,
    pool: "forks",
    // Three forks on a 2-core machine: the end-to-end files mostly wait on their app processes
    // and timers, so a third file keeps the cores busy meanwhile.
    maxWorkers: 3,
    projects: [
      { extends: true, test: { name: "shared", include: ["test/**/*.test.ts"], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: "isolated", include: ISOLATED, globalSetup: ["test/e2e/global-setup.ts"] } },
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
