// An operator changes rows after a backup, walks the restore wizard with the keyboard-usable stepper, sees the preview
// count exactly those changes, restores into a new database and sees it verified; the new database holds the backed-up
// rows. A viewer gets the forbidden page, and the server refuses the restore and pin actions called directly.
import { expect, test } from "@playwright/test";
import { createPgDatabase, dropPgDatabase, pgRows, type TempPgDatabase } from "../test/support/databases";
import { callServerActionDirectly, createUserViaUi, signIn, signOut } from "./helpers";
import { agePreview, backUpNow, backupIds, registerPgSource, shot, signInAsNewUser } from "./restore-helpers";
import { E2E_ADMIN } from "./settings";

test.describe.configure({ mode: "serial" });

const SOURCE = "Restore journey (PostgreSQL)";
const operator = { email: "rita.restorer@e2e.test", name: "Rita Restorer", role: "Operator" as const, password: "rita-password-1" };
const viewer = { email: "vic.viewer@e2e.test", name: "Vic Viewer", role: "Viewer" as const, password: "vic-password-1" };
const UPDATED = 7;
const DELETED = 3;
const INSERTED = 5;

let db: TempPgDatabase;
let sourceId = "";
const restored: string[] = [];

test.beforeAll(async () => {
  db = await createPgDatabase("tm_e2e_restore");
  await pgRows(db.url, `
    CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, qty int NOT NULL, note text);
    INSERT INTO items SELECT g, 'item ' || g, g * 10, CASE WHEN g % 4 = 0 THEN NULL ELSE 'n' || g END FROM generate_series(1, 200) g;
    CREATE TABLE tags (id int PRIMARY KEY, label text NOT NULL);
    INSERT INTO tags SELECT g, 'tag ' || g FROM generate_series(1, 20) g;`);
});

test.afterAll(async () => {
  for (const name of restored) await dropPgDatabase(name);
  await db?.drop();
});

test("an operator previews a restore that counts the changes since the backup, restores into a new database and sees it verified", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  sourceId = await registerPgSource(page, SOURCE, db.name);
  await backUpNow(page, SOURCE);
  await createUserViaUi(page, operator);
  await signOut(page);

  // After the backup: 7 rows updated, 3 deleted, 5 inserted.
  await pgRows(db.url, `
    UPDATE items SET qty = qty + 1 WHERE id BETWEEN 11 AND ${10 + UPDATED};
    DELETE FROM items WHERE id BETWEEN 101 AND ${100 + DELETED};
    INSERT INTO items SELECT g, 'late ' || g, 0, NULL FROM generate_series(1001, ${1000 + INSERTED}) g;`);

  await signIn(page, operator.email, operator.password);
  await expect(page.getByTestId("current-role")).toHaveText("Operator");
  const [backupId] = await backupIds(sourceId);
  await page.goto(`/sources/${sourceId}/backups/${backupId}`);
  await expect(page.getByTestId("backup-tables")).toContainText("public.items");
  await page.getByRole("link", { name: "Restore…" }).click();
  await expect(page).toHaveURL(new RegExp(`/sources/${sourceId}/restore\\?backup=${backupId}$`));

  // 1. The point in time is the backup the link named.
  await expect(page.getByLabel("Backup to restore")).toHaveValue(backupId);
  await shot(page, "restore-1-point");
  await page.getByRole("button", { name: "Next", exact: true }).click();

  // 2. In place first: its preview is the live database → backup diff.
  await expect(page.getByRole("heading", { name: "2. Restore into…" })).toBeFocused();
  await page.getByLabel(/In place: replace/).check();
  await shot(page, "restore-2-target");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Next: preview the changes" }).click();
  const preview = page.getByTestId("restore-preview");
  await expect(preview).toBeVisible({ timeout: 90_000 });
  const itemsRow = page.getByTestId("preview-row-public.items");
  // Restoring in place deletes the rows inserted since, puts back the deleted ones and undoes the updates.
  await expect(itemsRow.locator("td").nth(1)).toHaveText(String(INSERTED));
  await expect(itemsRow.locator("td").nth(2)).toHaveText(String(DELETED));
  await expect(itemsRow.locator("td").nth(3)).toHaveText(String(UPDATED));
  await expect(page.getByTestId("preview-row-public.tags").locator("td").nth(1)).toHaveText("0");
  await shot(page, "restore-4-preview-in-place");

  // Back to the target (with the stepper): a new database, the suggested name.
  await page.getByRole("navigation", { name: "Restore steps" }).getByRole("button", { name: /Target/ }).click();
  await page.getByLabel(/A new database/).check();
  const name = await page.getByLabel("New database name").inputValue();
  expect(name).toMatch(new RegExp(`^${db.name}_restored_\\d{8}_\\d{4}$`));
  restored.push(name);
  // A bad name is refused before anything runs.
  await page.getByLabel("New database name").fill("bad name; drop");
  await expect(page.getByText("Use letters, digits and underscores only")).toBeVisible();
  await expect(page.getByRole("button", { name: "Next", exact: true })).toBeDisabled();
  await page.getByLabel("New database name").fill(name);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByLabel(/All 2 tables/)).toBeChecked();
  await page.getByRole("button", { name: "Next: preview the changes" }).click();

  // 4. Preview of a new database: everything created; beside it, the changes since the backup, counted exactly.
  await expect(page.getByTestId("preview-inserted")).toHaveText("220", { timeout: 90_000 });
  await expect(page.getByTestId("preview-deleted")).toHaveText("0");
  const since = page.getByTestId("since-row-public.items");
  await expect(since.locator("td").nth(1)).toHaveText(String(INSERTED), { timeout: 90_000 });
  await expect(since.locator("td").nth(2)).toHaveText(String(DELETED));
  await expect(since.locator("td").nth(3)).toHaveText(String(UPDATED));
  await shot(page, "restore-4-preview-new-database");
  await page.getByRole("button", { name: "Next: confirm" }).click();

  // 5. Confirm, by keyboard.
  await expect(page.getByTestId("restore-summary")).toContainText(name);
  await expect(page.getByText("Skip the pre-restore backup")).toHaveCount(0);
  await shot(page, "restore-5-confirm");
  await page.getByRole("button", { name: "Start the restore" }).focus();
  await page.keyboard.press("Enter");

  // 6. Live progress, then the verified result.
  await expect(page.getByRole("heading", { name: "6. Restore" })).toBeVisible();
  await expect(page.getByTestId("restore-outcome")).toContainText("verified", { timeout: 120_000 });
  await expect(page.getByTestId("restored-database")).toHaveText(name);
  await shot(page, "restore-6-result");

  // The new database has the rows as they were at the backup; the source keeps its changes.
  const copy = db.url.replace(`/${db.name}`, `/${name}`);
  expect(await pgRows(copy, "SELECT count(*)::int AS n, sum(qty)::int AS qty FROM items")).toEqual([{ n: 200, qty: 201_000 }]);
  expect(await pgRows(copy, "SELECT id FROM items WHERE id > 1000 OR id BETWEEN 101 AND 103 ORDER BY id")).toEqual([{ id: 101 }, { id: 102 }, { id: 103 }]);
  expect(await pgRows(copy, "SELECT count(*)::int AS n FROM items WHERE note IS NULL")).toEqual([{ n: 50 }]);
  expect(await pgRows(db.url, "SELECT count(*)::int AS n FROM items")).toEqual([{ n: 200 - DELETED + INSERTED }]);
});

test("a viewer gets the forbidden page for the wizard and the server refuses restore and pin", async ({ page }) => {
  expect(sourceId, "the first test registered the source").not.toBe("");
  const [backupId] = await backupIds(sourceId);
  await signInAsNewUser(page, viewer);
  await page.goto(`/sources/${sourceId}/backups/${backupId}`);
  await expect(page.getByTestId("backup-tables")).toBeVisible();
  await expect(page.getByRole("link", { name: "Restore…" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Pin|Unpin)$/ })).toHaveCount(0);
  // Reading the live database is for operators: not offered to viewers.
  await expect(page.getByRole("link", { name: "Compare with live" })).toHaveCount(0);

  await page.goto(`/sources/${sourceId}/restore?backup=${backupId}`);
  await expect(page).toHaveURL(/\/forbidden$/);
  const restore = await callServerActionDirectly(page, "/sources", "startRestoreAction", [{ backupSetId: backupId, mode: "new", database: "viewer_was_here", previewJobId: "x" }]);
  expect(restore).toContain('"code":"forbidden"');
  const pin = await callServerActionDirectly(page, "/sources", "pinBackupAction", [{ backupSetId: backupId, pinned: true }]);
  expect(pin).toContain('"code":"forbidden"');
  expect(await pgRows(db.url.replace(`/${db.name}`, "/postgres"), "SELECT count(*)::int AS n FROM pg_database WHERE datname = 'viewer_was_here'")).toEqual([{ n: 0 }]);
});

test("an in-place restore needs the database name typed, takes a pre-restore backup first and links to it as the undo", async ({ page }) => {
  test.setTimeout(180_000);
  expect(sourceId, "the first test registered the source").not.toBe("");
  const [backupId] = await backupIds(sourceId);
  await signIn(page, operator.email, operator.password);
  await expect(page.getByTestId("current-role")).toHaveText("Operator");
  await page.goto(`/sources/${sourceId}/restore?backup=${backupId}`);

  // The server checks what the wizard checks: the typed name, who may skip the safety backup, a finished preview.
  const call = (args: Record<string, unknown>) => callServerActionDirectly(page, `/sources/${sourceId}/restore`, "startRestoreAction", [{ backupSetId: backupId, mode: "replace", previewJobId: "none", ...args }]);
  const wrongName = await call({ confirmDatabase: "postgres" });
  expect(wrongName).toContain('"code":"invalid"');
  expect(wrongName).toContain("to confirm replacing it");
  expect(await call({ confirmDatabase: db.name, skipPreRestoreBackup: true })).toContain("Only an admin may skip the pre-restore backup");
  expect(await call({ confirmDatabase: db.name })).toContain("Look at the preview of what this restore changes first");

  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel(/In place: replace/).check();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Next: preview the changes" }).click();
  await expect(page.getByTestId("preview-row-public.items").locator("td").nth(1)).toHaveText(String(INSERTED), { timeout: 90_000 });
  await page.getByRole("button", { name: "Next: confirm" }).click();

  const go = page.getByRole("button", { name: `Replace ${db.name} now` });
  await expect(go).toBeDisabled();
  await page.getByLabel(`Type ${db.name} to confirm`).fill(`${db.name}x`);
  await expect(go).toBeDisabled();
  await page.getByLabel(`Type ${db.name} to confirm`).fill(db.name);
  await shot(page, "restore-5-confirm-in-place");
  await go.click();
  await expect(page.getByTestId("restore-outcome")).toContainText("verified", { timeout: 120_000 });
  expect(await pgRows(db.url, "SELECT count(*)::int AS n, sum(qty)::int AS qty FROM items")).toEqual([{ n: 200, qty: 201_000 }]);

  // The undo link opens the pre-restore backup, which holds the rows the restore replaced.
  await page.getByRole("link", { name: "The pre-restore backup of what was replaced" }).click();
  await expect(page).toHaveURL(new RegExp(`/sources/${sourceId}/backups/[a-z0-9]+$`));
  await expect(page.getByText("pre-restore backup", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("backup-tables")).toContainText(String(200 - DELETED + INSERTED));
});

test("the preview refuses a new database that already exists, and an expired preview must be run again", async ({ page }) => {
  test.setTimeout(180_000);
  expect(restored[0], "the first test restored into a new database").toBeTruthy();
  const [backupId] = await backupIds(sourceId);
  await signIn(page, operator.email, operator.password);
  await expect(page.getByTestId("current-role")).toHaveText("Operator");
  await page.goto(`/sources/${sourceId}/restore?backup=${backupId}`);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel(/A new database/).check();

  // The database the first test restored into exists now: the preview says so instead of promising to create it.
  await page.getByLabel("New database name").fill(restored[0]);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Next: preview the changes" }).click();
  await expect(page.getByText(`Database ${restored[0]} already exists on 127.0.0.1:5432: choose another name, or restore in place.`)).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("button", { name: "Next: confirm" })).toBeDisabled();

  // A free name previews; the confirm step says how old the preview is.
  await page.getByRole("navigation", { name: "Restore steps" }).getByRole("button", { name: /Target/ }).click();
  const fresh = `${db.name}_fresh`.slice(0, 63);
  await page.getByLabel("New database name").fill(fresh);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Next: preview the changes" }).click();
  await expect(page.getByTestId("restore-preview")).toBeVisible({ timeout: 90_000 });
  await page.getByRole("button", { name: "Next: confirm" }).click();
  await expect(page.getByTestId("preview-age")).toHaveText("as the preview from less than a minute ago showed");

  // Left open past the limit (aged in the metadata database): the server refuses it and the wizard offers a new preview.
  await agePreview(backupId, 31);
  await page.getByRole("button", { name: "Start the restore" }).click();
  await expect(page.getByText("The preview is 31 minutes old (it is valid for 30)")).toBeVisible();
  await expect(page.getByRole("button", { name: "Start the restore" })).toBeDisabled();
  await page.getByRole("button", { name: "Preview again" }).click();
  await expect(page.getByTestId("restore-preview")).toBeVisible({ timeout: 90_000 });
  await page.getByRole("button", { name: "Next: confirm" }).click();
  await expect(page.getByTestId("preview-age")).toHaveText("as the preview from less than a minute ago showed");
  await expect(page.getByRole("button", { name: "Start the restore" })).toBeEnabled();
  expect(await pgRows(db.url.replace(`/${db.name}`, "/postgres"), `SELECT 1 FROM pg_database WHERE datname = '${fresh}'`)).toEqual([]);
});
