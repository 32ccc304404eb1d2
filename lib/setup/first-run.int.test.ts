// First start: one admin with a password shown once, and demo sources that hold real rows and no plain secrets.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { dropPgDatabase, PG_ADMIN_URL, uniqueName } from "../../test/support/databases";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { signInWithPassword } from "../auth/sign-in";
import { db } from "../db/client";
import { decryptJson } from "../secrets";
import { ensureDemo, ensureFirstAdmin } from "./first-run";

withMetadataDatabase();
const dataDir = mkdtempSync(path.join(tmpdir(), "tm-first-run-"));
const demoDatabase = uniqueName("tm_demo");
afterAll(() => dropPgDatabase(demoDatabase));

it("creates the first admin once, with a generated password in a 0600 file that signs in", async () => {
  const admin = await ensureFirstAdmin(dataDir);
  expect(admin?.generatedPassword).toHaveLength(20);
  expect(statSync(admin!.passwordFile!).mode & 0o777).toBe(0o600);
  expect(readFileSync(admin!.passwordFile!, "utf8")).toContain(admin!.generatedPassword);
  await expect(signInWithPassword(admin!.email, admin!.generatedPassword!, null)).resolves.toMatchObject({ role: "ADMIN" });
  expect(await ensureFirstAdmin(dataDir)).toBeNull();
});

it("creates demo PostgreSQL and SQLite shops with rows, registers them once, and stores the connection encrypted", async () => {
  const created = await ensureDemo(dataDir, PG_ADMIN_URL, demoDatabase);
  expect(created).toEqual(["Demo shop (PostgreSQL)", "Demo shop (SQLite)"]);
  expect(await ensureDemo(dataDir, PG_ADMIN_URL, demoDatabase)).toEqual([]);

  const sources = await db().dataSource.findMany({ orderBy: { name: "asc" } });
  expect(sources.map((s) => [s.engine, s.demo])).toEqual([["POSTGRES", true], ["SQLITE", true]]);
  const { url } = decryptJson<{ url: string }>(sources[0].connectionEnc);
  expect(sources[0].connectionEnc).not.toContain(demoDatabase);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query("SELECT (SELECT count(*) FROM customers) AS c, (SELECT count(*) FROM orders) AS o, (SELECT count(*) FROM order_items) AS i");
  await client.end();
  expect(rows[0]).toEqual({ c: "1000", o: "3000", i: "6000" });

  const sqlite = new DatabaseSync(path.join(dataDir, "demo", "shop.db"), { readOnly: true });
  const counts = sqlite.prepare("SELECT (SELECT count(*) FROM customers) AS c, (SELECT count(*) FROM order_items) AS i").get();
  sqlite.close();
  expect(counts).toEqual({ c: 1000, i: 6000 });
});
