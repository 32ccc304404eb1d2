// The primary storage of a source is lost; its backup was copied to a second storage target. An operator picks
// "Read from" the copy in the restore wizard, previews, restores into a new database and sees it verified; the confirm
// step, the job page and the audit log say where the data was read from. A backup without copies offers no choice,
// and the server refuses a storage target without a completed copy and a preview read from another place.
import { expect, test, type Page } from "@playwright/test";
import { existsSync, renameSync, rmSync } from "node:fs";
import { createPgDatabase, dropPgDatabase, pgRows, pgUrlFor, type TempPgDatabase } from "../test/support/databases";
import { callServerActionDirectly, signIn, signOut } from "./helpers";
import { backUpNow, backupIds, shot, signInAsNewUser } from "./restore-helpers";
import { E2E_ADMIN, E2E_DATA_DIR, E2E_DATABASE } from "./settings";

test.describe.configure({ mode: "serial" });

const SOURCE = "Copy journey (PostgreSQL)";
const PRIMARY = { name: "Copy journey primary", dir: `${E2E_DATA_DIR}/copy-journey-primary` };
const OFFSITE = { name: "Copy journey offsite", dir: `${E2E_DATA_DIR}/copy-journey-offsite` };
const LOST = `${PRIMARY.dir}-lost`;
const operator = { email: "cora.copyreader@e2e.test", name: "Cora Copyreader", role: "Operator" as const, password: "cora-password-1" };
const meta = pgUrlFor(E2E_DATABASE);

let db: TempPgDatabase;
const restored: string[] = [];

test.beforeAll(async () => {
  db = await createPgDatabase("tm_e2e_copyread");
  await pgRows(db.url, `CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, qty int NOT NULL);
    INSERT INTO items SELECT g, 'item ' || g, g * 10 FROM generate_series(1, 200) g;`);
});

test.afterAll(async () => {
  for (const name of restored) await dropPgDatabase(name);
  await db?.drop();
  // The "lost" disk comes back, so the catalog and the directories agree for the specs after this one (the data
  // directory is wiped when the e2e server starts). Deleting them would leave targets whose repositories vanished,
  // which backups rightly refuse to re-create.
  if (existsSync(LOST)) {
    rmSync(PRIMARY.dir, { recursive: true, force: true });
    renameSync(LOST, PRIMARY.dir);
  }
});

async function addLocalStorage(page: Page, target: { name: string; dir: string }) {
  await page.goto("/storage");
  await page.getByLabel("Name", { exact: true }).fill(target.name);
  await page.getByLabel("Directory", { exact: true }).fill(target.dir);
  await page.getByRole("button", { name: "Add storage target" }).click();
  await page.getByLabel("I have stored the passphrase somewhere safe").check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId(`storage-row-${target.name}`)).toContainText(target.dir);
}

async function storageId(name: string): Promise<string> {
  const [row] = await pgRows<{ id: string }>(meta, `SELECT id FROM "StorageTarget" WHERE name = '${name.replace(/'/g, "''")}'`);
  return row.id;
}

/** Queues a COPY job as a policy's backup does after it finishes (lib/jobs/handlers/copy.ts queuePolicyCopy). */
async function queueCopy(sourceId: string, backupSetId: string, storageTargetId: string): Promise<string> {
  process.env.DATABASE_URL = meta;
  process.env.TIDEMARK_SECRET = "e2e-secret-e2e-secret-e2e-secret-e2e-secret";
  const { startJob, stopProducer } = await import("../lib/jobs/enqueue");
  try {
    return (await startJob({ kind: "COPY", sourceId, params: { backupSetId, storageTargetId } })).id;
  } finally {
    await stopProducer();
  }
}

test("with the primary storage lost, an operator restores a backup from its copy and every page says where it was read from", async ({ page }) => {
  test.setTimeout(300_000);
  await page.emulateMedia({ colorScheme: "light" });
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  for (const target of [PRIMARY, OFFSITE]) await addLocalStorage(page, target);

  // The source backs up into the primary target.
  await page.goto("/sources/new");
  await page.getByLabel("Name", { exact: true }).fill(SOURCE);
  await page.getByLabel("Host", { exact: true }).fill("127.0.0.1");
  await page.getByLabel("Port", { exact: true }).fill("5432");
  await page.getByLabel("Database", { exact: true }).fill(db.name);
  await page.getByLabel("User", { exact: true }).fill("postgres");
  await page.getByLabel("Storage target").selectOption({ label: `${PRIMARY.name} — ${PRIMARY.dir}` });
  await page.getByRole("button", { name: "Add source" }).click();
  await expect(page).toHaveURL(/\/sources\/(?!new$)[a-z0-9]+$/);
  const sourceId = new URL(page.url()).pathname.split("/").pop()!;
  await backUpNow(page, SOURCE);
  const [copied] = await backupIds(sourceId);

  // Its copy in the offsite target, verified there.
  const offsiteId = await storageId(OFFSITE.name);
  await page.goto(`/jobs/${await queueCopy(sourceId, copied, offsiteId)}`);
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 90_000 });

  // Rows change, a second backup (never copied) follows, then the primary storage is lost.
  await pgRows(db.url, "UPDATE items SET qty = 0 WHERE id <= 5; DELETE FROM items WHERE id > 190");
  await backUpNow(page, SOURCE);
  const [uncopied] = await backupIds(sourceId);
  expect(uncopied).not.toBe(copied);
  renameSync(PRIMARY.dir, LOST);
  await signOut(page);
  await signInAsNewUser(page, operator);

  // 1. The newest backup has no copy: no choice is offered.
  await page.goto(`/sources/${sourceId}/restore`);
  await expect(page.getByLabel("Backup to restore")).toHaveValue(uncopied);
  await expect(page.getByRole("group", { name: "Read from" })).toHaveCount(0);

  // The copied one offers where it was written (the default) and the verified copy.
  await page.getByLabel("Backup to restore").selectOption(copied);
  const readFrom = page.getByRole("group", { name: "Read from" });
  await expect(readFrom).toBeVisible();
  await expect(readFrom.getByRole("radio")).toHaveCount(2);
  await expect(readFrom.getByLabel(`${PRIMARY.name} (local directory) — where it was written (default)`)).toBeChecked();
  const copyChoice = readFrom.getByLabel(new RegExp(`^${OFFSITE.name} \\(local directory\\) — copy verified \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC$`));
  await copyChoice.check();
  await expect(copyChoice).toBeChecked();
  await shot(page, "restore-1-read-from");
  await page.getByRole("button", { name: "Next", exact: true }).click();

  // 2–4. A new database (the suggested name); the preview reads the backup from the copy.
  await expect(page.getByLabel(/A new database/)).toBeChecked();
  const name = await page.getByLabel("New database name").inputValue();
  restored.push(name);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Next: preview the changes" }).click();
  await expect(page.getByTestId("preview-inserted")).toHaveText("200", { timeout: 90_000 });
  // Beside it, the changes since the backup, read from the same copy: 10 rows deleted and 5 updated since.
  const since = page.getByTestId("since-row-public.items");
  await expect(since.locator("td").nth(2)).toHaveText("10", { timeout: 90_000 });
  await expect(since.locator("td").nth(3)).toHaveText("5");
  await page.getByRole("button", { name: "Next: confirm" }).click();

  // 5. The summary says where the data is read from.
  await expect(page.getByTestId("restore-read-from")).toHaveText(new RegExp(`^${OFFSITE.name} \\(local directory\\) — copy verified`));
  await shot(page, "restore-5-confirm-read-from");

  // The server checks it too: no copy of the newer backup in offsite; a preview read from the copy unlocks no restore
  // read from where the backup was written.
  const path = `/sources/${sourceId}/restore`;
  const noCopy = await callServerActionDirectly(page, path, "startRestorePreviewAction", [{ backupSetId: uncopied, target: { mode: "new", database: `${name}_x` }, fromStorageTargetId: offsiteId }]);
  expect(noCopy).toContain("holds no completed copy of this backup");
  const [previewJob] = await pgRows<{ id: string; from: string | null }>(meta, `SELECT id, params->>'fromStorageTargetId' AS "from" FROM "Job" WHERE kind = 'DIFF' AND params->>'backupSetId' = '${copied}' ORDER BY "createdAt" DESC LIMIT 1`);
  expect(previewJob.from).toBe(offsiteId);
  const otherPlace = await callServerActionDirectly(page, path, "startRestoreAction", [{ backupSetId: copied, mode: "new", database: name, previewJobId: previewJob.id }]);
  expect(otherPlace).toContain("Look at the preview of what this restore changes first");
  const unknownPlace = await callServerActionDirectly(page, path, "startRestoreAction", [{ backupSetId: copied, mode: "new", database: name, previewJobId: previewJob.id, fromStorageTargetId: await storageId(PRIMARY.name) + "x" }]);
  expect(unknownPlace).toContain("holds no completed copy of this backup");

  // 6. The restore reads the copy (the primary is gone) and verifies.
  await page.getByRole("button", { name: "Start the restore" }).click();
  await expect(page.getByTestId("restore-outcome")).toContainText("verified", { timeout: 120_000 });
  await expect(page.getByTestId("restored-database")).toHaveText(name);
  expect(await pgRows(db.url.replace(`/${db.name}`, `/${name}`), "SELECT count(*)::int AS n, sum(qty)::int AS qty FROM items")).toEqual([{ n: 200, qty: 201_000 }]);

  // The job page and the audit log say where the data came from.
  const [job] = await pgRows<{ id: string }>(meta, `SELECT id FROM "Job" WHERE kind = 'RESTORE' AND params->>'backupSetId' = '${copied}' ORDER BY "createdAt" DESC LIMIT 1`);
  await page.goto(`/jobs/${job.id}`);
  await expect(page.getByTestId("job-read-from")).toHaveText(`Reads the backup from its copy in ${OFFSITE.name} (local directory).`);
  await expect(page.getByTestId("job-log")).toContainText(`Reading the backup from its copy in ${OFFSITE.name}`);
  await shot(page, "job-restore-read-from");
  const audit = await pgRows<{ readFrom: string }>(meta, `SELECT details->>'readFrom' AS "readFrom" FROM "AuditEvent" WHERE action = 'restore.requested' AND details->>'jobId' = '${job.id}'`);
  expect(audit).toEqual([{ readFrom: `${OFFSITE.name} (LOCAL), a copy` }]);

  // A restore drill of the copy, from the backup's page: the offsite copy restores and verifies on its own.
  await page.goto(`/sources/${sourceId}/backups/${copied}`);
  await page.getByLabel("from").selectOption({ label: `${OFFSITE.name} (copy)` });
  await shot(page, "backup-drill-from-copy");
  await page.getByRole("button", { name: "Restore drill" }).click();
  await expect(page).toHaveURL(/\/jobs\/[a-z0-9]+$/);
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 120_000 });
  await expect(page.getByTestId("job-log")).toContainText(`Reading the backup from its copy in ${OFFSITE.name}`);
  await expect(page.getByTestId("job-log")).toContainText("Drill passed: 200 rows restored and verified");
  await expect(page.getByTestId("job-read-from")).toHaveText(`Reads the backup from its copy in ${OFFSITE.name} (local directory).`);
});
