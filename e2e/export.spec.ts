import { expect, test, type APIRequestContext } from "@playwright/test";
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const tag = () => randomBytes(3).toString("hex");
const baseURL = `http://localhost:${process.env.E2E_PORT}`;

/** An imported project with implicit labels: every imported pair is exportable as it is. */
async function projectWithPairs(
  request: APIRequestContext,
  pairs: { prompt: string; chosen: string; rejected: string }[],
) {
  const created = await request.post("/api/projects", {
    data: { name: `Export ${tag()}`, generationMode: "IMPORTED", evaluationMode: "IMPLICIT" },
  });
  expect(created.status()).toBe(200);
  const projectId = (await created.json()).project.id as string;
  const imported = await request.post(`/api/projects/${projectId}/imports/pairs?fileName=p.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: Buffer.from(pairs.map((p) => JSON.stringify(p)).join("\n") + "\n"),
  });
  expect(imported.status()).toBe(200);
  expect((await imported.json()).batch).toMatchObject({ imported: pairs.length, invalid: 0 });
  return projectId;
}

async function cli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/export.ts", ...args],
      {
        env: { ...process.env, ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test("an admin exports through the page, re-downloads the snapshot identically, and exports with the command line", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const rows = Array.from({ length: 3 }, (_, i) => ({
    prompt: `Question ${i} ✓ "quoted"?`,
    chosen: `Good answer ${i} 🎉`,
    rejected: `Poor answer ${i}`,
  }));
  const projectId = await projectWithPairs(page.request, rows);

  await page.goto(`/projects/${projectId}/export`);
  await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Export" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.getByTestId("export-rows")).toHaveText("3");
  await page.getByLabel("Split", { exact: true }).selectOption("train");
  await expect(page.getByRole("region", { name: "Export options" }).getByRole("alert")).toContainText(
    "split=train needs testFraction or testCount",
  );
  await page.getByLabel("Split", { exact: true }).selectOption("all");
  await expect(page.getByTestId("export-rows")).toHaveText("3");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download", exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^export-[0-9a-f]{6}-trl-all\.jsonl$/);
  const file = readFileSync(await download.path());
  const lines = file
    .toString("utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines.sort((a, b) => a.prompt.localeCompare(b.prompt))).toEqual(rows);

  // A label changing afterwards does not change the snapshot.
  await page.request.post(`/api/projects/${projectId}/imports/pairs?fileName=more.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: Buffer.from(JSON.stringify({ prompt: "A later question", chosen: "yes", rejected: "no" }) + "\n"),
  });
  await page.reload();
  const snapshot = page.getByTestId("snapshot").first();
  await expect(snapshot).toContainText("3 rows");
  await expect(snapshot).toContainText(`sha256 ${sha256(file)}`);
  const [again] = await Promise.all([
    page.waitForEvent("download"),
    snapshot.getByRole("link", { name: "Download again" }).click(),
  ]);
  expect(readFileSync(await again.path()).equals(file)).toBe(true);
  // A stored file's size is sent as its Content-Length, to HEAD and GET alike (download tools
  // show progress with it).
  const href = await snapshot.getByRole("link", { name: "Download again" }).getAttribute("href");
  for (const method of ["HEAD", "GET"] as const) {
    const res = await page.request.fetch(href!, { method });
    expect(res.headers()["content-length"], method).toBe(String(file.byteLength));
    expect(res.headers()["x-pairwise-content-length"], method).toBeUndefined();
  }
  const [card] = await Promise.all([
    page.waitForEvent("download"),
    snapshot.getByRole("link", { name: "Dataset card" }).click(),
  ]);
  expect(card.suggestedFilename()).toBe("README.md");
  expect(readFileSync(await card.path(), "utf8")).toMatch(
    /^---\npretty_name: "Export [0-9a-f]{6}"\nlicense: "other"\n[\s\S]*\| train \| 3 \|/,
  );

  // The command line, with a token made on the API.
  const made = await page.request.post("/api/tokens", { data: { name: "export e2e" } });
  expect(made.status()).toBe(200);
  const { token } = (await made.json()) as { token: string };
  const dir = mkdtempSync(path.join(tmpdir(), "pairwise-export-cli-"));
  const env = { PAIRWISE_URL: baseURL, PAIRWISE_TOKEN: token };
  const out = path.join(dir, "data.jsonl");
  const ok = await cli(
    ["--project", projectId, "--format", "orca", "--out", out, "--card", path.join(dir, "README.md")],
    env,
  );
  expect(ok.stderr).toBe("");
  expect(ok.code).toBe(0);
  const written = readFileSync(out);
  expect(ok.stdout).toMatch(
    new RegExp(`data\\.jsonl: 4 rows, ${written.length} bytes, snapshot \\S+, sha256 ${sha256(written)}; card in`),
  );
  expect(
    written
      .toString()
      .trim()
      .split("\n")
      .map((l) => Object.keys(JSON.parse(l))),
  ).toEqual(Array(4).fill(["system", "question", "chosen", "rejected"]));
  const savedCard = readFileSync(path.join(dir, "README.md"), "utf8");
  expect(savedCard).toContain("| train | 4 |");
  // The card's data files name the file the command wrote, beside the card.
  expect(savedCard).toContain('  data_files:\n  - split: train\n    path: "data.jsonl"\n---');

  // The page shows the same export as a command to paste, and it works as shown.
  await page.getByLabel("Format", { exact: true }).selectOption("orca");
  const shown = (await page.getByLabel("npm run export command", { exact: true }).textContent())!;
  expect(shown).toContain(`--project ${projectId} --format orca`);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy the npm run export command" }).click();
  await expect(page.getByText("Copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  const pasted = path.join(dir, "pasted.jsonl");
  await run("bash", ["-c", shown.replace("--out dataset.jsonl", `--out ${pasted}`)], {
    env: { ...process.env, PAIRWISE_TOKEN: token },
  });
  expect(
    readFileSync(pasted, "utf8")
      .trim()
      .split("\n")
      .map((l) => Object.keys(JSON.parse(l))),
  ).toEqual(Array(4).fill(["system", "question", "chosen", "rejected"]));

  const bad = await cli(["--project", projectId, "--format", "xml", "--out", path.join(dir, "bad.jsonl")], env);
  expect(bad.code).toBe(1);
  expect(bad.stderr.trim()).toBe(
    'export: Export failed: 422 --format must be one of trl, trl_conversational, orca, sft, sft_trl, sft_conversational (got "xml")',
  );
  const refused = await cli(["--project", projectId, "--out", path.join(dir, "bad.jsonl")], {
    ...env,
    PAIRWISE_TOKEN: "pw_wrong",
  });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/^export: Export failed: 401 .* \(check PAIRWISE_TOKEN or --token\)\n$/);
  const missing = await cli(["--project", "no-such-project", "--out", path.join(dir, "bad.jsonl")], env);
  expect(missing.stderr).toMatch(/^export: Export failed: 404 Project not found \(check --project\)\n$/);
  // A folder that is not there is refused before the server runs (and stores) an export.
  const snapshots = async () =>
    ((await (await page.request.get(`/api/projects/${projectId}/exports`)).json()) as { exports: unknown[] }).exports
      .length;
  const before = await snapshots();
  const nowhere = path.join(dir, "no-such-folder", "data.jsonl");
  const unwritable = await cli(["--project", projectId, "--out", nowhere], env);
  expect(unwritable.code).toBe(1);
  expect(unwritable.stderr.trim()).toBe(
    `export: Cannot write --out ${nowhere}: the folder ${path.dirname(nowhere)} does not exist`,
  );
  expect(await snapshots()).toBe(before);
  expect(readdirSync(dir).sort()).toEqual(["README.md", "data.jsonl", "pasted.jsonl"]);
});

test("an admin deletes a past export, after confirming, and its file is gone", async ({ page }) => {
  const projectId = await projectWithPairs(page.request, [{ prompt: "Delete me?", chosen: "Yes", rejected: "No" }]);
  const res = await page.request.get(`/api/projects/${projectId}/export?format=trl`);
  expect(res.status()).toBe(200);
  const id = res.headers()["x-pairwise-snapshot"]!;

  await page.goto(`/projects/${projectId}/export`);
  const snapshot = page.getByTestId("snapshot");
  await expect(snapshot).toHaveCount(1);
  await expect(snapshot).toContainText("1 row,");
  await snapshot.getByRole("button", { name: /^Delete the export / }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this export?" });
  await expect(dialog).toContainText("(1 row,");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(snapshot).toHaveCount(1);

  await snapshot.getByRole("button", { name: /^Delete the export / }).click();
  await page
    .getByRole("dialog", { name: "Delete this export?" })
    .getByRole("button", { name: "Delete export" })
    .click();
  await expect(page.getByText("No exports yet.")).toBeVisible();
  expect((await page.request.get(`/api/projects/${projectId}/exports/${id}/file`)).status()).toBe(404);
});

test("the export streams through the server, and a client that goes away leaves a failed snapshot without chunks", async ({
  request,
}) => {
  test.setTimeout(120_000);
  // About 24 MB of answers (imports take up to 100,000 characters a text): more than the
  // server's and the socket's buffers hold.
  const big = Array.from({ length: 250 }, (_, i) => ({
    prompt: `Long ${i}`,
    chosen: `${i} ${"c".repeat(48_000)}`,
    rejected: `${i} ${"r".repeat(48_000)}`,
  }));
  const projectId = await projectWithPairs(request, big);
  const { token } = (await (await request.post("/api/tokens", { data: { name: "stream e2e" } })).json()) as {
    token: string;
  };
  const headers = { authorization: `Bearer ${token}` };
  const status = async (id: string) =>
    (await (await request.get(`/api/projects/${projectId}/exports/${id}`)).json()).export.status as string;

  const res = await fetch(`${baseURL}/api/projects/${projectId}/export`, { headers });
  expect(res.status).toBe(200);
  const id = res.headers.get("x-pairwise-snapshot")!;
  const reader = res.body!.getReader();
  let received = (await reader.read()).value!.byteLength;
  // The first bytes are here while the server is still producing the rest.
  expect(await status(id)).toBe("RUNNING");
  for (let r = await reader.read(); !r.done; r = await reader.read()) received += r.value.byteLength;
  await expect.poll(() => status(id)).toBe("COMPLETE");
  expect((await (await request.get(`/api/projects/${projectId}/exports/${id}`)).json()).export.byteSize).toBe(received);

  const abort = new AbortController();
  const cut = await fetch(`${baseURL}/api/projects/${projectId}/export`, { headers, signal: abort.signal });
  const cutId = cut.headers.get("x-pairwise-snapshot")!;
  await cut.body!.getReader().read();
  abort.abort();
  await expect.poll(() => status(cutId), { timeout: 30_000 }).toBe("FAILED");
  const listed = (await (await request.get(`/api/projects/${projectId}/exports`)).json()).exports as {
    id: string;
    error: string;
  }[];
  expect(listed.find((s) => s.id === cutId)?.error).toBe("The download was cancelled before it finished");
  expect((await request.get(`/api/projects/${projectId}/exports/${cutId}/file`)).status()).toBe(409);
});
