// An admin adds a local storage target (sees its passphrase once), registers the local PostgreSQL as a source (Test
// connection shows the server version), backs it up, watches the progress bar finish and finds it on the timeline.
import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, rmSync } from "node:fs";
import { createPgDatabase, pgRows, pgUrlFor, type TempPgDatabase } from "../test/support/databases";
import { signIn } from "./helpers";
import { E2E_ADMIN, E2E_DATA_DIR, E2E_DATABASE } from "./settings";

const shot = (name: string) => ({ path: `docs/screenshots/${name}.png`, fullPage: true });

let database: TempPgDatabase;
const PASSWORD = "never-shown-again-7f3a"; // the server trusts local connections, so any password is accepted

test.beforeAll(async () => {
  database = await createPgDatabase("tm_e2e_journey");
  await pgRows(database.url, "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text)");
  await pgRows(database.url, "INSERT INTO customers SELECT g, 'customer ' || g, 'c' || g || '@example.test' FROM generate_series(1, 250) g");
  await pgRows(database.url, "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int REFERENCES customers, total numeric(10,2))");
  await pgRows(database.url, "INSERT INTO orders SELECT g, 1 + g % 250, g * 1.25 FROM generate_series(1, 1000) g");
});

test.afterAll(async () => {
  await database?.drop();
});

/** Prune a target from the Storage page (typed confirmation), follow the job and wait for it to succeed. */
async function pruneFromStoragePage(page: Page, name: string) {
  await page.getByRole("button", { name: `Prune ${name}` }).click();
  await page.getByLabel(`Type ${name} to confirm`).fill(name);
  await page.getByRole("button", { name: "Prune now" }).click();
  await page.getByRole("link", { name: "follow it" }).click();
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 60_000 });
}

test("admin registers a source and a storage target, backs up, and sees the backup on the timeline", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  // Storage: a new local directory; the passphrase is shown once.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Storage" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Journey repository");
  await page.getByLabel("Directory", { exact: true }).fill(`${E2E_DATA_DIR}/journey-repo`);
  await page.getByRole("button", { name: "Test storage" }).click();
  await expect(page.getByRole("status").filter({ hasText: "can write, list, read and delete" })).toBeVisible();
  await page.screenshot(shot("storage-add"));
  await page.getByRole("button", { name: "Add storage target" }).click();
  const once = page.getByTestId("passphrase-once");
  await expect(once).toContainText("This is the only time Tidemark shows it");
  await expect(once).toContainText("Losing it loses the backups");
  const passphrase = (await page.getByTestId("passphrase").textContent())?.trim() ?? "";
  expect(passphrase.length).toBeGreaterThanOrEqual(32);
  await page.screenshot(shot("storage-passphrase-once"));
  await expect(page.getByRole("button", { name: "Done" })).toBeDisabled();
  await page.getByLabel("I have stored the passphrase somewhere safe").check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("storage-row-Journey repository")).toContainText(`${E2E_DATA_DIR}/journey-repo`);
  await page.reload();
  expect(await page.content()).not.toContain(passphrase);

  // Source: the form per engine, Test connection, save.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sources" }).click();
  await page.getByRole("link", { name: "Add source" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Journey shop");
  await expect(page.getByLabel("Engine")).toHaveValue("POSTGRES");
  await page.getByLabel("Host", { exact: true }).fill("127.0.0.1");
  await expect(page.getByLabel("Port", { exact: true })).toHaveValue("5432");
  await page.getByLabel("Database", { exact: true }).fill(database.name);
  await page.getByLabel("User", { exact: true }).fill("postgres");
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Storage target").selectOption({ label: `Journey repository — ${E2E_DATA_DIR}/journey-repo` });
  await page.getByRole("button", { name: "Test connection" }).click();
  const result = page.getByTestId("connection-result");
  await expect(result).toContainText("Connected — ready to back up", { timeout: 30_000 });
  await expect(page.getByTestId("server-version")).toHaveText(/^PostgreSQL 1\d\.\d+/);
  await expect(result).toContainText(database.name);
  await page.screenshot(shot("source-new"));
  await page.getByRole("button", { name: "Add source" }).click();
  await expect(page.getByRole("heading", { name: "Journey shop" })).toBeVisible();
  await expect(page.getByText(`127.0.0.1:5432/${database.name}`)).toBeVisible();
  const sourceUrl = page.url();

  // The password never comes back to the browser: not on the edit form, not in the page's HTML.
  await page.getByRole("link", { name: "Edit source" }).click();
  await expect(page.getByText("Leave empty to keep the stored password (while host, port and user stay the same).")).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  expect(await page.content()).not.toContain(PASSWORD);
  // The stored password only goes to the server it was saved for: another host needs it typed, for a test or a save.
  await page.getByLabel("Host", { exact: true }).fill("attacker.invalid");
  const passwordAlert = page.getByRole("alert").filter({ hasText: "Type the password again: the host changed" });
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(passwordAlert).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(passwordAlert).toBeVisible();
  await expect(page.getByTestId("connection-result")).toHaveCount(0);
  await page.goto(sourceUrl);

  // Back up now (full), watch the progress bar reach 100 %.
  await page.getByLabel("Type").selectOption("full");
  await page.getByRole("button", { name: "Back up Journey shop now" }).click();
  await expect(page).toHaveURL(/\/jobs\/[a-z0-9]+$/);
  const bar = page.getByRole("progressbar", { name: "Job progress" });
  await expect(bar).toBeVisible();
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 120_000 });
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("job-log")).toContainText(/Snapshot [0-9a-f]{12} \(full\): 2 tables, 1250 rows/);

  // The timeline shows it: a full backup mark with a tooltip, which opens the backup's page.
  await page.goto(sourceUrl);
  await expect(page.getByTestId("timeline-window")).toContainText("1 backup");
  const point = page.getByTestId("timeline-point");
  await expect(point).toHaveCount(1);
  await expect(point).toHaveAttribute("data-type", "FULL");
  await point.focus();
  const tooltip = page.getByTestId("timeline-tooltip");
  await expect(tooltip).toContainText("Full backup");
  await expect(tooltip).toContainText("2 tables · 1,250 rows");
  await expect(tooltip).toContainText("verified");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/sources\/[a-z0-9]+\/backups\/[a-z0-9]+$/);

  // A policy from the cron editor, previewed in words and dates, and scheduled by the worker within a minute (its
  // backups and its restore drill).
  await page.goto(sourceUrl);
  await page.getByRole("button", { name: "Add a policy" }).click();
  await page.getByLabel("Policy name").fill("Nightly incremental");
  await page.getByLabel("Preset").selectOption({ label: "Daily at 02:00" });
  await expect(page.getByTestId("cron-preview")).toContainText(/Every day at 02:00 \(UTC\) — next: \w{3} \d{1,2} \w{3} 02:00, /);
  await page.getByLabel("Cron expression").fill("0 2 * * 8");
  await expect(page.getByTestId("cron-preview")).toContainText("Invalid schedule");
  await page.getByLabel("Cron expression").fill("0 2 * * *");
  await expect(page.getByTestId("cron-preview")).toContainText("Every day at 02:00");
  await page.getByRole("button", { name: "Create policy" }).click();
  const policy = page.getByTestId("policy-Nightly incremental");
  await expect(policy).toContainText("Every day at 02:00 (UTC)");
  await expect(policy).toContainText("keeps 7 daily, 4 weekly, 6 monthly");
  await page.getByTestId("timeline-point").hover();
  await page.screenshot(shot("source"));
  // Editing keeps what is not changed: pause it, and it says so; resume it for the schedule check below.
  await page.getByRole("button", { name: "Edit policy Nightly incremental" }).click();
  const editForm = page.getByRole("form", { name: "Edit policy Nightly incremental" });
  await expect(editForm.getByLabel("Cron expression")).toHaveValue("0 2 * * *");
  await editForm.getByLabel("Enabled (runs on schedule)").uncheck();
  await editForm.getByRole("button", { name: "Save policy" }).click();
  await expect(policy).toContainText("paused");
  await expect(policy).toContainText("Not scheduled · keeps 7 daily, 4 weekly, 6 monthly");
  // Resumed with a weekly restore drill; "drill the copy" stays off while the policy copies nowhere.
  await expect(policy.getByTestId("policy-drill")).toHaveText("No scheduled restore drill");
  await page.getByRole("button", { name: "Edit policy Nightly incremental" }).click();
  const resumeForm = page.getByRole("form", { name: "Edit policy Nightly incremental" });
  await resumeForm.getByLabel("Enabled (runs on schedule)").check();
  await resumeForm.getByLabel("Restore drill schedule (optional cron)").fill("0 4 * * 0");
  await expect(resumeForm.getByLabel("Drill on the server of")).toHaveValue("");
  await expect(resumeForm.getByLabel("Drill on the server of").locator("option:checked")).toHaveText("This source (its own server)");
  await expect(resumeForm.getByLabel(/Drill the copy, not the primary/)).toBeDisabled();
  await expect(resumeForm.getByText("Choose a target under “Also copy each backup to” first.")).toBeVisible();
  await resumeForm.screenshot({ path: "docs/screenshots/policy-form-drill.png" });
  await resumeForm.getByRole("button", { name: "Save policy" }).click();
  await expect(policy).toContainText("enabled");
  await expect(policy.getByTestId("policy-drill")).toHaveText(/^Restore drill: Every Sunday at 04:00 \(UTC\), from where each backup is written · next Sun \d{1,2} \w{3} 04:00 UTC$/);
  await policy.screenshot({ path: "docs/screenshots/policy-drill.png" });
  const metadataUrl = pgUrlFor(E2E_DATABASE);
  const scheduled = (what: string, cron: string) =>
    pgRows<{ n: number }>(metadataUrl, `SELECT count(*)::int AS n FROM pgboss.schedule s JOIN "Policy" p ON s.key = p.id || '.${what}' WHERE p.name = 'Nightly incremental' AND s.cron = '${cron}'`).then((r) => r[0].n);
  await expect
    .poll(async () => (await scheduled("backup", "0 2 * * *")) + (await scheduled("drill", "0 4 * * 0")), { timeout: 90_000, intervals: [2_000] })
    .toBe(2);

  // A second (incremental) backup; then pick the two on the timeline, with the keyboard, to compare them.
  await page.goto(sourceUrl);
  await page.getByLabel("Type").selectOption("incremental");
  await page.getByRole("button", { name: "Back up Journey shop now" }).click();
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 120_000 });
  await page.goto(sourceUrl);
  await expect(page.getByTestId("timeline-point")).toHaveCount(2);
  await page.getByRole("button", { name: "Pick two to compare" }).click();
  await expect(page.getByText("Select two backups on the timeline")).toBeVisible();
  const full = page.locator('[data-testid=timeline-point][data-type=FULL]');
  const incremental = page.locator('[data-testid=timeline-point][data-type=INCREMENTAL]');
  await incremental.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Select one more backup")).toBeVisible();
  await full.focus();
  await page.keyboard.press("Enter");
  const fullId = (await full.getAttribute("href"))!.split("/").pop();
  const incrementalId = (await incremental.getAttribute("href"))!.split("/").pop();
  await expect(page.getByRole("link", { name: "Compare the two selected" })).toHaveAttribute("href", `${new URL(sourceUrl).pathname}/compare?from=${fullId}&to=${incrementalId}`);

  // The sources list shows its health.
  await page.goto("/sources");
  const row = page.getByTestId("source-row-Journey shop");
  await expect(row).not.toContainText("never");
  await expect(row).toContainText("within RPO");
  await expect(row).toContainText(/Sun|Mon|Tue|Wed|Thu|Fri|Sat/);
  await expect(row).toContainText("2 backups");
  await page.screenshot(shot("sources"));

  // Storage shows what the backup holds; deleting the source says what goes and what stays, and waits for the name.
  await page.goto("/storage");
  await expect(page.getByTestId("storage-row-Journey repository")).toContainText("dedup + compression");
  await page.screenshot(shot("storage"));
  await page.getByRole("button", { name: "Verify backups in Journey repository" }).click();
  await expect(page.getByRole("status").filter({ hasText: "verified in the last 7 days" })).toBeVisible();
  await pruneFromStoragePage(page, "Journey repository");
  await expect(page.getByTestId("job-log")).toContainText("Kept 2 snapshots, forgot 0");

  // A target over an existing repository: the same location is refused; a copy of it opens only with its passphrase.
  const adoptedDir = `${E2E_DATA_DIR}/journey-repo-adopted`;
  rmSync(adoptedDir, { recursive: true, force: true });
  cpSync(`${E2E_DATA_DIR}/journey-repo`, adoptedDir, { recursive: true });
  await page.goto("/storage");
  const storageError = page.getByRole("alert").filter({ hasText: /repository|storage target/ });
  await page.getByLabel("Name", { exact: true }).fill("Journey adopted");
  await page.getByLabel("Directory", { exact: true }).fill(`${E2E_DATA_DIR}/journey-repo/`);
  await page.getByRole("button", { name: "Add storage target" }).click();
  await expect(storageError).toContainText(`${E2E_DATA_DIR}/journey-repo is already the storage target "Journey repository"`);
  await page.getByLabel("Directory", { exact: true }).fill(adoptedDir);
  await page.getByRole("button", { name: "Add storage target" }).click();
  await expect(storageError).toContainText(`${adoptedDir} already holds a Tidemark repository: enter its passphrase`);
  await page.getByLabel("Repository passphrase (optional)").fill("not-the-passphrase-of-it");
  await page.getByRole("button", { name: "Add storage target" }).click();
  await expect(storageError).toContainText("That passphrase does not open the existing repository");
  await page.getByLabel("Repository passphrase (optional)").fill(passphrase);
  await page.getByRole("button", { name: "Add storage target" }).click();
  await expect(page.getByTestId("storage-adopted")).toHaveText('Existing repository with 2 snapshots adopted; run catalog rebuild (npm run catalog:rebuild -- --storage "Journey adopted") to list its backups.');
  await page.screenshot(shot("storage-adopted"));
  await page.getByLabel("I have stored the passphrase somewhere safe").check();
  await page.getByRole("button", { name: "Done" }).click();
  // No source uses it, and an admin can still prune it: unreferenced data goes, no snapshot does.
  await pruneFromStoragePage(page, "Journey adopted");
  await expect(page.getByTestId("job-log")).toContainText("Kept 2 snapshots, forgot 0 (whole-target prune of Journey adopted)");
  expect(readdirSync(`${adoptedDir}/snapshots`)).toHaveLength(2);

  await page.goto(`${sourceUrl}/edit`);
  const impact = page.getByTestId("delete-impact");
  await expect(impact).toContainText("removes its 2 backup sets from Tidemark's catalog");
  await expect(impact).toContainText("removes its 1 policy");
  await expect(impact).toContainText("does not delete the snapshots in Journey repository");
  const forgetCommand = `tidemark forget --repo ${E2E_DATA_DIR}/journey-repo --url postgres://127.0.0.1:5432/${database.name} --keep-last 1 --prune`;
  await expect(page.getByTestId("forget-command")).toHaveText(forgetCommand);
  await page.getByLabel("Type Journey shop to confirm").fill("Journey sho");
  await expect(page.getByRole("button", { name: "Delete source" })).toBeDisabled();
  await page.getByLabel("Type Journey shop to confirm").fill("Journey shop");
  await expect(page.getByRole("button", { name: "Delete source" })).toBeEnabled();
  await page.screenshot(shot("source-edit-delete"));

  await page.getByRole("button", { name: "Delete source" }).click();
  await expect(page).toHaveURL(/\/sources$/);
  await expect(page.getByTestId("source-row-Journey shop")).toHaveCount(0);
  // The snapshots stay in the repository, as the page said.
  expect(readdirSync(`${E2E_DATA_DIR}/journey-repo/snapshots`)).toHaveLength(2);
  // The page's forget command, run as given, forgets them (all but the newest, as it says).
  execFileSync("npx", ["tsx", "bin/tidemark.ts", ...forgetCommand.split(" ").slice(1)], { env: { ...process.env, TIDEMARK_PASSPHRASE: passphrase }, stdio: "pipe" });
  expect(readdirSync(`${E2E_DATA_DIR}/journey-repo/snapshots`)).toHaveLength(1);
});
