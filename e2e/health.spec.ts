// /api/health answers without a session and reports the database and the worker's heartbeat; which hosts and
// processes the workers are is shown to signed-in users only.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { E2E_ADMIN } from "./settings";

test("health reports a reachable database and a live worker", async ({ request }) => {
  await expect
    .poll(async () => (await (await request.get("/api/health")).json()).worker.count, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(1);
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe("ok");
  expect(body.database.ok).toBe(true);
  expect(body.worker.workers).toBeUndefined();
  expect(JSON.stringify(body)).not.toMatch(/postgres:\/\/|password/i);
});

test("a signed-in user sees which workers are alive", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).not.toHaveURL(/\/login/);
  const body = await (await page.request.get("/api/health")).json();
  expect(body.worker.workers[0]).toMatchObject({ pid: expect.any(Number), host: expect.any(String) });
});
