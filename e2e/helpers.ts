// Shared steps of the e2e journeys: signing in, creating users through the UI, calling a server action directly.
import { expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";

export async function signIn(page: Page, email: string, password: string, { navigate = true } = {}) {
  if (navigate) await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The sign-in form's message (Next's route announcer is an alert too, so look inside the form's card). */
export function formAlert(page: Page) {
  return page.locator("p[role=alert]");
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/login/);
}

export async function createUserViaUi(page: Page, user: { email: string; name: string; role: "Admin" | "Operator" | "Viewer"; password: string }) {
  await page.goto("/settings/users");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: user.role });
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status")).toContainText(`Created ${user.email}`);
}

/** The id Next gave a server action, from the build's manifest, so a test can call it the way an attacker would. */
export function serverActionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`No server action named ${exportedName} in the build`);
  return id;
}

/** POSTs a server action request with this page's cookies and returns the raw response body. */
export async function callServerActionDirectly(page: Page, pathName: string, exportedName: string, args: unknown[]): Promise<string> {
  const response = await page.request.post(pathName, {
    headers: { "Next-Action": serverActionId(exportedName), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: JSON.stringify(args),
  });
  return response.text();
}
