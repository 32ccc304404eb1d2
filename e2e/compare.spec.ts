// An operator compares two backups with changes between them: per-table counts, the changed rows with the changed
// columns highlighted (old → new), NULL apart from the empty string, the schema change as a diff; then with live.
import { expect, test } from "@playwright/test";
import { createPgDatabase, pgRows, type TempPgDatabase } from "../test/support/databases";
import { createUserViaUi, signIn, signOut } from "./helpers";
import { backUpNow, backupIds, registerPgSource, shot, signInAsNewUser } from "./restore-helpers";
import { E2E_ADMIN, E2E_DATA_DIR } from "./settings";

const SOURCE = "Compare journey (PostgreSQL)";
const operator = { email: "carl.compare@e2e.test", name: "Carl Compare", role: "Operator" as const, password: "carl-password-1" };

let db: TempPgDatabase;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  db = await createPgDatabase("tm_e2e_compare");
  await pgRows(db.url, `
    CREATE TABLE products (id int PRIMARY KEY, sku text NOT NULL, price numeric(8,2) NOT NULL, note text);
    INSERT INTO products SELECT g, 'SKU-' || g, 10 + g, 'note ' || g FROM generate_series(1, 300) g;
    CREATE TABLE untouched (id int PRIMARY KEY, v text);
    INSERT INTO untouched SELECT g, 'v' || g FROM generate_series(1, 50) g;`);
});

test.afterAll(async () => {
  await db?.drop();
});

test("an operator compares two backups and sees the changed rows with the changed columns highlighted", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const sourceId = await registerPgSource(page, SOURCE, db.name);
  await backUpNow(page, SOURCE);
  await pgRows(db.url, `
    UPDATE products SET price = 99.5 WHERE id IN (7, 8);
    UPDATE products SET note = '' WHERE id = 9;
    UPDATE products SET note = NULL WHERE id = 10;
    DELETE FROM products WHERE id = 300;
    INSERT INTO products VALUES (301, 'SKU-NEW', 1.25, NULL);
    CREATE INDEX products_price_idx ON products (price);`);
  await backUpNow(page, SOURCE);
  await createUserViaUi(page, operator);
  await signOut(page);

  await signIn(page, operator.email, operator.password);
  await expect(page.getByTestId("current-role")).toHaveText("Operator");
  const [newer, older, ...rest] = await backupIds(sourceId);
  expect([older, rest]).toEqual([expect.any(String), []]);
  await page.goto(`/sources/${sourceId}/backups/${newer}`);
  await expect(page.getByTestId("backup-tables")).toContainText("changed");
  // Pinning keeps it from retention; the page says so in words.
  await page.getByRole("button", { name: "Pin", exact: true }).click();
  await expect(page.getByRole("button", { name: "Unpin" })).toBeVisible();
  await expect(page.getByText("pinned", { exact: true }).first()).toBeVisible();
  await shot(page, "backup");
  await page.getByRole("link", { name: "Compare with previous" }).click();
  await expect(page).toHaveURL(new RegExp(`compare\\?from=${older}&to=${newer}`));

  await expect(page.getByTestId("diff-summary")).toContainText("1 of 2 tables differs: 1 row added, 1 removed, 4 changed", { timeout: 90_000 });
  // The job id lands in the URL, so a reload shows the same comparison without running it again.
  await expect(page).toHaveURL(/&job=[a-z0-9]+$/);
  const products = page.getByTestId("diff-table-public.products");
  await expect(products).toContainText("price (2)");
  await expect(products).toContainText("note (2)");
  await expect(page.getByTestId("diff-table-public.untouched")).toHaveCount(0);

  // Changed rows open first: the changed cells carry old → new, unchanged ones say so.
  const changed = page.getByTestId("changed-rows");
  await expect(changed.locator("tbody tr")).toHaveCount(4);
  const row7 = changed.locator("tbody tr").filter({ has: page.locator("td:first-child", { hasText: /^7$/ }) });
  await expect(row7.locator('[data-changed-column="price"]')).toContainText("17.00");
  await expect(row7.locator('[data-changed-column="price"]')).toContainText("99.50");
  await expect(row7.locator('[data-changed-column="note"]')).toHaveCount(0);
  const row9 = changed.locator("tbody tr").filter({ has: page.locator("td:first-child", { hasText: /^9$/ }) });
  await expect(row9.locator('[data-changed-column="note"]')).toContainText("note 9");
  await expect(row9.locator('[data-changed-column="note"]')).toContainText("(empty)");
  const row10 = changed.locator("tbody tr").filter({ has: page.locator("td:first-child", { hasText: /^10$/ }) });
  await expect(row10.locator('[data-changed-column="note"]')).toContainText("NULL");
  await shot(page, "compare");

  // Added and removed rows behind their counts.
  await page.getByRole("button", { name: "Show the 1 added rows of public.products" }).click();
  await expect(page.getByTestId("added-rows")).toContainText("SKU-NEW");
  await page.getByRole("button", { name: "Show the 1 removed rows of public.products" }).click();
  await expect(page.getByTestId("removed-rows")).toContainText("SKU-300");

  // The new index as a schema change with its DDL.
  await expect(page.getByTestId("schema-changes")).toContainText("products_price_idx");

  // Against live: the source has not changed since the newer backup.
  await page.getByLabel("From (older side)").selectOption(newer);
  await page.getByLabel("To (newer side)").selectOption("live");
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByTestId("diff-summary")).toContainText("No differences", { timeout: 90_000 });
});

test("Verify now on the backup page runs a verification job of that backup", async ({ page }) => {
  await signIn(page, operator.email, operator.password);
  await expect(page.getByTestId("current-role")).toHaveText("Operator");
  const sourceId = new URL(await sourceLink(page)).pathname.split("/").pop()!;
  const [newer] = await backupIds(sourceId);
  await page.goto(`/sources/${sourceId}/backups/${newer}`);
  await expect(page.getByTestId("backup-places")).toContainText(E2E_DATA_DIR);
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page).toHaveURL(/\/jobs\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { name: `Verify of ${SOURCE}` })).toBeVisible();
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 60_000 });
});

async function sourceLink(page: import("@playwright/test").Page): Promise<string> {
  await page.goto("/sources");
  const href = await page.getByTestId(`source-row-${SOURCE}`).getByRole("link", { name: SOURCE }).getAttribute("href");
  return new URL(href!, page.url()).toString();
}

test("a viewer compares backups but is not offered the live database, which the server refuses them", async ({ page }) => {
  const viewer = { email: "vera.compare@e2e.test", name: "Vera Compare", role: "Viewer" as const, password: "vera-password-1" };
  await signInAsNewUser(page, viewer);
  const sourceId = new URL(await sourceLink(page)).pathname.split("/").pop()!;
  const [newer, older] = await backupIds(sourceId);
  await page.goto(`/sources/${sourceId}/backups/${newer}`);
  await expect(page.getByRole("link", { name: "Compare with previous" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Compare with live" })).toHaveCount(0);

  await page.goto(`/sources/${sourceId}/compare?from=${older}&to=live`);
  await expect(page.getByText("Comparing with the live database is for operators and admins")).toBeVisible();
  await expect(page.getByLabel("To (newer side)").locator("option", { hasText: "Live database" })).toHaveCount(0);
  await page.getByLabel("To (newer side)").selectOption(newer);
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByTestId("diff-summary")).toContainText("1 of 2 tables differs", { timeout: 90_000 });
});
