// Chooses the restore strategy for a target: a new database, or an atomic replace in place.
import type { RestoreTarget, RestoreWriter } from "../../types";
import { closeQuietly, connect, describeUrl, urlForDatabase } from "../session";
import { alreadyExists, databaseExists, NewDatabaseRestore } from "./new-database";
import { ReplaceRestore } from "./replace";

export async function openRestore(url: string, target: RestoreTarget): Promise<RestoreWriter> {
  const database = target.database ?? describeUrl(url).database;
  if (target.mode === "new") {
    const admin = () => connect(url, "tidemark restore");
    const c = await admin();
    try {
      if (await databaseExists(c, database)) throw alreadyExists(database);
    } finally {
      await closeQuietly(c);
    }
    return new NewDatabaseRestore(url, database, admin, target.tables);
  }
  const targetUrl = urlForDatabase(url, database);
  // Fail now, before the caller starts reading the snapshot, if the target cannot be reached.
  await closeQuietly(await connect(targetUrl, "tidemark restore check"));
  return new ReplaceRestore(targetUrl, target.tables);
}
