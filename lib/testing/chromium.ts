import { chromium } from "@playwright/test";
import { existsSync } from "node:fs";

/** Playwright's own Chromium where installed (undefined: let Playwright find it), else CHROMIUM_PATH, else Debian's. */
export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // not installed: fall through to the system browser
  }
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

/** Flags that keep a headless Chromium off the network on machines without one. */
export const CHROMIUM_ARGS = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
