// In the browser: milliseconds from the annotator's Enter to the next pair on screen, read from
// the page's own performance measure ("pairwise:next-pair"), against what waiting for the server
// would cost without the prefetch: one fetch of a newly claimed pair from the same page, and its
// texts put into the document (the measure also ends when the DOM holds the pair, before paint).
// The production app is started as
// `npm start` starts it, on an embedded PostgreSQL of its own; Chromium drives the keyboard.
import { chromium, request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "@/lib/runtime/ensure-build";
import { freePort } from "@/lib/runtime/ports";
import { spawnTsScript, waitForExit } from "@/lib/runtime/processes";
import { CHROMIUM_ARGS, chromiumExecutable } from "@/lib/testing/chromium";
import { median, result, type BenchResult } from "./lib";

const PAIRS = 60;
const SUBMITS = 30;
const FETCHES = 9;
const OPENINGS = 7;

async function startApp(port: number, dataDir: string, admin: { email: string; password: string }) {
  const { DATABASE_URL: _own, ...env } = process.env;
  const child = spawnTsScript(
    "scripts/start.ts",
    {
      ...env,
      PORT: String(port),
      PAIRWISE_DATA_DIR: dataDir,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      PAIRWISE_WORKER: "0",
    },
    { stdio: "ignore" },
  );
  for (let i = 0; i < 600; i++) {
    if ((await fetch(`http://localhost:${port}/api/health`).catch(() => null))?.ok) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the app did not start");
}

async function signedIn(baseURL: string, email: string, password: string): Promise<APIRequestContext> {
  // The Origin a page of the app would send: state changes without it are refused as cross-site.
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
  await api.post("/api/auth/callback/credentials", { form: { email, password, csrfToken, json: "true" } });
  return api;
}

/** An imported project of PAIRS pairs and an annotator who is a member of it. */
async function setUp(api: APIRequestContext) {
  const created = await (
    await api.post("/api/projects", { data: { name: "UI bench", generationMode: "IMPORTED", evaluationMode: "HUMAN" } })
  ).json();
  const projectId = created.project.id as string;
  const lines = Array.from({ length: PAIRS }, (_, i) =>
    JSON.stringify({
      prompt: `Question ${i}: why is the sky blue?`,
      chosen: `Rayleigh scattering, case ${i}. `.repeat(20),
      rejected: `Because of the sea, case ${i}. `.repeat(12),
    }),
  );
  await api.post(`/api/projects/${projectId}/imports/pairs?fileName=p.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: Buffer.from(`${lines.join("\n")}\n`),
  });
  const annotator = {
    email: `bench-${randomBytes(4).toString("hex")}@bench.test`,
    password: randomBytes(12).toString("hex"),
    role: "ANNOTATOR",
  };
  const { user } = await (await api.post("/api/admin/users", { data: annotator })).json();
  await api.post(`/api/projects/${projectId}/members`, { data: { userId: user.id } });
  return { projectId, annotator };
}

/**
 * Runs in the page before its own scripts: gives each new prompt's elements the `elementtiming`
 * attribute as they are inserted (before any frame paints them), so the browser reports the
 * frame that painted the prompt's text; and notes when the last click was made (the input
 * event's own time). (No named functions inside: see below.)
 */
function markPromptForPaintTiming() {
  new MutationObserver(() => {
    for (const prompt of document.querySelectorAll('[data-testid="annotate-prompt"]:not([elementtiming])'))
      for (const el of [prompt, ...prompt.querySelectorAll("*")]) el.setAttribute("elementtiming", "annotate-prompt");
  }).observe(document, { childList: true, subtree: true });
  addEventListener("click", (e) => Object.assign(window, { pairwiseClickedAt: e.timeStamp }), true);
}

/**
 * In the page: milliseconds from `since` (0: the navigation's start; "click": the last click) to
 * the first frame that painted the prompt after it.
 */
function promptPaintTime(since: number | "click") {
  const from = since === "click" ? (window as unknown as { pairwiseClickedAt: number }).pairwiseClickedAt : since;
  return new Promise<number>((resolve, reject) => {
    new PerformanceObserver((list) => {
      const times = list
        .getEntries()
        .filter((e) => (e as PerformanceEntry & { identifier?: string }).identifier === "annotate-prompt")
        .map((e) => (e as PerformanceEntry & { renderTime: number }).renderTime)
        .filter((t) => t >= from);
      if (times.length) resolve(Math.min(...times) - from);
    }).observe({ type: "element", buffered: true });
    setTimeout(() => reject(new Error("the browser reported no paint of the prompt")), 2000);
  });
}

export async function runAnnotateUiBench(): Promise<BenchResult[]> {
  await ensureBuild(process.cwd(), (m) => console.log(`  ${m}`));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "pairwise-ui-bench-"));
  chmodSync(dataDir, 0o755); // the embedded server may run as the `postgres` system user
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const admin = { email: "admin@bench.test", password: randomBytes(12).toString("hex") };
  const app = await startApp(port, dataDir, admin);
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const api = await signedIn(baseURL, admin.email, admin.password);
    const { projectId, annotator } = await setUp(api);
    const page = await (await browser.newContext({ baseURL })).newPage();
    await page.addInitScript(markPromptForPaintTiming);
    await page.goto("/login");
    await page.getByLabel("Email").fill(annotator.email);
    await page.getByLabel("Password").fill(annotator.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("/");
    await page.goto(`/projects/${projectId}/annotate`);
    const prompt = page.getByTestId("annotate-prompt");
    for (let i = 0; i < SUBMITS; i++) {
      // A person reads for seconds before choosing; the prefetch has refilled by then.
      await page.locator('[data-held="3"]').waitFor();
      const before = await prompt.innerText();
      await page.keyboard.press("1");
      await page.keyboard.press("Enter");
      await page.waitForFunction(
        (b) => document.querySelector('[data-testid="annotate-prompt"]')?.textContent !== b,
        before,
      );
    }
    const durations = await page.evaluate(() =>
      performance.getEntriesByName("pairwise:next-pair").map((e) => e.duration),
    );
    // The baseline: what the annotator would wait without prefetching. Each round claims a new
    // pair (every pair the annotator already holds is listed in `holding`, as the page does), from
    // the same page and session, and puts its texts into the document.
    // (No named functions inside: tsx would wrap them in a helper the page does not have.)
    const fetches = await page.evaluate(
      async ({ projectId, rounds }) => {
        const holding: string[] = [];
        const times: number[] = [];
        // Round 0 takes back the pairs the page holds (they come first) and round 1 warms the
        // claim up; from there on each call claims a new pair, and is timed.
        for (let i = 0; i < rounds + 2; i++) {
          const started = performance.now();
          const res = await fetch(`/api/projects/${projectId}/annotate/next`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ count: i === 0 ? 5 : 1, holding }),
          });
          if (!res.ok) throw new Error(`next pair: ${res.status} ${await res.text()}`);
          const { items } = (await res.json()) as {
            items: {
              assignmentId: string;
              prompt: { text: string };
              left: { text: string };
              right: { text: string };
            }[];
          };
          holding.push(...items.map((item) => item.assignmentId));
          const item = items[items.length - 1];
          if (!item) throw new Error("the queue ran dry");
          const shown = document.createElement("section");
          for (const text of [item.prompt.text, item.left.text, item.right.text])
            shown.append(Object.assign(document.createElement("p"), { textContent: text }));
          document.body.append(shown);
          if (i >= 2) times.push(performance.now() - started);
          shown.remove();
        }
        return times;
      },
      { projectId, rounds: FETCHES },
    );
    const fetchMedian = [...fetches].sort((a, b) => a - b)[Math.floor(FETCHES / 2)]!;
    // Opening the Annotate tab: from the click on the tab (on the project's overview) to the
    // first frame that painted the first pair's prompt, as the browser's Element Timing reports
    // it. Also loading the tab's address afresh (a reload, a bookmark: the page's scripts start
    // from nothing), from the navigation's start. Alternating with the baseline's fetch of one
    // new pair plus its render, so drift on the shared machine falls on both alike. For
    // reference, also the fresh load as the test driver first finds the prompt visible: its
    // checks back off (20, 50, 100, 100 ms apart), which adds up to 100 ms.
    const opened: number[] = [];
    const loaded: number[] = [];
    const seenByDriver: number[] = [];
    const fetchedAgain: number[] = [];
    const tab = page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Annotate" });
    for (let i = 0; i < OPENINGS; i++) {
      await page.goto(`/projects/${projectId}`);
      await tab.click();
      await prompt.waitFor();
      opened.push(await page.evaluate(promptPaintTime, "click" as const));
      await page.goto("/");
      const started = Date.now();
      await page.goto(`/projects/${projectId}/annotate`, { waitUntil: "commit" });
      await prompt.waitFor();
      seenByDriver.push(Date.now() - started);
      loaded.push(await page.evaluate(promptPaintTime, 0));
      fetchedAgain.push(
        await page.evaluate(async (projectId) => {
          const started = performance.now();
          const res = await fetch(`/api/projects/${projectId}/annotate/next`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ count: 1, holding: [] }),
          });
          const { items } = (await res.json()) as { items: { prompt: { text: string }; left: { text: string } }[] };
          const shown = document.createElement("section");
          for (const text of [items[0]?.prompt.text ?? "", items[0]?.left.text ?? ""])
            shown.append(Object.assign(document.createElement("p"), { textContent: text }));
          document.body.append(shown);
          const ms = performance.now() - started;
          shown.remove();
          return ms;
        }, projectId),
      );
    }
    console.log(
      `  first pair painted, median of ${OPENINGS}: after a click on the Annotate tab ${median(opened).toFixed(1)} ms (max ${Math.max(...opened).toFixed(1)}); loading its address ${median(loaded).toFixed(1)} ms (max ${Math.max(...loaded).toFixed(1)}), found by the driver at ${median(seenByDriver).toFixed(1)} ms; one fetch of the next pair and its render: ${median(fetchedAgain).toFixed(1)} ms`,
    );
    const sorted = [...durations].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? NaN;
    console.log(
      `  ${durations.length} submits: median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms; one fetch of a new pair and its render, median of ${FETCHES}: ${fetchMedian.toFixed(1)} ms`,
    );
    await api.dispose();
    return [
      result("annotation: next pair on screen after Enter, p95", p95, "ms", 0, "<= 50"),
      // The name is kept so results stay comparable by name; the baseline is now one fetch plus its render.
      result("annotation: next pair after Enter vs reloading the page", p95, "ms", fetchMedian, "<= 0.5"),
      // The target is the time itself (300 ms); with a baseline the check would read the ratio.
      result("annotate_first_pair", median(opened), "ms", 0, "<= 300"),
      // For reference: the same opening against one fetch of the next pair plus its render.
      result("annotate_first_pair vs one fetch", median(opened), "ms", median(fetchedAgain), "none"),
      // Loading the tab's address afresh, and the same as the test driver's polling finds it.
      result("annotate_first_pair, address loaded", median(loaded), "ms", 0, "none"),
      result("annotate_first_pair, found by the test driver", median(seenByDriver), "ms", 0, "none"),
    ];
  } finally {
    await browser.close();
    app.kill("SIGTERM");
    await waitForExit(app);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
