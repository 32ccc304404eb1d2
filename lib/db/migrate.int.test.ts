// The migrator records history the way Prisma does and refuses edited migrations.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPgDatabase, type TempPgDatabase } from "../../test/support/databases";
import { loadMigrations, migrate } from "./migrate";

let database: TempPgDatabase;
beforeAll(async () => {
  database = await createPgDatabase("tm_migrate");
});
afterAll(async () => database?.drop());

it("applies every migration once, records it in _prisma_migrations, and refuses an edited one", async () => {
  const migrations = loadMigrations();
  expect(await migrate(database.url)).toEqual(migrations.map((m) => m.name));
  expect(await migrate(database.url)).toEqual([]);

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"`);
  await client.end();
  expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
  expect(rows.every((r) => r.finished_at !== null && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);

  const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
  await expect(migrate(database.url, edited)).rejects.toThrow(/was changed after it was applied/);
});

it("rolls back a failing migration completely and names it", async () => {
  const broken = [...loadMigrations(), { name: "29990101000000_broken", sql: "CREATE TABLE half_done(id int); SELECT * FROM no_such_table;", checksum: "f".repeat(64) }];
  await expect(migrate(database.url, broken)).rejects.toThrow(/29990101000000_broken failed and was rolled back: relation "no_such_table" does not exist/);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query(`SELECT to_regclass('half_done') AS t`);
  await client.end();
  expect(rows[0].t).toBeNull();
});
