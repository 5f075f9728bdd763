import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // GitHub is never reached from tests: nock blocks the network (see test/setup.ts).
    setupFiles: ["test/setup.ts"],
    testTimeout: 20_000,
    pool: "forks",
  },
});
