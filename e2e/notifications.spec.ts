// An admin adds a webhook and sends it a test; the message arrives at a real HTTP endpoint, and a dead one is reported.
import { expect, test } from "@playwright/test";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { signIn } from "./helpers";
import { E2E_ADMIN } from "./settings";

test("a webhook channel is added and its test message arrives", async ({ page }) => {
  const received: unknown[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => (received.push(JSON.parse(body)), res.writeHead(204).end()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T000/secret-token`;
  try {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await page.goto("/settings/notifications");
    for (const [name, hook] of [["dba-alerts", url], ["dead-end", "http://127.0.0.1:9/hook"]]) {
      await page.getByLabel("Name").fill(name);
      await page.getByLabel("Webhook URL").fill(hook);
      await page.getByRole("button", { name: "Add webhook" }).click();
      await expect(page.getByTestId(`channel-row-${name}`)).toBeVisible();
    }
    await expect(page.getByText("secret-token")).toHaveCount(0);

    await page.getByRole("button", { name: "Send a test to dba-alerts" }).click();
    await expect(page.getByTestId("channel-row-dba-alerts").getByRole("status")).toHaveText("Delivered");
    expect(received).toEqual([expect.objectContaining({ text: "Test from Tidemark: notifications to dba-alerts work." })]);

    await page.getByRole("button", { name: "Send a test to dead-end" }).click();
    await expect(page.getByTestId("channel-row-dead-end").getByRole("status")).toContainText("Not delivered: could not reach the endpoint");
  } finally {
    server.close();
  }
});
