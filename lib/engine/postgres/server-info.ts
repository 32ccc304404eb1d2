// test(): server version, database size, and what the connecting role lacks to take a full backup.
import type pg from "pg";
import type { ServerInfo } from "../types";
import { USER_RELATION, USER_SCHEMA } from "./catalog";
import { qualify, quoteIdent } from "./quote";
import { unsupportedObjects } from "./unsupported";

const MISSING_SQL = `
SELECT 'CONNECT on database ' || pg_catalog.quote_ident(pg_catalog.current_database()) AS missing, 0 AS ord
 WHERE NOT pg_catalog.has_database_privilege(pg_catalog.current_database(), 'CONNECT')
UNION ALL
SELECT 'USAGE on schema ' || pg_catalog.quote_ident(n.nspname), 1
  FROM pg_catalog.pg_namespace n
 WHERE ${USER_SCHEMA} AND NOT pg_catalog.has_schema_privilege(n.oid, 'USAGE')
UNION ALL
SELECT 'SELECT on ' || CASE c.relkind WHEN 'S' THEN 'sequence ' ELSE 'table ' END
       || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname), 2
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p', 'm', 'S') AND c.relpersistence <> 't' AND ${USER_RELATION}
   AND NOT pg_catalog.has_table_privilege(c.oid, 'SELECT')
 ORDER BY 2, 1`;

export async function serverInfo(client: pg.Client): Promise<ServerInfo> {
  const info = await client.query<{ version: string; db: string; size: string; superuser: boolean; recovery: boolean }>(
    `SELECT pg_catalog.current_setting('server_version') AS version, pg_catalog.current_database() AS db,
            pg_catalog.pg_database_size(pg_catalog.current_database())::text AS size,
            (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) AS superuser,
            pg_catalog.pg_is_in_recovery() AS recovery`,
  );
  const row = info.rows[0];
  const missing = (await client.query<{ missing: string }>(MISSING_SQL)).rows.map((r) => r.missing);
  const warnings: string[] = [];
  const num = Number((await client.query<{ v: string }>("SELECT pg_catalog.current_setting('server_version_num') AS v")).rows[0].v);
  if (num < 120000) warnings.push(`PostgreSQL ${row.version} is older than 12, which Tidemark does not support`);
  const noKey = await client.query<{ name: string }>(
    `SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS name
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND c.relpersistence <> 't' AND ${USER_RELATION}
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)
      ORDER BY 1`,
  );
  if (noKey.rows.length > 0) {
    const names = noKey.rows.slice(0, 10).map((r) => r.name).join(", ");
    const more = noKey.rows.length > 10 ? ` and ${noKey.rows.length - 10} more` : "";
    warnings.push(`Tables without a primary key (rows are ordered by every column, diffs show them as add/remove): ${names}${more}`);
  }
  if (!row.superuser) {
    warnings.push("The role is not a superuser: restoring ownership and grants needs membership in the owning roles");
  }
  warnings.push(...(await unsupportedObjects(client)));
  if (row.recovery) warnings.push("The server is a standby: backups read a consistent snapshot of the replica");
  return {
    engine: "postgres",
    version: `PostgreSQL ${row.version.split(" ")[0]}`,
    database: row.db,
    sizeBytes: Number(row.size),
    missingPrivileges: missing,
    warnings,
  };
}

/** The error test() callers show when privileges are missing (listing them all, ready to GRANT). */
export function missingPrivilegesMessage(info: ServerInfo, user: string): string {
  return `Role ${quoteIdent(user)} cannot back up database ${qualify(null, info.database)} — missing: ${info.missingPrivileges.join("; ")}`;
}
