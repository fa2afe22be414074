import { expect, test, type Locator, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { spawnModelServer } from "../lib/testing/model-server/process";
import { addOpenAiCompatibleEndpoint } from "./helpers";

// An author's own documents, end to end, against the README's loopback server: three files (text,
// markdown, HTML) uploaded through the page's file input, a chunk preview, a preference run whose
// chosen answers must be the author's words, a triple reviewed on the Annotate tab, the DPO export
// checked against the files themselves, and an instruction run exported as SFT data (the file and
// its card checked) whose instructions then become the prompts of a new project.

let server: Awaited<ReturnType<typeof spawnModelServer>> | undefined;
let baseUrl: string;

test.beforeAll(async () => {
  server = await spawnModelServer(["--latency", "5"]);
  baseUrl = server.baseUrl;
});
test.afterAll(async () => {
  await server?.stop();
});

const tag = () => randomBytes(3).toString("hex");
const normalize = (s: string) => s.replace(/\s+/g, " ").trim();

// Distinct sentences (so the near-duplicate filter keeps most instructions), long enough that the
// loopback server's extracts pass the 100-character filter, and enough of them for several chunks
// per document under the default 1,000–2,000 characters.
const who = ["Harbour pilots", "Orchard keepers", "Bridge engineers", "Glass blowers", "Radio operators", "Beekeepers"];
const where = ["Lisbon", "Bergen", "Valparaiso", "Hakodate", "Zanzibar", "Galway", "Tallinn"];
const what = ["measure", "record", "compare", "question", "sketch", "explain", "repair", "test"];
const thing = [
  "the morning tide",
  "their old ledgers",
  "each winter storm",
  "the river current",
  "every new apprentice",
];
function sentences(seed: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const k = seed * 31 + i;
    return (
      `${who[k % who.length]} in ${where[(k * 3) % where.length]} ${what[(k * 5) % what.length]} ` +
      `${thing[(k * 7) % thing.length]} before noon, because decision number ${k} depends on what ` +
      `they learned from the season that came before it.`
    );
  });
}

const txt = sentences(1, 28)
  .join("  ")
  .replace(/ before noon,/g, "\nbefore noon,");
const mdSentences = sentences(2, 26);
const md = `# Notes from the coast\n\n${mdSentences.slice(0, 13).join(" ")}\n\n## Later\n\n${mdSentences.slice(13).join(" ")}\n`;
const htmlSentences = sentences(3, 26);
const html = `<!doctype html><html><head><title>Harbour diary</title><style>p { color: navy; }</style>
<script>window.tracker = "Secret tracking sentence that must never be extracted by anyone at all.";</script></head>
<body><nav><a href="/">Home</a> <a href="/about">Navigation links never belong in a chunk of the author text.</a></nav>
<main><h1>Harbour diary</h1><p>${htmlSentences.slice(0, 13).join(" ")}</p>
<p>${htmlSentences.slice(13).join("\n")}</p></main></body></html>`;

/** What a reader sees of each file, whitespace normalised: the text the chosen answers must come from. */
const visible = [
  normalize(txt),
  normalize(md.replace(/^#+ /gm, "")),
  normalize(
    html
      .replace(/<(script|style|nav|title)[^>]*>[\s\S]*?<\/\1>/g, " ")
      .replace(/<[^>]+>/g, " ")
      .replace(/&[a-z]+;/g, " "),
  ),
];
const inADocument = (s: string) => visible.some((v) => v.includes(normalize(s)));

/** The count after `label` in the funnel's list of steps. */
async function funnelStep(funnel: Locator, label: string): Promise<number> {
  // By the step's whole name: "Kept" is also the start of "Kept in review".
  const item = funnel
    .getByRole("list", { name: "Funnel steps" })
    .getByRole("listitem")
    .filter({ has: funnel.page().getByText(label, { exact: true }) });
  const text = await item.innerText();
  const match = /([\d,]+)\s*$/.exec(text);
  if (!match) throw new Error(`no count for "${label}" in ${JSON.stringify(text)}`);
  return Number(match[1]!.replace(/,/g, ""));
}

/** Starts the project's `nth` document run in `mode` and waits for it (the newest, shown first) to complete. */
async function runDocuments(page: Page, endpoint: string, mode: "PREFERENCES" | "INSTRUCTIONS", nth: number) {
  const form = page.getByRole("form", { name: "Start a document run" });
  await form.getByLabel("Mode").selectOption(mode);
  // This spec's own loopback server: other specs' endpoints point at servers of their own.
  await form.getByLabel("Generator endpoint").selectOption({ label: endpoint });
  await form.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveCount(nth);
  await expect(page.getByTestId("run-status").first()).toHaveText("Completed", { timeout: 240_000 });
  await expect(page.getByRole("progressbar").first()).toHaveAttribute("aria-valuenow", "100");
  // Each run's funnel, newest first; the finished run's is read again before it shows.
  const funnels = page.getByRole("group").filter({ hasText: "Funnel" });
  await expect(funnels).toHaveCount(nth);
  return funnels.first();
}

test("documents to data: upload, preview, preference and instruction runs, review, DPO export, prompts", async ({
  page,
}) => {
  test.setTimeout(540_000);
  const endpoint = `Loopback ${tag()}`;
  await page.goto("/admin/endpoints");
  await addOpenAiCompatibleEndpoint(page, endpoint, "test-strong", baseUrl);

  const created = await page.request.post("/api/projects", {
    data: { name: `Documents ${tag()}`, generationMode: "IMPORTED", evaluationMode: "IMPLICIT" },
  });
  expect(created.status()).toBe(200);
  const projectId = (await created.json()).project.id as string;

  // Upload: three formats at once through the file input.
  await page.goto(`/projects/${projectId}`);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Documents" }).click();
  await page.getByLabel("Choose files").setInputFiles([
    { name: "field-notes.txt", mimeType: "text/plain", buffer: Buffer.from(txt) },
    { name: "coast.md", mimeType: "text/markdown", buffer: Buffer.from(md) },
    { name: "harbour.html", mimeType: "text/html", buffer: Buffer.from(html) },
  ]);
  await expect(page.getByText("3 documents stored, 0 duplicates, 0 refused.")).toBeVisible();
  const rows = page.getByRole("table", { name: "Documents" }).getByRole("row");
  await expect(rows).toHaveCount(4);
  let listed = 0;
  for (const row of await rows.all()) {
    const cells = await row.getByRole("cell").allInnerTexts();
    if (cells.length) listed += Number(cells[4]!.replace(/,/g, ""));
  }
  expect(listed).toBeGreaterThanOrEqual(6);

  // Preview: the count and the histogram agree with each other and with the stored chunks.
  const chunking = page.getByRole("region", { name: "Chunking" });
  await chunking.getByRole("button", { name: "Preview" }).click();
  const preview = chunking.getByRole("status");
  await expect(preview).toContainText(`${listed} chunks from 3 of 3 documents`);
  const histogram = chunking.getByRole("table", { name: "Chunk lengths (characters)" });
  await expect(histogram).toBeVisible();
  let binned = 0;
  for (const count of await histogram.getByRole("cell").allInnerTexts()) binned += Number(count.replace(/,/g, ""));
  expect(binned).toBe(listed);

  // Preference mode against the loopback server.
  await page.getByRole("link", { name: "Document runs" }).click();
  const funnel = await runDocuments(page, endpoint, "PREFERENCES", 1);
  expect(await funnelStep(funnel, "Chunks")).toBe(listed);
  const generated = await funnelStep(funnel, "Items generated");
  expect(generated).toBe(listed * 3);
  const kept = await funnelStep(funnel, "Kept");
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(generated); // the loopback server's bad items are dropped, with a reason
  expect(await funnelStep(funnel, "Verbatim extract")).toBeLessThan(generated);
  await expect(funnel.getByRole("heading", { name: "Dropped items" })).toBeVisible();

  // Review a triple: the author's extract is the better answer.
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Annotate" }).click();
  await expect(page.getByTestId("annotate-prompt")).toBeVisible();
  const a = await page.getByTestId("answer-A").innerText();
  const b = await page.getByTestId("answer-B").innerText();
  const authorIs = inADocument(a) ? "A" : "B";
  expect(inADocument(authorIs === "A" ? a : b)).toBe(true);
  const before = await page.getByTestId("annotate-prompt").innerText();
  await page.getByRole("button", { name: `${authorIs} better` }).click();
  await expect(page.getByRole("button", { name: `${authorIs} better` })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: /^Submit/ }).click();
  await expect(page.getByTestId("annotate-prompt")).not.toHaveText(before);

  // The DPO export: one line per kept triple, each chosen answer the author's own words.
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Export" }).click();
  await expect(page.getByTestId("export-rows")).toHaveText(String(kept));
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download", exact: true }).click(),
  ]);
  const lines = readFileSync(await download.path(), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { prompt: string; chosen: string; rejected: string });
  expect(lines).toHaveLength(kept);
  for (const line of lines) {
    expect(Object.keys(line).sort()).toEqual(["chosen", "prompt", "rejected"]);
    expect(inADocument(line.chosen), line.chosen).toBe(true);
    expect(line.chosen.length).toBeGreaterThanOrEqual(100);
    expect(line.chosen).toMatch(/^\p{Lu}/u);
    expect(line.chosen).toMatch(/[.!?]$/);
    expect(line.rejected).not.toBe(line.chosen);
    expect(line.prompt).not.toMatch(/according to the text/i);
    expect(line.chosen).not.toMatch(/tracking|Navigation links|color: navy/);
  }
  expect(lines.map((l) => l.prompt)).toContain(before);

  // Instruction mode, and its instructions as the prompts of a new project.
  await page.goto(`/projects/${projectId}/documents/runs`);
  const instructionFunnel = await runDocuments(page, endpoint, "INSTRUCTIONS", 2);
  expect(await funnelStep(instructionFunnel, "Items generated")).toBe(listed * 3);
  const generatedKept = await funnelStep(instructionFunnel, "Kept");
  expect(generatedKept).toBeGreaterThan(1);

  // Review before export: one answer edited (kept exactly as typed), one item dropped.
  await page.getByText("Review kept items").click();
  const items = page.getByRole("list", { name: "Kept items" }).getByRole("listitem");
  await expect(items).toHaveCount(Math.min(generatedKept, 50));
  const typed = "A reviewer's answer,\n  indented on purpose.";
  await items.nth(0).getByRole("button", { name: "Edit" }).click();
  await items.nth(0).getByLabel("Answer").fill(typed);
  await items.nth(0).getByRole("button", { name: "Save" }).click();
  await expect(items.nth(0)).toContainText("Edited");
  await items.nth(1).getByRole("button", { name: "Drop" }).click();
  await expect(items.nth(1)).toContainText("Dropped in review");
  await expect.poll(() => funnelStep(instructionFunnel, "Kept")).toBe(generatedKept - 1);
  expect(await funnelStep(instructionFunnel, "Kept in review")).toBe(generatedKept - 1);
  const instructions = generatedKept - 1;

  // The run's kept items as an SFT export: the Export page opens on them, and the file and its card say so.
  await page.getByRole("link", { name: "Export as SFT data" }).click();
  await expect(page.getByLabel("Rows")).not.toHaveValue("");
  await expect(page.getByLabel("Format")).toHaveValue("sft");
  await expect(page.getByTestId("export-rows")).toHaveText(String(instructions));
  const [sftDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download", exact: true }).click(),
  ]);
  expect(sftDownload.suggestedFilename()).toMatch(/-sft-.+-all\.jsonl$/);
  const sft = readFileSync(await sftDownload.path(), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { instruction: string; output: string });
  expect(sft).toHaveLength(instructions);
  expect(sft.filter((row) => row.output === typed)).toHaveLength(1);
  for (const row of sft) {
    expect(Object.keys(row)).toEqual(["instruction", "output"]);
    expect(row.instruction).toMatch(/\?$/);
    expect(row.instruction).not.toMatch(/according to the text/i);
    expect(row.output.length).toBeGreaterThan(0);
  }
  const snapshots = (await (await page.request.get(`/api/projects/${projectId}/exports`)).json()).exports as {
    id: string;
    format: string;
  }[];
  expect(snapshots[0]!.format).toBe("sft");
  const card = await page.request.get(`/api/projects/${projectId}/exports/${snapshots[0]!.id}/card`);
  expect(card.status()).toBe(200);
  const readme = await card.text();
  expect(readme).toContain("## Funnel");
  expect(readme).toContain(`| Kept | ${instructions} |`);
  await page.goBack();

  const use = page.getByRole("form", { name: "Use as prompts in a preference project" });
  await use.getByLabel("New project name").fill(`From documents ${tag()}`);
  await use.getByRole("button", { name: "Use as prompts in a preference project" }).click();
  await expect(use.getByRole("status")).toContainText(`${instructions} prompts imported, 0 already there.`);
  await use.getByRole("link", { name: "Open the project" }).click();
  await expect(page.getByRole("heading", { name: /^Prompts \(/ })).toContainText(`(${instructions})`);
  const target = /\/projects\/([^/]+)\/prompts/.exec(page.url())![1]!;
  expect(target).not.toBe(projectId);
  const listedPrompts = await page.request.get(`/api/projects/${target}/prompts?limit=200`);
  expect(listedPrompts.status()).toBe(200);
  const texts = ((await listedPrompts.json()).prompts as { text: string }[]).map((p) => p.text);
  expect(texts).toHaveLength(instructions);
  for (const text of texts) {
    expect(text).toMatch(/\?$/);
    expect(text).not.toMatch(/according to the text/i);
  }
  expect(new Set(texts).size).toBe(texts.length);
});

// Guards the proxy matcher: on a route the proxy runs for, Next.js reads the body first and cuts
// it off at 10 MB. An 11 MB document was stored as its first 10 MB, reported "stored", and the
// page (which sends files as base64 in JSON) could not send a document of more than 7.5 MB.
test("a large upload is read whole: a document under the limit is stored, one over it refused", async ({ page }) => {
  test.setTimeout(180_000);
  const created = await page.request.post("/api/projects", {
    data: { name: `Large documents ${tag()}`, generationMode: "IMPORTED" },
  });
  expect(created.status()).toBe(200);
  const projectId = (await created.json()).project.id as string;
  const text = Buffer.from(`${sentences(7, 75_000).join(" ")}\nThe end.\n`);
  expect(text.length).toBeGreaterThan(11 * 1024 * 1024);

  // As the page sends it: 8.5 MB of text is a JSON body past 10 MB.
  const underLimit = text.subarray(0, 8_500_000);
  const asJson = await page.request.post(`/api/projects/${projectId}/documents`, {
    data: { files: [{ name: "page.txt", data: underLimit.toString("base64") }], pasted: [] },
    timeout: 170_000,
  });
  expect(asJson.status()).toBe(200);
  expect((await asJson.json()).documents).toEqual([expect.objectContaining({ name: "page.txt", status: "stored" })]);

  // As a script sends it: the raw body, over the 10 MB limit per document.
  const asBody = await page.request.post(`/api/projects/${projectId}/documents?fileName=raw.txt`, {
    headers: { "content-type": "application/octet-stream" },
    data: text,
    timeout: 170_000,
  });
  expect(asBody.status()).toBe(200);
  expect((await asBody.json()).documents).toEqual([
    expect.objectContaining({ name: "raw.txt", status: "refused", reason: expect.stringContaining("10 MB limit") }),
  ]);

  const listed = await page.request.get(`/api/projects/${projectId}/documents`);
  const documents = (await listed.json()).documents as { fileName: string; byteSize: number }[];
  expect(documents.map((d) => [d.fileName, d.byteSize])).toEqual([["page.txt", underLimit.length]]);
});

test("a document run starts with the project's own strong and weak endpoints chosen", async ({ page }) => {
  const endpoint = async (name: string) => {
    const res = await page.request.post("/api/admin/endpoints", {
      data: {
        name: `${name} ${tag()}`,
        provider: "OPENAI_COMPATIBLE",
        baseUrl: "http://127.0.0.1:9/v1",
        modelId: name,
      },
    });
    expect(res.status()).toBe(200);
    return (await res.json()).endpoint as { id: string; name: string };
  };
  // An endpoint whose name sorts first, which the form used to pick whatever the project's roles.
  await endpoint("aaa-first");
  const [strong, weak] = [await endpoint("zz-strong"), await endpoint("zz-weak")];
  const created = await page.request.post("/api/projects", {
    data: { name: `Roles ${tag()}`, generationMode: "STRONG_WEAK" },
  });
  const projectId = (await created.json()).project.id as string;
  const roles = await page.request.put(`/api/projects/${projectId}/endpoints`, {
    data: { strong: strong.id, weak: weak.id },
  });
  expect(roles.status()).toBe(200);
  await page.goto(`/projects/${projectId}/documents/runs`);
  const form = page.getByRole("form", { name: "Start a document run" });
  await expect(form.getByLabel("Generator endpoint")).toHaveValue(strong.id);
  await expect(form.getByLabel("Rejected answers from")).toHaveValue(weak.id);
});

test("the documents table, the document and the chunk preview count characters alike", async ({ page }) => {
  const created = await page.request.post("/api/projects", {
    data: { name: `Characters ${tag()}`, generationMode: "IMPORTED" },
  });
  const projectId = (await created.json()).project.id as string;
  // Emoji and letters beyond the BMP: two UTF-16 units each, one character each.
  const text = "Tide tables 🌊 for the harbour, with notes in 𝔣𝔯𝔞𝔨𝔱𝔲𝔯 and a smile 😀. ".repeat(3).trim();
  const characters = [...text].length;
  const uploaded = await page.request.post(`/api/projects/${projectId}/documents`, {
    data: { files: [], pasted: [{ title: "Tides", text, format: "TEXT" }] },
  });
  expect(uploaded.status()).toBe(200);
  await page.goto(`/projects/${projectId}/documents`);
  const row = page.getByRole("table", { name: "Documents" }).getByRole("row").filter({ hasText: "Tides" });
  await expect(row.getByRole("cell").nth(3)).toHaveText(characters.toLocaleString("en-US"));
  await row.getByRole("button", { name: "Tides", exact: true }).click();
  await expect(page.getByText(`Cleaned (${characters} characters)`)).toBeVisible();
  const chunking = page.getByRole("region", { name: "Chunking" });
  await chunking.getByRole("button", { name: "Preview" }).click();
  await expect(chunking.getByText(`Shortest: ${characters} characters`)).toBeVisible();
});
