import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // GitHub is never reached from tests: nock blocks the network (see test/setup.ts).
    setupFiles: ["test/setup.ts"],
    testTimeout: 20_000,
    pool: "forks",
    // Two forks on a 2-core machine (vitest's default is one fewer than the cores): the end-to-end
    // files mostly wait on their app processes and timers, so they overlap well with the rest.
    maxWorkers: 2,
    // `npm run coverage`: statement coverage of src/ by the in-process tests (the app processes the
    // end-to-end tests start are not instrumented). Not part of `npm test`: it slows the run down.
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text-summary", "json-summary"],
    },
  },
});
