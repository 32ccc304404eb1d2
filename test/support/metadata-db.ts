// Gives an integration test file its own migrated metadata database, wired into lib/env and lib/db.
import { afterAll, beforeAll } from "vitest";
import { disconnectDb } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { reloadEnv } from "../../lib/env";
import { createPgDatabase, type TempPgDatabase } from "./databases";

export function withMetadataDatabase(): { current: () => TempPgDatabase } {
  let database: TempPgDatabase | undefined;
  beforeAll(async () => {
    database = await createPgDatabase("tm_meta");
    await migrate(database.url);
    process.env.DATABASE_URL = database.url;
    process.env.TIDEMARK_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
    reloadEnv();
  });
  afterAll(async () => {
    await disconnectDb();
    await database?.drop();
  });
  return {
    current: () => {
      if (!database) throw new Error("metadata database not ready");
      return database;
    },
  };
}
