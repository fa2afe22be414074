import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createUser, noSession, signIn } from "./helpers";

test("two admins save the settings at once: the later save is refused and says who changed what", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000); // two users on a busy two-core machine
  const name = `Shared settings ${randomBytes(3).toString("hex")}`;
  const res = await page.request.post("/api/projects", {
    data: { name, generationMode: "IMPORTED", guidelines: "Old rules" },
  });
  expect(res.status()).toBe(200);
  const projectId = (await res.json()).project.id as string;
  const other = await createUser(page.request, "ADMIN");
  const second = await (await browser.newContext(noSession)).newPage();
  await signIn(second, other.email, other.password);
  await second.waitForURL("/");

  // Both open the settings; the other admin changes the guidelines first.
  await page.goto(`/projects/${projectId}/settings`);
  await second.goto(`/projects/${projectId}/settings`);
  const theirs = second.getByRole("form", { name: "Project settings" });
  await theirs.getByLabel("Guidelines for annotators").fill("New rules");
  await theirs.getByRole("button", { name: "Save settings" }).click();
  await expect(theirs.getByRole("status")).toHaveText("Saved");

  // This page was loaded before: its save is refused, naming them, and what was typed stays.
  const mine = page.getByRole("form", { name: "Project settings" });
  await mine.getByLabel("Description").fill("My description");
  await mine.getByRole("button", { name: "Save settings" }).click();
  const alert = mine.getByRole("alert");
  await expect(alert).toContainText(`These settings were changed by ${other.email}`);
  await expect(alert).toContainText("since you opened them (Guidelines for annotators)");
  await expect(mine.getByLabel("Description")).toHaveValue("My description");

  // Reloading shows their change; saving again keeps both.
  await alert.getByRole("button", { name: "Reload the settings" }).click();
  await expect(mine.getByLabel("Guidelines for annotators")).toHaveValue("New rules");
  await mine.getByLabel("Description").fill("My description");
  await mine.getByRole("button", { name: "Save settings" }).click();
  await expect(mine.getByRole("status")).toHaveText("Saved");
  const { project } = await (await page.request.get(`/api/projects/${projectId}`)).json();
  expect({ description: project.description, guidelines: project.guidelines }).toEqual({
    description: "My description",
    guidelines: "New rules",
  });
});
