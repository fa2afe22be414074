import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomBytes } from "node:crypto";

async function createProject(request: APIRequestContext, generationMode: "STRONG_WEAK" | "IMPORTED" = "STRONG_WEAK") {
  const res = await request.post("/api/projects", {
    data: { name: `Imports ${randomBytes(3).toString("hex")}`, generationMode },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).project.id as string;
}

// 20 lines; line 5 is not JSON and line 12 has an empty prompt.
function promptsFile(): Buffer {
  const lines = Array.from({ length: 20 }, (_, i) => {
    const line = i + 1;
    if (line === 5) return '{"prompt": "unfinished';
    if (line === 12) return JSON.stringify({ prompt: "   ", id: "q12" });
    return JSON.stringify({ prompt: `Explain topic number ${line} simply.`, id: `q${line}`, source: "e2e" });
  });
  return Buffer.from(lines.join("\n") + "\n");
}

test("an admin uploads a JSONL file, maps its columns, and sees what was imported and what was not", async ({
  page,
}) => {
  const projectId = await createProject(page.request);
  await page.goto(`/projects/${projectId}/prompts`);
  await expect(page.getByRole("link", { name: "Prompts" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("No prompts yet")).toBeVisible();

  await page
    .getByLabel("File")
    .setInputFiles({ name: "prompts.jsonl", mimeType: "application/x-ndjson", buffer: promptsFile() });
  const preview = page.getByRole("table", { name: "Preview of the first records" });
  await expect(preview.getByRole("row")).toHaveCount(6); // the header and five records; line 5 is skipped
  await expect(preview).toContainText("Explain topic number 1 simply.");
  await expect(page.getByText("Some of the first records cannot be read: line 5: invalid JSON")).toBeVisible();
  await expect(page.getByLabel("Format")).toContainText("Detected: JSONL");
  await expect(page.getByLabel("Prompt column", { exact: true })).toHaveValue("prompt");
  await expect(page.getByLabel("External id column (optional)")).toHaveValue("id");
  // Columns no role reads are kept as metadata unless unticked.
  await expect(page.getByRole("checkbox", { name: "source" })).toBeChecked();

  await page.getByRole("button", { name: "Import prompts" }).click();
  const result = page.getByRole("region", { name: "Import result" });
  await expect(result.getByRole("status")).toContainText("18 imported");
  // Done: clicking again would only send the same file twice.
  await expect(page.getByRole("button", { name: "Import prompts" })).toBeDisabled();
  await expect(result).toContainText("2 rows could not be imported");
  const errors = result.getByRole("list", { name: "Row errors" }).getByRole("listitem");
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText(/^line 5: invalid JSON/);
  await expect(errors.nth(1)).toHaveText('line 12: column "prompt" is empty (only whitespace)');

  await expect(page.getByRole("heading", { name: "Prompts (18)" })).toBeVisible();
  await expect(page.getByTestId("prompt-row")).toHaveCount(18);
  await expect(page.getByTestId("prompt-row").first()).toContainText("Explain topic number 20 simply.");
  await expect(page.getByTestId("prompt-row").first()).toContainText("q20");

  // The same file again: nothing new, every valid row a duplicate.
  await page
    .getByLabel("File")
    .setInputFiles({ name: "prompts.jsonl", mimeType: "application/x-ndjson", buffer: promptsFile() });
  await page.getByRole("button", { name: "Import prompts" }).click();
  await expect(result.getByRole("status")).toContainText("0 imported");
  await expect(result.getByRole("status")).toContainText("18 duplicates");

  // A spreadsheet is refused as soon as it is chosen, before anything is sent.
  const sent: string[] = [];
  page.on("request", (r) => r.method() === "POST" && sent.push(r.url()));
  await page
    .getByLabel("File")
    .setInputFiles({ name: "prompts.xlsx", mimeType: "application/vnd.ms-excel", buffer: Buffer.from("PK\x03\x04") });
  await expect(
    page.getByRole("alert").filter({ hasText: "Excel files are not supported: save as CSV." }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Import prompts" })).toHaveCount(0);
  expect(sent).toEqual([]);
});

test("an admin deletes an import after a confirmation that counts what goes with it", async ({ page }) => {
  const projectId = await createProject(page.request);
  await page.goto(`/projects/${projectId}/prompts`);
  await page
    .getByLabel("File")
    .setInputFiles({ name: "prompts.jsonl", mimeType: "application/x-ndjson", buffer: promptsFile() });
  await page.getByRole("button", { name: "Import prompts" }).click();
  await expect(page.getByRole("heading", { name: "Prompts (18)" })).toBeVisible();

  await page.getByText("Past imports (1)").click();
  await page.getByRole("button", { name: "Delete import prompts.jsonl" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this import?" });
  await expect(dialog).toContainText("Deleting prompts.jsonl removes its 18 prompts.");
  await dialog.getByRole("button", { name: "Delete import" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("No prompts yet")).toBeVisible();
  await expect(page.getByText("Past imports")).toBeHidden();
});

test("an answer given before the whole upload was read closes the connection", async ({ page }) => {
  const projectId = await createProject(page.request);
  // Some 300 KB: the preview has its first records within the first 64 KiB and reads no further.
  const big = Buffer.from(
    Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ prompt: `prompt ${i}` })).join("\n") + "\n",
  );
  const preview = await page.request.post(`/api/projects/${projectId}/imports/preview?partial=1`, {
    data: big,
    headers: { "content-type": "application/octet-stream" },
  });
  expect(preview.status()).toBe(200);
  expect(preview.headers()["connection"]).toBe("close");
  // The next request (on a fresh connection) works.
  const list = await page.request.get(`/api/projects/${projectId}/imports`);
  expect(list.status()).toBe(200);
});

test("a file whose first record is longer than 64 KB is previewed and imported", async ({ page }) => {
  const projectId = await createProject(page.request);
  await page.goto(`/projects/${projectId}/prompts`);
  const long = `Summarise this: ${"word ".repeat(18_000)}`; // 90,016 characters, under the 100,000 limit
  const file = [{ prompt: long }, { prompt: "A short second prompt." }].map((r) => JSON.stringify(r)).join("\n");
  await page
    .getByLabel("File")
    .setInputFiles({ name: "long.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(file + "\n") });
  const preview = page.getByRole("table", { name: "Preview of the first records" });
  await expect(preview.getByRole("row")).toHaveCount(3);
  await expect(preview).toContainText("A short second prompt.");
  await expect(page.getByText("Some of the first records cannot be read")).toHaveCount(0);
  await expect(page.getByLabel("Prompt column", { exact: true })).toHaveValue("prompt");
  await page.getByRole("button", { name: "Import prompts" }).click();
  await expect(page.getByRole("region", { name: "Import result" }).getByRole("status")).toContainText("2 imported");
  await expect(page.getByRole("heading", { name: "Prompts (2)" })).toBeVisible();
});

test("the prompt column the form shows is the one every row is imported from", async ({ page }) => {
  const projectId = await createProject(page.request);
  await page.goto(`/projects/${projectId}/prompts`);
  const file = '{"prompt":"mixed one"}\n{"question":"mixed two from question column"}\n';
  await page
    .getByLabel("File")
    .setInputFiles({ name: "mixed.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(file) });
  await expect(page.getByLabel("Prompt column", { exact: true })).toHaveValue("prompt");
  const sent = page.waitForRequest((r) => r.url().includes("/imports/prompts"));
  await page.getByRole("button", { name: "Import prompts" }).click();
  expect(new URL((await sent).url()).searchParams.get("mapping")).toBe('{"prompt":"prompt"}');
  const result = page.getByRole("region", { name: "Import result" });
  await expect(result.getByRole("status")).toContainText("1 imported");
  await expect(result.getByRole("list", { name: "Row errors" }).getByRole("listitem")).toHaveText([
    'line 2: column "prompt" is missing',
  ]);
});

test("pasted text is imported one prompt per line", async ({ page }) => {
  const projectId = await createProject(page.request);
  await page.goto(`/projects/${projectId}/prompts`);
  await page.getByRole("button", { name: "Paste text instead" }).click();
  await page.getByLabel("Pasted text").fill("Write a haiku about rain.\n\nName three rivers in Africa.\n");
  await page.getByRole("button", { name: "Preview pasted text" }).click();
  await expect(page.getByLabel("Format")).toContainText("Detected: Plain text");
  await page.getByRole("button", { name: "Import prompts" }).click();
  await expect(page.getByRole("region", { name: "Import result" }).getByRole("status")).toContainText("2 imported");
  await expect(page.getByTestId("prompt-row")).toHaveText([
    /Name three rivers in Africa\./,
    /Write a haiku about rain\./,
  ]);
});

test("an IMPORTED project takes pairs in the Orca layout", async ({ page }) => {
  const projectId = await createProject(page.request, "IMPORTED");
  await page.goto(`/projects/${projectId}/prompts`);
  const file = [
    { system: "Be brief.", question: "What is 2+2?", chosen: "4", rejected: "5" },
    { system: "Be brief.", question: "Capital of Peru?", chosen: "Lima", rejected: "Cusco" },
  ];
  await page.getByLabel("File").setInputFiles({
    name: "orca.jsonl",
    mimeType: "application/x-ndjson",
    buffer: Buffer.from(file.map((r) => JSON.stringify(r)).join("\n")),
  });
  await expect(page.getByText("Layout found: Orca")).toBeVisible();
  await expect(page.getByRole("radio", { name: "Pairs (prompt, chosen, rejected)" })).toBeChecked();
  await page.getByRole("button", { name: "Import pairs" }).click();
  await expect(page.getByRole("region", { name: "Import result" }).getByRole("status")).toContainText("2 imported");
  await expect(page.getByTestId("prompt-row")).toHaveCount(2);
  await expect(page.getByTestId("prompt-row").first()).toContainText("Be brief.");
});

// Guards the proxy matcher: on a route the proxy runs for, Next.js buffers the body and cuts it
// off at 10 MB, which once turned a 17 MB file into a "successful" import of its first 59%.
test("a file over 10 MB is imported whole", async ({ page }) => {
  test.setTimeout(120_000);
  const projectId = await createProject(page.request);
  const lines = 80_000;
  const body = Buffer.from(
    Array.from({ length: lines }, (_, i) =>
      JSON.stringify({ prompt: `Prompt ${i}: ${"lorem ipsum ".repeat(10)}` }),
    ).join("\n") + "\n",
  );
  expect(body.length).toBeGreaterThan(11 * 1024 * 1024);
  const res = await page.request.post(`/api/projects/${projectId}/imports/prompts?fileName=big.jsonl`, {
    headers: { "content-type": "application/octet-stream" },
    data: body,
    timeout: 110_000,
  });
  expect(res.status()).toBe(200);
  expect((await res.json()).batch).toMatchObject({ total: lines, imported: lines, invalid: 0 });
});
