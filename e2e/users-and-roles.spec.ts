// An admin creates an operator who then signs in; a viewer is kept out of user management, by the UI and by the
// server when the action is called directly; the audit log shows all of it.
import { expect, test } from "@playwright/test";
import { callServerActionDirectly, createUserViaUi, formAlert, signIn, signOut } from "./helpers";
import { E2E_ADMIN } from "./settings";

const operator = { email: "olivia.operator@e2e.test", name: "Olivia Operator", role: "Operator" as const, password: "operator-password-1" };
const viewer = { email: "victor.viewer@e2e.test", name: "Victor Viewer", role: "Viewer" as const, password: "viewer-password-1" };

test.describe.configure({ mode: "serial" });

test("an admin creates an operator, who can then sign in with that role", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await createUserViaUi(page, operator);
  await expect(page.getByTestId(`user-row-${operator.email}`)).toContainText("Olivia Operator");
  await signOut(page);

  await signIn(page, operator.email, operator.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText("Operator");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Storage" })).toHaveCount(0);
});

test("a viewer cannot open Settings → Users, and the server refuses the action called directly", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await createUserViaUi(page, viewer);
  await signOut(page);

  await signIn(page, viewer.email, viewer.password);
  await expect(page.getByTestId("current-role")).toHaveText("Viewer");
  await page.goto("/settings/users");
  await expect(page).toHaveURL(/\/forbidden$/);
  await expect(page.getByRole("heading", { name: "You do not have access to that page" })).toBeVisible();

  const body = await callServerActionDirectly(page, "/settings/users", "createUserAction", [
    { email: "mallory@e2e.test", name: "Mallory", role: "ADMIN", password: "mallory-password-1" },
  ]);
  expect(body).toContain('"code":"forbidden"');
  expect(body).toContain("This needs the admin role; you are signed in as viewer.");
  await signOut(page);

  // Nothing was created: Mallory cannot sign in and is not in the list.
  await signIn(page, "mallory@e2e.test", "mallory-password-1");
  await expect(formAlert(page)).toHaveText("Wrong e-mail or password.");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.goto("/settings/users");
  await expect(page.getByTestId("user-row-mallory@e2e.test")).toHaveCount(0);
});

test("the audit log shows sign-ins, the failed sign-in and the users created, and filters by action", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.goto("/settings/audit");
  const table = page.getByTestId("audit-table");
  await expect(table).toContainText("auth.sign_in_failed");
  await expect(table).toContainText("mallory@e2e.test");
  await expect(table).toContainText(operator.email);

  await page.getByLabel("Action").selectOption("user.created");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=user.created/);
  const rows = table.locator("tbody tr");
  // Newest first: the viewer, then the operator (both by the admin), and last the first admin made at start by the system.
  const texts = await rows.allTextContents();
  const at = (text: string) => texts.findIndex((t) => t.includes(text));
  expect(at(viewer.email)).toBeGreaterThanOrEqual(0);
  expect(texts[at(viewer.email)]).toContain(E2E_ADMIN.email);
  expect(at(viewer.email)).toBeLessThan(at(operator.email));
  expect(at(operator.email)).toBeLessThan(texts.length - 1);
  expect(texts.at(-1)).toContain("system");
  await expect(table).not.toContainText("auth.sign_in");
});
