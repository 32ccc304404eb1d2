// The shadow and old databases of an in-place restore belong to the connection that holds their named lock
// (GET_LOCK, released by the server when that connection ends). A later replace drops the ones whose owner
// is gone: a shadow database holds only half-loaded copies; an old database left after a swap holds the
// replaced originals, so it is kept and named instead, unless it is empty.
import type { Connection, RowDataPacket } from "mysql2/promise";
import { quoteIdent } from "../quote";

type Row = RowDataPacket & Record<string, unknown>;

const lockName = (database: string) => `tidemark:${database}`;

/** Marks the restore's own work databases as in use for as long as connection `c` lives. */
export async function claimWorkDatabases(c: Connection, names: string[]): Promise<void> {
  for (const name of names) {
    const [[row]] = await c.query<Row[]>("SELECT GET_LOCK(?, 0) AS got", [lockName(name)]);
    if (Number(row.got) !== 1) throw new Error(`Another restore holds the work database ${name}`);
  }
}

/** Drops work databases of restores whose process died; returns notices about the ones kept. */
export async function cleanUpStaleWorkDatabases(c: Connection): Promise<string[]> {
  const [rows] = await c.query<Row[]>(
    "SELECT SCHEMA_NAME AS name, (SELECT COUNT(*) FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = s.SCHEMA_NAME) AS tables " +
      "FROM information_schema.SCHEMATA s WHERE SCHEMA_NAME LIKE 'tm\\_shadow\\_%' OR SCHEMA_NAME LIKE 'tm\\_old\\_%'",
  );
  const notices: string[] = [];
  for (const r of rows) {
    const name = String(r.name);
    const [[free]] = await c.query<Row[]>("SELECT IS_FREE_LOCK(?) AS free", [lockName(name)]);
    if (Number(free.free) !== 1) continue; // a restore in progress owns it
    if (name.startsWith("tm_shadow_") || Number(r.tables) === 0) {
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
    } else {
      notices.push(
        `Database ${name} holds the tables an interrupted in-place restore replaced (${Number(r.tables)} tables). ` +
          `Check them and drop it with DROP DATABASE ${quoteIdent(name)} when they are not needed.`,
      );
    }
  }
  return notices;
}
