import { defineConfig, devices } from "@playwright/test";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { CHROMIUM_ARGS, chromiumExecutable } from "./lib/testing/chromium";

// The browser tests run the real `npm start` path against the production build: with
// DATABASE_URL unset it starts an embedded PostgreSQL in a fresh throw-away data folder, so
// every run begins with an empty database and a known first admin. This file is also loaded by
// each worker; the values below are fixed by the first load and inherited through the env.
process.env.E2E_PORT ??= String(3100 + Math.floor(Math.random() * 800));
process.env.E2E_DATA_DIR ??= path.join(os.tmpdir(), `pairwise-e2e-${Date.now()}-${process.pid}`);
process.env.E2E_ADMIN_EMAIL ??= "admin@e2e.test";
process.env.E2E_ADMIN_PASSWORD ??= `e2e-${randomBytes(9).toString("base64url")}`;

const baseURL = `http://localhost:${process.env.E2E_PORT}`;

export const ADMIN_STATE = "e2e/.auth/admin.json";

export default defineConfig({
  testDir: "e2e",
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json"]],
  use: {
    baseURL,
    // Playwright's API requests (page.request, request) send no Origin, unlike the browser's own
    // fetches: without it the server refuses them as cross-site (lib/api/csrf.ts).
    extraHTTPHeaders: { origin: baseURL },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], storageState: ADMIN_STATE },
      dependencies: ["setup"],
    },
  ],
  webServer: {
    // As `npm start` runs it: one process, which gets the signals itself.
    command: `"${process.execPath}" --conditions=react-server --import tsx scripts/start.ts`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: process.env.E2E_PORT,
      PAIRWISE_DATA_DIR: process.env.E2E_DATA_DIR,
      ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL,
      ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
    },
  },
});
