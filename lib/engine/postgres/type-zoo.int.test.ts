// Round trip of a database holding every built-in type family and every kind of schema object, through the
// connector alone: rows must come back byte for byte and pg_dump --schema-only must not see a difference.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase, dropPgDatabase, pgUrlFor, uniqueName, withPgAdmin, type TempPgDatabase } from "../../../test/support/databases";
import { postgresConnector } from "./index";
import { copyThroughConnector, schemaDump, sql, tableContents } from "./test-helpers";

const ZOO = fileURLToPath(new URL("./type-zoo.sql", import.meta.url));
// Roles are cluster-wide: unique names keep concurrent test runs from dropping each other's.
const READER = uniqueName("tm_zoo_reader");
const OWNER = uniqueName("tm_zoo_owner");
const LIMITED = uniqueName("tm_zoo_limited");
const ROLES = [READER, OWNER, LIMITED];

let source: TempPgDatabase;
const restored = uniqueName("tm_zoo_restored");

beforeAll(async () => {
  await withPgAdmin(async (c) => {
    for (const r of ROLES) await c.query(`CREATE ROLE ${r}`);
  });
  source = await createPgDatabase("tm_zoo");
  // psql runs the fixture statement by statement (a deferred FK needs its own transactions).
  execFileSync("psql", ["-q", "-v", "ON_ERROR_STOP=1", "-v", `reader=${READER}`, "-v", `owner=${OWNER}`, "-o", "/dev/null", "-f", ZOO, source.url], {
    env: { ...process.env, PGOPTIONS: "-c client_min_messages=warning" },
  });
});

afterAll(async () => {
  await source?.drop();
  await dropPgDatabase(restored);
  await withPgAdmin(async (c) => {
    for (const r of ROLES) await c.query(`DROP ROLE IF EXISTS ${r}`);
  });
});

describe("PostgreSQL connector: type zoo round trip", () => {
  it("restores into a new database with identical rows and an identical pg_dump schema", async () => {
    const src = postgresConnector(source.url);
    await copyThroughConnector(src, src, { mode: "new", database: restored });
    const before = await tableContents(source.url);
    const after = await tableContents(pgUrlFor(restored));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [table, bytes] of before) expect(after.get(table)?.equals(bytes), `rows of ${table}`).toBe(true);
    expect(before.get("app.blobs")!.length).toBeGreaterThan(40_000_000); // the 20 MB value, hex encoded
    expect(await schemaDump(pgUrlFor(restored), restored)).toEqual(await schemaDump(source.url, source.name));
    const settings = (db: string) =>
      sql(pgUrlFor("postgres"), "SELECT s.setconfig FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = $1", [db]);
    expect((await settings(restored)).rows).toEqual((await settings(source.name)).rows);
    expect((await settings(restored)).rows[0].setconfig).toEqual(['search_path=app, "Zoo Schema", public', "work_mem=12MB"]);
    const dbProps = (db: string) =>
      sql(pgUrlFor("postgres"), "SELECT datacl::text[] AS acl, shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1", [db]);
    const props = (await dbProps(restored)).rows[0];
    expect(props.comment).toBe(`the zoo's "database" 100%`);
    expect(props.acl).toEqual((await dbProps(source.name)).rows[0].acl);
  });

  it("streams each table in primary-key order, identical from the source and the restored copy", async () => {
    const a = await postgresConnector(source.url).openSnapshot();
    const b = await postgresConnector(pgUrlFor(restored)).openSnapshot();
    try {
      const tables = (await a.shape()).tables;
      expect(tables.find((t) => t.ref.name === "zoo")?.columns.find((c) => c.name === "txt len")?.generated).toBe(true);
      await Promise.all(
        tables.map(async (t) => {
          const [x, y] = await Promise.all([collect(a.rows(t.ref)), collect(b.rows(t.ref))]);
          expect(y.equals(x), `rows of ${t.ref.schema}.${t.ref.name}`).toBe(true);
        }),
      );
      const ids = (await collect(a.rows({ schema: "app", name: "orders" }))).toString().trimEnd().split("\n").map((l) => Number(l.split("\t")[0]));
      expect(ids).toEqual([...ids].sort((p, q) => p - q));
      expect(a.position).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      // Asking for a partitioned table means its leaf partitions.
      const events = await postgresConnector(source.url).openSnapshot({ tables: [{ schema: "app", name: "events" }] });
      const leaves = (await events.shape()).tables.map((t) => t.ref.name).sort();
      await events.close();
      expect(leaves).toEqual(["events_2024_a", "events_2024_rest", "events_2025", "events_old"]);
      expect(a.consistentAt).toBeInstanceOf(Date);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("replaces the restored copy in place, every kind of object included", async () => {
    const url = pgUrlFor(restored);
    await sql(url, `DROP VIEW app."A view"; DROP TABLE app.events_2025; ALTER TABLE app.zoo DROP COLUMN cash;
      DROP AGGREGATE app.product(numeric); CREATE TABLE app.stray (x int); DELETE FROM app.customers WHERE id > 25;
      ALTER TYPE app.mood ADD VALUE 'angry'; DROP SCHEMA "Zoo Schema" CASCADE`);
    await copyThroughConnector(postgresConnector(source.url), postgresConnector(url), { mode: "replace" });
    const before = await tableContents(source.url);
    const after = await tableContents(url);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [table, bytes] of before) expect(after.get(table)?.equals(bytes), `rows of ${table}`).toBe(true);
    expect(await schemaDump(url, restored)).toEqual(await schemaDump(source.url, source.name));
  });

  it("refuses to restore over an existing database", async () => {
    await expect(postgresConnector(source.url).openRestore({ mode: "new", database: source.name })).rejects.toThrow(
      `Database "${source.name}" already exists — choose another name or restore in place`,
    );
  });

  it("test() lists the privileges a backup role lacks", async () => {
    await sql(source.url, `GRANT CONNECT ON DATABASE "${source.name}" TO ${LIMITED}; GRANT USAGE ON SCHEMA app TO ${LIMITED}; GRANT SELECT ON ALL TABLES IN SCHEMA app TO ${LIMITED};
      REVOKE SELECT ON app.blobs FROM ${LIMITED}; ALTER ROLE ${LIMITED} LOGIN`);
    const url = new URL(source.url);
    url.username = LIMITED;
    const info = await postgresConnector(url.toString()).test();
    expect(info.version).toMatch(/^PostgreSQL \d+/);
    expect(info.sizeBytes).toBeGreaterThan(0);
    expect(info.missingPrivileges).toContain('USAGE on schema "Zoo Schema"');
    expect(info.missingPrivileges).toContain("SELECT on table app.blobs");
    expect(info.missingPrivileges).toContain("SELECT on sequence app.standalone");
    expect(info.missingPrivileges).not.toContain("SELECT on table app.zoo");
    const full = await postgresConnector(source.url).test();
    expect(full.missingPrivileges).toEqual([]);
    expect(full.warnings).toContain("Large objects are not backed up (1 found)");
    await sql(source.url, `REVOKE ALL ON ALL TABLES IN SCHEMA app FROM ${LIMITED}; REVOKE ALL ON SCHEMA app FROM ${LIMITED}`);
  });

  it("explains a refused connection without echoing the password", async () => {
    const err = await postgresConnector("postgres://u:s3cret@127.0.0.1:5433/x").test().catch((e: Error) => e);
    expect((err as Error).message).toBe("Cannot connect to 127.0.0.1:5433: connection refused — is PostgreSQL running?");
  });
});

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(p as Buffer);
  return Buffer.concat(parts);
}
