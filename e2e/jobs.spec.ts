// The jobs list as a DBA uses it after an outage: filter to the failures (keyboard only), open one, retry it, watch the
// retry run for real on the worker, and find both jobs linked; many jobs page without gaps or repeats.
import { expect, test } from "@playwright/test";
import { pgRows, pgUrlFor } from "../test/support/databases";
import { signIn } from "./helpers";
import { E2E_ADMIN, E2E_DATABASE } from "./settings";

const PG_DEMO = "Demo shop (PostgreSQL)";
const META = pgUrlFor(E2E_DATABASE);
const OUTAGE = "Cannot connect to 127.0.0.1:5432: connection refused (simulated outage)";

test("filter to failed jobs by keyboard, retry one, and both jobs link to each other", async ({ page }) => {
  test.setTimeout(150_000);
  const [{ id: sourceId }] = await pgRows<{ id: string }>(META, `SELECT id FROM "DataSource" WHERE name = '${PG_DEMO}'`);
  const failedId = `e2efailed${Date.now()}`;
  // A backup that failed two days ago, as the worker records one.
  await pgRows(META, `INSERT INTO "Job" (id, kind, status, "sourceId", params, error, "createdAt", "startedAt", "finishedAt")
    VALUES ('${failedId}', 'BACKUP', 'FAILED', '${sourceId}', '{"type":"full","verifyAfter":true}', '${OUTAGE}',
            now() - interval '2 days', now() - interval '2 days', now() - interval '2 days' + interval '3 seconds')`);

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.goto("/jobs");
  await page.getByLabel("Status").focus();
  await page.keyboard.press("f"); // "failed"
  await expect(page.getByLabel("Status")).toHaveValue("FAILED");
  await page.getByRole("button", { name: "Apply filters" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/jobs\?status=FAILED$/);
  const row = page.getByTestId(`job-row-${failedId}`);
  await expect(row).toContainText(OUTAGE);
  await expect(row).toContainText(PG_DEMO);
  await expect(page.getByTestId("jobs-table").getByText("succeeded", { exact: true })).toHaveCount(0);

  // Only today's failures: the outage two days ago is filtered out, and the page says so.
  const today = new Date().toISOString().slice(0, 10);
  await page.goto(`/jobs?status=FAILED&from=${today}`);
  await expect(page.getByText("No job matches these filters")).toBeVisible();
  await expect(page.getByLabel("Created from (UTC day)")).toHaveValue(today);

  await page.goto(`/jobs/${failedId}`);
  await expect(page.getByTestId("job-status")).toHaveText("failed");
  await expect(page.getByRole("alert").filter({ hasText: OUTAGE })).toBeVisible();
  await page.getByRole("button", { name: "Retry job" }).click();
  await page.waitForURL((url) => /\/jobs\/[a-z0-9]+$/.test(url.pathname) && !url.pathname.endsWith(failedId));
  const retryId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { name: `Backup of ${PG_DEMO}` })).toBeVisible();
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 90_000 });
  await expect(page.getByTestId("job-log")).toContainText(`Retry of job ${failedId}, which failed: ${OUTAGE}`);
  await expect(page.getByRole("progressbar", { name: "Job progress" })).toHaveAttribute("aria-valuenow", "100");

  await page.goto(`/jobs/${failedId}`);
  await expect(page.getByTestId("job-retries").getByRole("link", { name: `job ${retryId}` })).toBeVisible();
  await expect(page.getByTestId("job-log")).toContainText(`Retried as job ${retryId} by ${E2E_ADMIN.email}`);
  // A job that succeeded offers no retry.
  await page.goto(`/jobs/${retryId}`);
  await expect(page.getByTestId("job-status")).toHaveText("succeeded");
  await expect(page.getByRole("button", { name: "Retry job" })).toHaveCount(0);

  const audit = await pgRows<{ details: { newJobId: string } }>(META, `SELECT details FROM "AuditEvent" WHERE action = 'job.retried' AND "targetId" = '${failedId}'`);
  expect(audit.map((a) => a.details.newJobId)).toEqual([retryId]);
});

test("a long history pages newest first without gaps or repeats", async ({ page }) => {
  // 120 finished connection tests spread over the last five days.
  await pgRows(META, `INSERT INTO "Job" (id, kind, status, params, "createdAt", "startedAt", "finishedAt")
    SELECT 'e2epage' || lpad(n::text, 4, '0'), 'TEST_CONNECTION', 'SUCCEEDED', '{}', now() - n * interval '1 hour', now() - n * interval '1 hour', now() - n * interval '1 hour' + interval '2 seconds'
    FROM generate_series(1, 120) n`);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.goto("/jobs?kind=TEST_CONNECTION");
  const seen: string[] = [];
  for (let pageNo = 0; pageNo < 5; pageNo++) {
    const ids = await page.locator('[data-testid^="job-row-e2epage"]').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")!));
    seen.push(...ids);
    const older = page.getByRole("link", { name: "Older jobs →" });
    if (!(await older.count())) break;
    await older.click();
    // The next page has arrived when its first row is the one after this page's last.
    await expect(page.locator('[data-testid^="job-row-"]').first()).not.toHaveAttribute("data-testid", ids[0]);
    await expect(page).toHaveURL(/kind=TEST_CONNECTION&after=/);
  }
  expect(seen).toHaveLength(120);
  expect(new Set(seen).size).toBe(120);
  expect(seen).toEqual([...seen].sort());
});

test("a running backup shows a live progress bar with rate and time left in the list, then its row turns succeeded", async ({ page }) => {
  test.setTimeout(240_000);
  const demo = pgUrlFor("tidemark_demo_shop");
  // Enough rows (≈ 300 MB, ≈ 10 s to back up) that the backup is still running while the list is read; dropped afterwards.
  await pgRows(demo, `CREATE TABLE e2e_bulk AS SELECT n AS id, md5(n::text) || md5((n * 7)::text) AS payload FROM generate_series(1, 4000000) n;
    ALTER TABLE e2e_bulk ADD PRIMARY KEY (id)`);
  try {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await page.goto("/sources");
    await page.getByTestId(`source-row-${PG_DEMO}`).getByRole("button", { name: `Back up ${PG_DEMO} now` }).click();
    await expect(page).toHaveURL(/\/jobs\/[a-z0-9]+$/);
    const jobId = page.url().split("/").pop()!;
    await page.goto("/jobs?kind=BACKUP");
    const row = page.getByTestId(`job-row-${jobId}`);
    const bar = row.getByRole("progressbar", { name: `Progress of backup of ${PG_DEMO}` });
    await expect(bar).toBeVisible();
    // The bar moves without a reload, and the line under it gives a rate and the time left.
    await expect(row).toContainText(/\d+(\.\d)? [KMG]?B\/s/, { timeout: 60_000 });
    await expect(row).toContainText(/(left|estimating…)/);
    const first = Number(await bar.getAttribute("aria-valuenow"));
    // Moves on (or the backup already ended: its row then says succeeded, checked below).
    const done = row.getByText("succeeded", { exact: true });
    await expect
      .poll(async () => ((await done.count()) ? 101 : Number((await bar.getAttribute("aria-valuenow", { timeout: 1_000 }).catch(() => null)) ?? first)), { timeout: 60_000 })
      .toBeGreaterThan(first);
    // When it ends, the row is re-rendered by the server with its final status and duration.
    await expect(row.getByText("succeeded", { exact: true })).toBeVisible({ timeout: 120_000 });
    await expect(bar).toHaveCount(0);
    await expect(row).toContainText(/\d+(\.\d)? (ms|s)|\d+ min/);
  } finally {
    await pgRows(demo, "DROP TABLE IF EXISTS e2e_bulk");
  }
});
