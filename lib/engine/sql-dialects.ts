// The SQL export dialect of each engine whose export is not PostgreSQL's COPY script (see lib/backup/export-sql.ts).
// Loaded on demand: the SQLite dialect pulls in node:sqlite, which every CLI run would otherwise load.
import type { EngineKind, SqlDialect } from "./types";

export async function sqlDialectFor(engine: EngineKind): Promise<SqlDialect | null> {
  if (engine === "mysql") return (await import("./mysql/export-sql")).mysqlSqlDialect;
  if (engine === "sqlite") return (await import("./sqlite/export-sql")).sqliteSqlDialect;
  return null;
}
