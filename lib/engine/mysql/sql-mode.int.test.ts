// A stored program captured on MySQL 8 (TIME_TRUNCATE_FRACTIONAL in its sql_mode) restores on MariaDB, which
// has no such mode, under the rest of its mode; an empty sql_mode is restored as empty.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMysqlDatabase, mysqlExec, type TempMysqlDatabase } from "../../../test/support/databases";
import { restoreConnection, runObject } from "./restore/load";
import { closeQuietly } from "./session";

let db: TempMysqlDatabase;
beforeAll(async () => {
  db = await createMysqlDatabase("tm_mysqlmode");
});
afterAll(async () => {
  await db?.drop();
});

const session = (sql_mode: string) => ({ sql_mode, character_set_client: "utf8mb4", collation_connection: "utf8mb4_general_ci" });
const modeOf = async (name: string) =>
  ((await mysqlExec(`SELECT SQL_MODE AS m FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '${db.name}' AND ROUTINE_NAME = '${name}'`)) as { m: string }[])[0]?.m;

describe("captured sql_mode on restore", () => {
  it("leaves out modes the server lacks and keeps an empty mode", async () => {
    const c = await restoreConnection(db.url, db.name);
    const notices: string[] = [];
    try {
      const [[v]] = (await c.query("SELECT VERSION() AS v")) as unknown as [{ v: string }[]];
      const mariadb = /mariadb/i.test(v.v);
      const foreign = mariadb ? "TIME_TRUNCATE_FRACTIONAL" : "NO_AUTO_CREATE_USER";
      await runObject(c, { kind: "function", schema: null, name: "f1", phase: "pre-data", ddl: "CREATE FUNCTION `f1`() RETURNS int DETERMINISTIC RETURN 1", session: session(`STRICT_TRANS_TABLES,${foreign}`) }, notices);
      await runObject(c, { kind: "function", schema: null, name: "f2", phase: "pre-data", ddl: "CREATE FUNCTION `f2`() RETURNS int DETERMINISTIC RETURN 2", session: session("") }, notices);
      expect(await modeOf("f1")).toBe("STRICT_TRANS_TABLES");
      expect(await modeOf("f2")).toBe("");
      expect(notices).toEqual([]);
      // The session is back to Tidemark's own mode afterwards.
      const [[m]] = (await c.query("SELECT @@SESSION.sql_mode AS m")) as unknown as [{ m: string }[]];
      expect(m.m).toBe("NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION");
    } finally {
      await closeQuietly(c);
    }
  });
});
