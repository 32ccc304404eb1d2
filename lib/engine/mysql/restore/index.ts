// Chooses the restore strategy for a target: a new database, or a shadow-database swap in place.
import type { RestoreTarget, RestoreWriter } from "../../types";
import { closeQuietly, connect, parseUrl } from "../session";
import { alreadyExists, databaseExists, NewDatabaseRestore } from "./new-database";
import { ReplaceRestore } from "./replace";

export async function openRestore(url: string, target: RestoreTarget): Promise<RestoreWriter> {
  const database = target.database ?? parseUrl(url).database;
  if (!database) throw new Error("No target database: put it in the URL (mysql://user@host:port/database)");
  // Fail now, before the caller starts reading the snapshot, if the server cannot be reached.
  const c = await connect(url, { database: "" });
  try {
    const exists = await databaseExists(c, database);
    if (target.mode === "new") {
      if (target.tables) throw new Error("A restore into a new database restores every table; choose tables only when replacing");
      if (exists) throw alreadyExists(database);
      return new NewDatabaseRestore(url, database);
    }
    if (!exists) throw new Error(`Database "${database}" does not exist — restore into a new database instead`);
    return new ReplaceRestore(url, database, target.tables);
  } finally {
    await closeQuietly(c);
  }
}
