// Steps the restore and compare journeys share: a PostgreSQL source registered through the UI, and a backup of it
// watched to the end on its job page.
import { expect, type Page } from "@playwright/test";
import { pgRows, pgUrlFor } from "../test/support/databases";
import { createUserViaUi, signIn, signOut } from "./helpers";
import { E2E_ADMIN, E2E_DATABASE } from "./settings";

/** Registers `database` on the local PostgreSQL as a source (admin signed in); returns the source's id. */
export async function registerPgSource(page: Page, name: string, database: string): Promise<string> {
  await page.goto("/sources/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Engine").selectOption({ label: "PostgreSQL" });
  await page.getByLabel("Host", { exact: true }).fill("127.0.0.1");
  await page.getByLabel("Port", { exact: true }).fill("5432");
  await page.getByLabel("Database", { exact: true }).fill(database);
  await page.getByLabel("User", { exact: true }).fill("postgres");
  await page.getByRole("button", { name: "Add source" }).click();
  await expect(page).toHaveURL(/\/sources\/(?!new$)[a-z0-9]+$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** Backs the source up from the Sources list and waits on the job page until the backup has succeeded. */
export async function backUpNow(page: Page, sourceName: string): Promise<void> {
  await page.goto("/sources");
  await page.getByRole("button", { name: `Back up ${sourceName} now` }).click();
  await expect(page).toHaveURL(/\/jobs\/[a-z0-9]+$/);
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 90_000 });
}

/** The source's completed backups, newest first, read from the e2e instance's metadata database. */
export async function backupIds(sourceId: string): Promise<string[]> {
  const rows = await pgRows<{ id: string }>(
    pgUrlFor(E2E_DATABASE),
    `SELECT id FROM "BackupSet" WHERE "sourceId" = '${sourceId.replace(/[^a-z0-9]/g, "")}' AND status = 'COMPLETED' ORDER BY "consistentAt" DESC`,
  );
  return rows.map((r) => r.id);
}

/** With TIDEMARK_SCREENSHOTS=1, saves the page into docs/screenshots/<name>.png (the docs' pictures come from real runs). */
export async function shot(page: Page, name: string): Promise<void> {
  if (process.env.TIDEMARK_SCREENSHOTS !== "1") return;
  await page.waitForTimeout(300);
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}

/** Makes the newest finished restore preview of `backupSetId` look `minutes` old (as if the person left the wizard open). */
export async function agePreview(backupSetId: string, minutes: number): Promise<void> {
  const id = backupSetId.replace(/[^a-z0-9]/g, "");
  await pgRows(
    pgUrlFor(E2E_DATABASE),
    `UPDATE "Job" SET "finishedAt" = now() - interval '${Math.floor(minutes)} minutes'
      WHERE id = (SELECT id FROM "Job" WHERE kind = 'DIFF' AND status = 'SUCCEEDED' AND params->>'mode' = 'restore-preview'
                  AND params->>'backupSetId' = '${id}' ORDER BY "finishedAt" DESC LIMIT 1)`,
  );
}

/** The admin creates `user` through the UI, then `user` signs in (and the header shows their role). */
export async function signInAsNewUser(page: Page, user: { email: string; name: string; role: "Admin" | "Operator" | "Viewer"; password: string }): Promise<void> {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await createUserViaUi(page, user);
  await signOut(page);
  await signIn(page, user.email, user.password);
  await expect(page.getByTestId("current-role")).toHaveText(user.role);
}
