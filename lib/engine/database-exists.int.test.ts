// The restore preview's "does the new database already exist?" check, against the real servers and disk.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMysqlDatabase, createPgDatabase, mysqlUrlFor, pgUrlFor, uniqueName, type TempMysqlDatabase, type TempPgDatabase } from "../../test/support/databases";
import { databaseExists, serverLabel } from "./database-exists";

let pgDb: TempPgDatabase;
let myDb: TempMysqlDatabase;

beforeAll(async () => {
  pgDb = await createPgDatabase("tm_exists");
  myDb = await createMysqlDatabase("tm_exists");
}, 60_000);

afterAll(async () => {
  await pgDb?.drop();
  await myDb?.drop();
});

describe("databaseExists", () => {
  it("finds an existing PostgreSQL database and not a free name", async () => {
    expect(await databaseExists(pgDb.url, pgDb.name)).toBe(true);
    expect(await databaseExists(pgDb.url, uniqueName("tm_free"))).toBe(false);
    expect(serverLabel(pgDb.url)).toBe(new URL(pgUrlFor(pgDb.name)).host);
  });

  it("finds an existing MySQL database and not a free name", async () => {
    const url = mysqlUrlFor(myDb.name);
    expect(await databaseExists(url, myDb.name)).toBe(true);
    expect(await databaseExists(url, uniqueName("tm_free"))).toBe(false);
  });

  it("finds an existing SQLite file and not a free path", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tm-exists-"));
    const file = path.join(dir, "taken.db");
    writeFileSync(file, "");
    expect(await databaseExists(`sqlite:${file}`, file)).toBe(true);
    expect(await databaseExists(`sqlite:${file}`, path.join(dir, "free.db"))).toBe(false);
  });
});
