// Takes the README/docs screenshots from a running Tidemark: `tsx scripts/screenshots.ts URL EMAIL PASSWORD [OUT_DIR]`.
import { chromium, type Page } from "@playwright/test";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";

const [baseUrl = "http://127.0.0.1:3000", email, password, outDir = "docs/screenshots"] = process.argv.slice(2);
if (!email || !password) throw new Error("usage: tsx scripts/screenshots.ts URL EMAIL PASSWORD [OUT_DIR]");
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function signIn(page: Page) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${baseUrl}/`);
}

async function shoot(page: Page, route: string, name: string) {
  await page.goto(`${baseUrl}${route}`);
  await page.waitForLoadState("load");
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
  console.log(`saved ${name}.png`);
}

for (const scheme of ["light", "dark"] as const) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
  const page = await context.newPage();
  const suffix = scheme === "dark" ? "-dark" : "";
  await shoot(page, "/login", `login${suffix}`);
  await signIn(page);
  await shoot(page, "/", `overview${suffix}`);
  if (scheme === "light") {
    await shoot(page, "/sources", "sources");
    await shoot(page, "/settings/users", "settings-users");
    await shoot(page, "/settings/audit", "settings-audit");
    await shoot(page, "/settings/notifications", "settings-notifications");
    // A real backup of the demo PostgreSQL shop, watched to the end.
    await page.goto(`${baseUrl}/sources`);
    await page.getByRole("button", { name: "Back up Demo shop (PostgreSQL) now" }).click();
    await page.waitForURL(/\/jobs\/[a-z0-9]+$/);
    await page.getByTestId("job-status").filter({ hasText: /succeeded|failed/ }).waitFor({ timeout: 120_000 });
    await page.screenshot({ path: path.join(outDir, "job.png"), fullPage: true });
    console.log("saved job.png");
    await shoot(page, "/sources", "sources");
    await shoot(page, "/jobs", "jobs");
  }
  await context.close();
}

const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
const page = await phone.newPage();
await signIn(page);
await page.getByRole("button", { name: "Menu" }).click();
await page.screenshot({ path: path.join(outDir, "phone-menu.png") });
console.log("saved phone-menu.png");
await browser.close();
