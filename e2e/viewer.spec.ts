// A viewer reads everything and changes nothing: after a real backup, the overview's charts draw it, the source's
// page and its backup show it, no Restore control appears anywhere, and the server refuses a restore called directly.
import { expect, test } from "@playwright/test";
import { callServerActionDirectly, createUserViaUi, signIn, signOut } from "./helpers";
import { E2E_ADMIN } from "./settings";

const PG_DEMO = "Demo shop (PostgreSQL)";
const VIEWER = { email: "vivian.overview@e2e.test", name: "Vivian Overview", role: "Viewer" as const, password: "vivian-password-1" };

test("a viewer sees the overview charts and the timeline, gets no restore, and the server refuses one", async ({ page }) => {
  test.setTimeout(180_000);
  // An admin runs one real backup so there is something to chart.
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.goto("/sources");
  const row = page.getByTestId(`source-row-${PG_DEMO}`);
  const sourceHref = await row.getByRole("link", { name: PG_DEMO, exact: true }).getAttribute("href");
  expect(sourceHref).toMatch(/^\/sources\/[a-z0-9]+$/);
  await row.getByRole("button", { name: `Back up ${PG_DEMO} now` }).click();
  await expect(page).toHaveURL(/\/jobs\/[a-z0-9]+$/);
  await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 90_000 });
  const jobId = page.url().split("/").pop()!;
  const job = await (await page.request.get(`/api/jobs/${jobId}`)).json();
  const backupSetId = job.result.backupSetId as string;
  expect(backupSetId).toBeTruthy();
  await createUserViaUi(page, VIEWER);
  await signOut(page);

  await signIn(page, VIEWER.email, VIEWER.password);
  await expect(page.getByTestId("current-role")).toHaveText("Viewer");

  // Keyboard: the first Tab reaches the skip link, which moves focus past the navigation; the nav marks the page.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");

  // Overview: KPIs count the backup, and the charts draw real SVG with data in it.
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  // Other journeys may have run backups (or failed ones) before: check only that today's success is counted.
  await expect(page.getByTestId("kpi-success")).toHaveText(/^\d+(\.\d)? %$/);
  await expect(page.getByTestId("kpi-storage")).not.toHaveText("0 B");
  const outcomes = page.getByTestId("chart-outcomes");
  await expect(outcomes.getByRole("heading", { name: "Backups per day: succeeded vs failed" })).toBeVisible();
  await expect(outcomes.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(outcomes.locator(".recharts-bar-rectangle path, .recharts-bar-rectangle rect").first()).toBeAttached();
  const today = new Date().toISOString().slice(0, 10);
  await expect(outcomes.locator("table.sr-only tr").filter({ hasText: today }).locator("td").nth(1)).not.toHaveText("0");
  const storage = page.getByTestId("chart-storage");
  await expect(storage.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(storage.locator(".recharts-area-area").first()).toBeAttached();
  const durations = page.getByTestId("chart-durations");
  await expect(durations.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(durations.locator("table.sr-only")).toContainText(PG_DEMO);
  // Drills depend on what other journeys ran: the chart is there, with data or an empty state that says why.
  await expect(page.getByTestId("chart-rto").getByRole("heading", { name: "Restore drills: time to restore (RTO)" })).toBeVisible();

  // Reports: the coverage calendar counts today's backup, and both CSV exports download for a viewer.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByTestId(`coverage-${PG_DEMO}`).locator(`td[title^="${today}:"]`)).not.toHaveText("0");
  const coverageCsv = await page.request.get("/api/reports/coverage.csv");
  expect(coverageCsv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(coverageCsv.headers()["content-disposition"]).toMatch(/^attachment; filename="tidemark-coverage-\d{4}-\d{2}-\d{2}\.csv"$/);
  const coverageLines = (await coverageCsv.text()).replace(/^\uFEFF/, "").split("\r\n");
  expect(coverageLines[0]).toBe("source,source_id,day_utc,restore_points");
  expect(coverageLines.find((l) => l.startsWith(`${PG_DEMO},`) && l.includes(`,${today},`))).toMatch(/,[1-9]\d*$/);
  const successCsv = await page.request.get("/api/reports/success.csv");
  expect((await successCsv.text()).replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("source,source_id,week_start_utc,succeeded,failed,cancelled,success_rate_percent");

  // The source's timeline page and the backup page: readable, with no way to restore.
  await page.goto(sourceHref!);
  await expect(page.getByRole("heading", { name: PG_DEMO })).toBeVisible();
  await expect(page.locator(`a[href*="/backups/${backupSetId}"]`).first()).toBeAttached();
  await expect(page.getByRole("link", { name: /restore/i })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /restore/i })).toHaveCount(0);
  await page.goto(`${sourceHref}/backups/${backupSetId}`);
  await expect(page.getByRole("heading").first()).toBeVisible();
  await expect(page.getByRole("link", { name: /^restore/i })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^restore/i })).toHaveCount(0);

  // Other journeys in this instance restore too: count the restore jobs before and after the attempt.
  const restoreJobs = async () => {
    await page.goto("/jobs?kind=RESTORE");
    await expect(page.getByRole("heading", { name: "Jobs" })).toBeVisible();
    return page.locator('[data-testid^="job-row-"]').count();
  };
  const restoresBefore = await restoreJobs();
  await page.goto(`${sourceHref}/backups/${backupSetId}`);

  // Calling the restore action the way an attacker would: the server says no before looking at the input.
  const body = await callServerActionDirectly(page, sourceHref!, "startRestoreAction", [
    { backupSetId, mode: "new", database: "stolen_copy", previewJobId: jobId },
  ]);
  expect(body).toContain('"code":"forbidden"');
  expect(await callServerActionDirectly(page, "/jobs", "retryJobAction", [{ jobId }])).toContain('"code":"forbidden"');
  // And nothing was queued.
  expect(await restoreJobs()).toBe(restoresBefore);
});

test("the report exports and the running-jobs feed answer only signed-in users", async ({ request }) => {
  for (const url of ["/api/reports/coverage.csv", "/api/reports/success.csv", "/api/jobs/active"]) {
    const res = await request.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(401);
  }
});

test("on a phone the menu opens and closes by keyboard, and Escape returns focus to its button", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toBeEnabled(); // enabled once the page has hydrated and the menu can answer
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Close" })).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.locator("#mobile-nav")).toHaveCount(0);
  await expect(menu).toBeFocused();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
});
