// Screenshots of the overview, reports, jobs list and a job page (running and finished) from real backups, for
// docs/screenshots. Not a test: runs only with SCREENSHOTS=1 (`SCREENSHOTS=1 npx playwright test e2e/screenshots-dashboard.spec.ts`).
import { expect, test, type Page } from "@playwright/test";
import { pgRows, pgUrlFor } from "../test/support/databases";
import { signIn } from "./helpers";
import { E2E_ADMIN, E2E_DATABASE } from "./settings";

const DEMO_DB = pgUrlFor("tidemark_demo_shop");
const OUT = "docs/screenshots";

test.skip(!process.env.SCREENSHOTS, "set SCREENSHOTS=1 to refresh docs/screenshots");
test.use({ viewport: { width: 1280, height: 860 } });

async function backUp(page: Page, source: string, { wait = true } = {}) {
  await page.goto("/sources");
  await page.getByTestId(`source-row-${source}`).getByRole("button", { name: `Back up ${source} now` }).click();
  await expect(page).toHaveURL(/\/jobs\/[a-z0-9]+$/);
  if (wait) await expect(page.getByTestId("job-status")).toHaveText(/succeeded|failed/, { timeout: 120_000 });
}

test("dashboard screenshots", async ({ page }) => {
  test.setTimeout(600_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  for (const source of ["Demo shop (PostgreSQL)", "Demo shop (SQLite)", "Demo shop (PostgreSQL)"]) await backUp(page, source);
  // Two restore drills (the dashboard has no button for them: policies schedule them), queued the way a schedule does.
  process.env.DATABASE_URL = pgUrlFor(E2E_DATABASE);
  process.env.TIDEMARK_SECRET = "e2e-secret-e2e-secret-e2e-secret-e2e-secret";
  const { startJob, stopProducer } = await import("../lib/jobs/enqueue");
  const [{ id: pgId }] = await pgRows<{ id: string }>(pgUrlFor(E2E_DATABASE), `SELECT id FROM "DataSource" WHERE name = 'Demo shop (PostgreSQL)'`);
  for (let i = 0; i < 2; i++) {
    const drill = await startJob({ kind: "DRILL", sourceId: pgId, params: {} });
    await page.goto(`/jobs/${drill.id}`);
    await expect(page.getByTestId("job-status")).toHaveText(/succeeded|failed/, { timeout: 120_000 });
  }
  await stopProducer();

  // A table big enough that the backup is still running when the page is photographed; dropped afterwards.
  await pgRows(DEMO_DB, `CREATE TABLE screenshot_bulk AS SELECT n AS id, md5(n::text) || md5((n * 7)::text) AS payload, now() - n * interval '1 second' AS at
    FROM generate_series(1, 1500000) n; ALTER TABLE screenshot_bulk ADD PRIMARY KEY (id)`);
  try {
    await backUp(page, "Demo shop (PostgreSQL)", { wait: false });
    const jobUrl = page.url();
    await expect(page.getByText(/\/s$/).first()).toBeVisible({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${OUT}/job-running.png`, fullPage: true });
    await page.goto("/jobs?kind=BACKUP");
    await expect(page.getByRole("progressbar").first()).toBeVisible();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${OUT}/jobs.png`, fullPage: true });
    await page.goto("/");
    await expect(page.getByTestId("running-jobs")).toBeVisible();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${OUT}/overview-running.png`, fullPage: true });
    await page.goto(jobUrl);
    await expect(page.getByTestId("job-status")).toHaveText(/succeeded|failed/, { timeout: 300_000 });
    await page.screenshot({ path: `${OUT}/job.png`, fullPage: true });
  } finally {
    await pgRows(DEMO_DB, "DROP TABLE IF EXISTS screenshot_bulk");
  }

  await page.goto("/");
  await expect(page.getByTestId("chart-outcomes").locator("svg.recharts-surface").first()).toBeVisible();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${OUT}/overview.png`, fullPage: true });
  await page.goto("/reports");
  await page.screenshot({ path: `${OUT}/reports.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await expect(page.getByTestId("chart-outcomes").locator("svg.recharts-surface").first()).toBeVisible();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${OUT}/overview-dark.png`, fullPage: true });
});
