// A source's policy sends its restore drills to another source's server ("Drill on the server of"). A drill started
// by hand from a backup's page goes there too unless the operator picks otherwise; the job, its log and the audit say
// where it ran. The server refuses a host that does not exist, and the host cannot be deleted while a policy drills on
// it (the delete page says why, and so does the server when asked anyway).
import { expect, test } from "@playwright/test";
import { createPgDatabase, pgRows, pgUrlFor, type TempPgDatabase } from "../test/support/databases";
import { callServerActionDirectly, formAlert, signIn } from "./helpers";
import { backUpNow, backupIds, registerPgSource, shot } from "./restore-helpers";
import { E2E_ADMIN, E2E_DATABASE } from "./settings";

const SOURCE = "Drilled shop (PostgreSQL)";
const HOST = "Drill server (PostgreSQL)";
const POLICY = "Drills off production";
const meta = pgUrlFor(E2E_DATABASE);

let shop: TempPgDatabase;
let hostDb: TempPgDatabase;

test.beforeAll(async () => {
  shop = await createPgDatabase("tm_e2e_drilled");
  hostDb = await createPgDatabase("tm_e2e_drillhost");
  await pgRows(shop.url, `CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);
    INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 50) g;`);
});

test.afterAll(async () => {
  await shop?.drop();
  await hostDb?.drop();
});

test("a drill from a backup's page runs on the server the source's policy drills on, and that server's source cannot be deleted meanwhile", async ({ page }) => {
  test.setTimeout(240_000);
  await page.emulateMedia({ colorScheme: "light" });
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const sourceId = await registerPgSource(page, SOURCE, shop.name);
  const hostId = await registerPgSource(page, HOST, hostDb.name);

  // The policy drills on the other source's server.
  await page.goto(`/sources/${sourceId}`);
  await page.getByRole("button", { name: "Add a policy" }).click();
  await page.getByLabel("Policy name").fill(POLICY);
  await page.getByLabel("Restore drill schedule (optional cron)").fill("0 4 * * 0");
  await page.getByLabel("Drill on the server of").selectOption({ label: HOST });
  await page.getByRole("button", { name: "Create policy" }).click();
  await expect(page.getByTestId(`policy-${POLICY}`).getByTestId("policy-drill")).toContainText(`on the server of ${HOST}`);

  // A backup, then a drill of it from its page: the policy's server is preselected.
  await backUpNow(page, SOURCE);
  const [backupId] = await backupIds(sourceId);
  const backupPath = `/sources/${sourceId}/backups/${backupId}`;
  await page.goto(backupPath);
  const drillOn = page.getByTestId("drill-on");
  await expect(drillOn).toHaveValue(hostId);
  await expect(drillOn.locator("option:checked")).toHaveText(`the server of ${HOST} (where its policy drills)`);
  await expect(drillOn.locator("option").first()).toHaveText(`${SOURCE}'s own server`);
  await shot(page, "backup-drill-on-host");
  await page.getByRole("button", { name: "Restore drill" }).click();
  await expect(page).toHaveURL(/\/jobs\/[a-z0-9]+$/);
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 120_000 });
  await expect(page.getByTestId("job-log")).toContainText(new RegExp(`into the scratch database tidemark_drill_\\w+ on the server of ${HOST.replace(/[()]/g, "\\$&")}`));
  await expect(page.getByTestId("job-log")).toContainText("Drill passed: 50 rows restored and verified");
  const jobId = new URL(page.url()).pathname.split("/").pop()!;
  const [job] = await pgRows<{ on: string | null; drilledOn: string | null }>(meta, `SELECT params->>'onSourceId' AS "on", result->>'drilledOn' AS "drilledOn" FROM "Job" WHERE id = '${jobId}'`);
  expect(job).toEqual({ on: hostId, drilledOn: HOST });
  const audit = await pgRows<{ drillOn: string }>(meta, `SELECT details->>'drillOn' AS "drillOn" FROM "AuditEvent" WHERE action = 'backup.drill_requested' AND details->>'jobId' = '${jobId}'`);
  expect(audit).toEqual([{ drillOn: HOST }]);
  expect(await pgRows(pgUrlFor("postgres"), "SELECT datname FROM pg_database WHERE datname LIKE 'tidemark_drill_%'")).toEqual([]);

  // The server checks the host it is given.
  const missing = await callServerActionDirectly(page, backupPath, "drillBackupAction", [{ backupSetId: backupId, onSourceId: `${hostId}x` }]);
  expect(missing).toContain("The source to drill on no longer exists");

  // The host's source cannot be deleted while the policy drills on it: the page says so, and the server refuses.
  await page.goto(`/sources/${hostId}/edit`);
  await expect(page.getByTestId("delete-drill-host")).toContainText(`hosts the restore drills of ${POLICY} (${SOURCE})`);
  await page.locator("#confirm-delete").fill(HOST);
  await page.getByRole("button", { name: "Delete source" }).click();
  await expect(formAlert(page)).toContainText(`${HOST} hosts the restore drills of ${POLICY} (${SOURCE}): choose another drill server in that policy first.`);
  await page.goto("/sources");
  await expect(page.getByRole("button", { name: `Back up ${HOST} now` })).toBeVisible();
});
