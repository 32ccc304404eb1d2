// Whether a database (or SQLite file) already exists on the server of `url`: the restore preview checks it before
// promising to create one, so the person hears "already exists" before confirming, not when the restore fails.
import { access } from "node:fs/promises";
import { engineOf } from "./connect";
import * as my from "./mysql/session";
import { databaseExists as mysqlDatabaseExists } from "./mysql/restore/new-database";
import * as pgs from "./postgres/session";
import { databaseExists as pgDatabaseExists } from "./postgres/restore/new-database";

export async function databaseExists(url: string, database: string): Promise<boolean> {
  const engine = engineOf(url);
  if (engine === "sqlite") {
    return access(database).then(() => true, () => false);
  }
  if (engine === "postgres") {
    const c = await pgs.connect(url, "tidemark restore preview");
    try {
      return await pgDatabaseExists(c, database);
    } finally {
      await pgs.closeQuietly(c);
    }
  }
  const c = await my.connect(url, { database: "" });
  try {
    return await mysqlDatabaseExists(c, database);
  } finally {
    await my.closeQuietly(c);
  }
}

/** Where a new database would be created, for messages: host:port, or the worker's disk for a SQLite file. */
export function serverLabel(url: string): string {
  if (engineOf(url) === "sqlite") return "the worker's disk";
  return new URL(url).host;
}
