import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createUser, noSession, signIn } from "./helpers";

const uniqueName = (prefix: string) => `${prefix} ${randomBytes(3).toString("hex")}`;

/** Creates a project through the API (the request context must carry an admin session). */
async function createProject(request: APIRequestContext, name: string): Promise<string> {
  const res = await request.post("/api/projects", { data: { name, generationMode: "IMPORTED" } });
  expect(res.status()).toBe(200);
  return (await res.json()).project.id;
}

async function settingsOf(page: Page, projectId: string) {
  await page.goto(`/projects/${projectId}/settings`);
  return page.getByRole("main");
}

test("an admin sets up a project; its annotator sees it and nothing else, until it is archived", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000); // two users, a dozen pages: past 30 s on a busy two-core machine
  const name = uniqueName("Orca pairs");
  const otherName = uniqueName("Someone else's");
  const otherId = await createProject(page.request, otherName);
  const annotator = await createUser(page.request);

  // Create through the form; the first attempt combines modes that do not fit.
  await page.goto("/projects");
  await page.getByRole("link", { name: "New project" }).click();
  const form = page.getByRole("form", { name: "New project" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Description").fill("Pairs for the helpfulness run.");
  await form
    .getByLabel("Guidelines for annotators")
    .fill(
      "# Labelling rules\n\nPrefer **correct** answers. [More](https://example.org/rules)\n\n<script>alert(1)</script>",
    );
  await form.getByRole("button", { name: "Preview guidelines" }).click();
  const preview = form.getByRole("region", { name: "Guidelines preview" });
  await expect(preview.getByRole("heading", { name: "Labelling rules" })).toBeVisible();
  await expect(preview.getByText("<script>alert(1)</script>")).toBeVisible();
  await form.getByRole("button", { name: "Preview guidelines" }).click();

  await form.getByLabel("Generation mode").selectOption("MULTI_SAMPLE");
  await form.getByLabel("Evaluation mode").selectOption("IMPLICIT");
  await expect(form.getByLabel("Samples per endpoint and prompt (n)")).toHaveValue("2");
  await form.getByRole("button", { name: "Create project" }).click();
  await expect(form.getByText(/^Implicit evaluation works only with strong-vs-weak/)).toBeVisible();

  await form.getByLabel("Generation mode").selectOption("STRONG_WEAK");
  await expect(form.getByLabel("Samples per endpoint and prompt (n)")).toHaveCount(0);
  await form.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(/\/projects\/(?!new)[^/]+$/);
  const projectId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Strong vs weak").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Labelling rules" })).toBeVisible();
  await expect(page.getByRole("link", { name: "More" })).toHaveAttribute("href", "https://example.org/rules");

  // Edit it, and add the annotator.
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Settings" }).click();
  const settings = page.getByRole("form", { name: "Project settings" });
  const renamed = `${name} v2`;
  await settings.getByLabel("Name", { exact: true }).fill(renamed);
  await settings.getByLabel("Votes per pair (overlap)").fill("3");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByRole("status")).toHaveText("Saved");
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();

  // Members are found by a part of their email or name, and several are added at once.
  const [second, third] = [await createUser(page.request), await createUser(page.request)];
  await page.reload();
  const addMember = page.getByRole("form", { name: "Add a member" });
  await addMember.getByLabel("Find users").fill(annotator.email.toUpperCase());
  await expect(addMember.getByRole("checkbox")).toHaveCount(1);
  await addMember.getByRole("checkbox", { name: `${annotator.email} (Annotator)` }).check();
  // A user chosen stays chosen while the search changes.
  for (const u of [second, third]) {
    await addMember.getByLabel("Find users").fill(u.email);
    await addMember.getByRole("checkbox", { name: `${u.email} (Annotator)` }).check();
  }
  await addMember.getByRole("button", { name: "Add 3 members" }).click();
  for (const u of [annotator, second, third]) await expect(page.getByTestId(`member-${u.email}`)).toBeVisible();
  await addMember.getByLabel("Find users").fill(second.email);
  await expect(addMember.getByText("No user who is not a member matches.")).toBeVisible();
  await page.getByRole("button", { name: `Remove ${second.email}` }).click();
  await page.getByRole("button", { name: `Remove ${third.email}` }).click();
  await expect(page.getByTestId(`member-${third.email}`)).toHaveCount(0);
  // Reserved pairs offers the new member at once: the panel shares the Members panel's list.
  const reserved = page.getByRole("region", { name: "Reserved pairs" });
  await expect(reserved.getByRole("checkbox", { name: annotator.email })).toBeVisible();
  await expect(reserved.getByText("Add members first.")).toHaveCount(0);

  // The annotator sees this project only; the other one does not exist for them.
  const context = await browser.newContext(noSession);
  const ann = await context.newPage();
  await signIn(ann, annotator.email, annotator.password);
  await ann.waitForURL("/");
  await expect(ann.getByRole("link", { name: renamed })).toBeVisible();
  await ann.getByRole("link", { name: "Projects", exact: true }).click();
  await expect(ann.getByRole("link", { name: renamed })).toBeVisible();
  await expect(ann.getByText(otherName)).toHaveCount(0);
  await expect(ann.getByRole("link", { name: "New project" })).toHaveCount(0);

  const other = await ann.goto(`/projects/${otherId}`);
  expect(other?.status()).toBe(404);
  await expect(ann.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect((await ann.request.get(`/api/projects/${otherId}`)).status()).toBe(404);

  await ann.goto(`/projects/${projectId}`);
  await expect(ann.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
  const denied = await ann.goto(`/projects/${projectId}/settings`);
  expect(denied?.status()).toBe(403);
  const patch = await ann.request.patch(`/api/projects/${projectId}`, { data: { name: "hijacked" } });
  expect(patch.status()).toBe(403);

  // Archived: gone from the annotator's list and unreachable; admins can still list it.
  const main = await settingsOf(page, projectId);
  await main.getByRole("button", { name: "Archive project" }).click();
  await expect(main.getByRole("button", { name: "Unarchive project" })).toBeVisible();

  await ann.goto("/projects");
  await expect(ann.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  await expect(ann.getByRole("link", { name: renamed })).toHaveCount(0);
  expect((await ann.goto(`/projects/${projectId}`))?.status()).toBe(404);
  await context.close();

  await page.goto("/projects");
  await expect(page.getByRole("link", { name: renamed })).toHaveCount(0);
  await page.getByRole("link", { name: "Show archived" }).click();
  await expect(page.getByTestId(`project-${renamed}`)).toContainText("Archived");

  // It takes no uploads: its Documents page says so instead of offering the form.
  await page.goto(`/projects/${projectId}/documents`);
  await expect(page.getByText("This project is archived: unarchive it in Settings to upload documents.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Documents", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Add documents" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add text" })).toHaveCount(0);
});

test("the project API names invalid fields and keeps annotators out of mutations", async ({ page, browser }) => {
  const res = await page.request.post("/api/projects", {
    data: { name: "", generationMode: "MULTI_SAMPLE", samplesPerPrompt: 3, maxPairsPerPrompt: 4 },
  });
  expect(res.status()).toBe(422);
  expect((await res.json()).error.fields).toEqual([
    { path: "name", message: "Enter a name" },
    {
      path: "maxPairsPerPrompt",
      message: "3 answers per prompt form at most 3 pairs; lower the pairs per prompt or raise the samples",
    },
  ]);

  const annotator = await createUser(page.request);
  const context = await browser.newContext(noSession);
  const ann = await context.newPage();
  await signIn(ann, annotator.email, annotator.password);
  await ann.waitForURL("/");
  expect((await ann.request.post("/api/projects", { data: { name: "x", generationMode: "IMPORTED" } })).status()).toBe(
    403,
  );
  const list = await ann.request.get("/api/projects");
  expect(list.status()).toBe(200);
  expect((await list.json()).projects).toEqual([]);
  await context.close();
});

test("projects of the same name are told apart by their creator, and found by searching their name", async ({
  page,
}) => {
  const name = uniqueName("Twin");
  await createProject(page.request, name);
  await createProject(page.request, name);

  await page.goto("/projects");
  await page.getByRole("search").getByLabel("Search projects by name").fill(name.split(" ")[1]!.toUpperCase());
  await page.getByRole("search").getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/\/projects\?q=/);
  const rows = page.getByRole("region", { name: "Projects" }).getByRole("listitem");
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) {
    await expect(row.getByRole("link", { name })).toBeVisible();
    await expect(row).toContainText(/Created \w{3} \d{1,2}, \d{4} by \S/);
    await expect(row.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
  }

  await page.getByRole("link", { name: "Clear search" }).click();
  await page.waitForURL(/\/projects$/);
  await expect(page.getByRole("search").getByLabel("Search projects by name")).toHaveValue("");
});
