import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Server modules are imported directly by tests, outside React's server environment.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["{app,components,lib,scripts,bench}/**/*.test.{ts,tsx}"],
    exclude: ["**/node_modules/**", "lib/generated/**"],
    globalSetup: ["lib/testing/vitest-global-setup.ts"],
    setupFiles: ["lib/testing/vitest-setup.ts"],
    // Most tests run on PostgreSQL and the loopback model server beside three other test files on
    // two cores: one that takes 2 s alone took up to 14 s in a full run (the endpoint-limit test of
    // ./lib/generation), too close to a 20 s bound. A hang still ends within the minute.
    testTimeout: 60_000,
    // As the browser tests do (playwright.config.ts): on CI a test that fails is run once more,
    // and one that then passes is named at the end of `npm test` as passing only on a retry.
    retry: process.env.CI ? 1 : 0,
    // Tests spend much of their time waiting on PostgreSQL and the loopback model server: two test
    // files per core keep the CPU busy (on 2 cores the suite took 12.8 min with one per core, 8.7
    // with two). Capped, as each file holds database connections of its own.
    maxWorkers: Math.min(8, os.availableParallelism() * 2),
    hookTimeout: 60_000,
  },
});
