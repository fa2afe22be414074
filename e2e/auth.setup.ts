import { test as setup } from "@playwright/test";
import { ADMIN_STATE } from "../playwright.config";
import { admin, expectSignedIn, signIn } from "./helpers";

setup("the first admin signs in", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await page.waitForURL("/");
  await expectSignedIn(page, admin.email, "Admin");
  await page.context().storageState({ path: ADMIN_STATE });
});
