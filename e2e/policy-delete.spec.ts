// Deleting a policy whose retention alone keeps some backups: the remaining policy would forget them at its next prune,
// so the server refuses until the policy's name is typed, and the page says how many backups that releases. Deleting
// the source's last policy releases nothing (nothing prunes afterwards) and needs only the usual confirmation.
import { expect, test, type Page } from "@playwright/test";
import { createPgDatabase, pgRows, pgUrlFor, type TempPgDatabase } from "../test/support/databases";
import { signIn } from "./helpers";
import { backUpNow, registerPgSource, shot } from "./restore-helpers";
import { E2E_ADMIN, E2E_DATABASE } from "./settings";

const SOURCE = "Retention shop (PostgreSQL)";
let shop: TempPgDatabase;

test.beforeAll(async () => {
  shop = await createPgDatabase("tm_e2e_retention");
  await pgRows(shop.url, "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 10);");
});

test.afterAll(async () => {
  await shop?.drop();
});

async function addPolicy(page: Page, name: string, keep: Partial<Record<"last" | "hourly" | "daily" | "weekly" | "monthly" | "yearly", string>>) {
  await page.getByRole("button", { name: "Add a policy" }).click();
  await page.getByLabel("Policy name").fill(name);
  for (const rule of ["last", "hourly", "daily", "weekly", "monthly", "yearly"] as const) await page.getByLabel(`Keep ${rule}`, { exact: true }).fill(keep[rule] ?? "0");
  await page.getByRole("button", { name: "Create policy" }).click();
  await expect(page.getByTestId(`policy-${name}`)).toBeVisible();
}

test("deleting the only policy that keeps some backups needs its name typed, and says how many the other forgets", async ({ page }) => {
  test.setTimeout(180_000);
  await page.emulateMedia({ colorScheme: "light" });
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const sourceId = await registerPgSource(page, SOURCE, shop.name);
  await backUpNow(page, SOURCE);
  await backUpNow(page, SOURCE);

  await page.goto(`/sources/${sourceId}`);
  await addPolicy(page, "Keeps everything", {});
  await addPolicy(page, "Newest only", { last: "1" });
  await expect(page.getByTestId("policy-Keeps everything")).toContainText("keeps every backup");

  page.on("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Delete policy Keeps everything" }).click();
  const impact = page.getByTestId("policy-delete-impact");
  await expect(impact).toContainText('Only "Keeps everything" keeps 1 backup of this source');
  await expect(impact).toContainText("the next prune of the remaining policies forgets it");
  const confirm = page.getByRole("form", { name: "Confirm deleting policy Keeps everything" });
  await expect(confirm.getByRole("button", { name: "Delete policy and release those backups" })).toBeDisabled();
  await shot(page, "policy-delete-impact");
  // Keeping it changes nothing; deleting it needs the exact name.
  await confirm.getByRole("button", { name: "Keep the policy" }).click();
  await expect(page.getByTestId("policy-Keeps everything")).toBeVisible();
  await page.getByRole("button", { name: "Delete policy Keeps everything" }).click();
  await page.getByLabel("Type Keeps everything to delete it anyway").fill("Keeps everything");
  await page.getByRole("button", { name: "Delete policy and release those backups" }).click();
  await expect(page.getByTestId("policy-Keeps everything")).toHaveCount(0);
  const [audit] = await pgRows<{ released: string }>(pgUrlFor(E2E_DATABASE), `SELECT details->>'backupsReleased' AS released FROM "AuditEvent" WHERE action = 'policy.deleted' AND details->'settings'->>'name' = 'Keeps everything'`);
  expect(audit).toEqual({ released: "1" });

  // The last policy: nothing prunes afterwards, so the usual confirmation is enough.
  await page.getByRole("button", { name: "Delete policy Newest only" }).click();
  await expect(page.getByTestId("policy-Newest only")).toHaveCount(0);
  await expect(page.getByTestId("policy-delete-impact")).toHaveCount(0);
});
