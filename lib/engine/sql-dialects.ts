// The SQL export dialect of each engine whose export is not PostgreSQL's COPY script (see lib/backup/export-sql.ts).
import { mysqlSqlDialect } from "./mysql/export-sql";
import { sqliteSqlDialect } from "./sqlite/export-sql";
import type { EngineKind, SqlDialect } from "./types";

export function sqlDialectFor(engine: EngineKind): SqlDialect | null {
  if (engine === "mysql") return mysqlSqlDialect;
  if (engine === "sqlite") return sqliteSqlDialect;
  return null;
}
