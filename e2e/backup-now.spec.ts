// An admin backs up the demo PostgreSQL shop from the Sources page and watches the job finish; a viewer has no
// button, and the server refuses the action when a viewer calls it directly.
import { expect, test } from "@playwright/test";
import { callServerActionDirectly, createUserViaUi, signIn, signOut } from "./helpers";
import { E2E_ADMIN } from "./settings";

const PG_DEMO = "Demo shop (PostgreSQL)";

test("Back up now runs a real backup on the worker, with live progress, and the source shows it", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sources" }).click();
  const row = page.getByTestId(`source-row-${PG_DEMO}`);
  await expect(row).toContainText("never");
  await row.getByRole("button", { name: `Back up ${PG_DEMO} now` }).click();

  await expect(page).toHaveURL(/\/jobs\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { name: `Backup of ${PG_DEMO}` })).toBeVisible();
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 90_000 });
  await expect(page.getByRole("progressbar", { name: "Job progress" })).toHaveAttribute("aria-valuenow", "100");
  const log = page.getByTestId("job-log");
  await expect(log).toContainText(/Snapshot [0-9a-f]{12} \(full\): 4 tables, 10200 rows, [0-9.]+ [KM]?B read/);
  await expect(log).toContainText("No earlier snapshot of this source: took a full backup");
  await expect(log).toContainText(/Verified: \d+ chunks decrypt and match their ids/);
  await expect(page.getByText("10,200 / 10,200")).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sources" }).click();
  await expect(row).not.toContainText("never");
  await expect(row).toContainText("UTC");
});

test("a viewer gets no Back up now button and the server refuses the action", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await createUserViaUi(page, { email: "vera.viewer@e2e.test", name: "Vera Viewer", role: "Viewer", password: "vera-password-1" });
  await signOut(page);

  await signIn(page, "vera.viewer@e2e.test", "vera-password-1");
  await expect(page.getByTestId("current-role")).toHaveText("Viewer");
  await page.goto("/sources");
  await expect(page.getByTestId(`source-row-${PG_DEMO}`)).toBeVisible();
  await expect(page.getByRole("button", { name: /Back up .* now/ })).toHaveCount(0);
  const body = await callServerActionDirectly(page, "/sources", "backUpNowAction", [{ sourceId: "anything", type: "full" }]);
  expect(body).toContain('"code":"forbidden"');
});
