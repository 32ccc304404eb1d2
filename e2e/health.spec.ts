// /api/health answers without a session and reports the database and the worker's heartbeat.
import { expect, test } from "@playwright/test";

test("health reports a reachable database and a live worker", async ({ request }) => {
  await expect
    .poll(async () => (await (await request.get("/api/health")).json()).worker.count, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(1);
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe("ok");
  expect(body.database.ok).toBe(true);
  expect(body.worker.workers[0]).toMatchObject({ pid: expect.any(Number), host: expect.any(String) });
  expect(JSON.stringify(body)).not.toMatch(/postgres:\/\/|password/i);
});
