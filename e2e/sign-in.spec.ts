// A person signs in, sees the shell, signs out; a wrong password is refused with a clear message.
import { expect, test } from "@playwright/test";
import { formAlert, signIn, signOut } from "./helpers";
import { E2E_ADMIN } from "./settings";

test("admin signs in, sees the shell with every section, and signs out", async ({ page }) => {
  await page.goto("/settings/users");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings%2Fusers/);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, { navigate: false });
  await expect(page).toHaveURL(/\/settings\/users$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const item of ["Overview", "Sources", "Jobs", "Storage", "Reports", "Settings"]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }
  await nav.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText("Admin");
  await signOut(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password is refused and nothing opens", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, "not-the-password");
  await expect(formAlert(page)).toHaveText("Wrong e-mail or password.");
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("the shell works on a phone: the menu opens the navigation", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.getByRole("button", { name: "Menu" }).click();
  await page.locator("#mobile-nav").getByRole("link", { name: "Jobs" }).click();
  await expect(page.getByRole("heading", { name: "Jobs" })).toBeVisible();
});
