// test(): server version, database size, and what the connecting user lacks to take a consistent, complete backup.
import type { Connection, RowDataPacket } from "mysql2/promise";
import type { ServerInfo } from "../types";

type Row = RowDataPacket & Record<string, unknown>;

/** Whether a VERSION() string ("8.0.36", "10.11.9-MariaDB-log") or handshake version ("5.5.5-10.11.9-MariaDB") is MariaDB's. */
export function isMariaDbVersion(version: string): boolean {
  return /mariadb/i.test(version);
}

/** Engines whose tables a consistent-snapshot transaction cannot freeze. */
export function nonTransactional(engine: string): boolean {
  return !/^(innodb|rocksdb|tokudb|ndbcluster|ndb)$/i.test(engine) && engine !== "";
}

/** Privileges a grant line gives on `database` (global and database-level grants; wildcards honoured). */
export function grantedOn(grants: string[], database: string): Set<string> {
  const have = new Set<string>();
  for (const g of grants) {
    const m = /^GRANT (.+?) ON (?:(?:FUNCTION|PROCEDURE) )?(\S+) TO /i.exec(g);
    if (!m) continue;
    const target = m[2];
    const [db, table] = target.split(".").map((s) => s.replace(/^`|`$/g, "").replaceAll("``", "`"));
    if (table !== "*") continue;
    if (db !== "*" && !matchesGrantPattern(db, database)) continue;
    for (const p of m[1].split(",")) {
      const name = p.trim().toUpperCase();
      // RELOAD and the binlog privileges exist only globally: a database-level ALL does not give them.
      const all = ["SELECT", "SHOW VIEW", "TRIGGER", "EVENT", "LOCK TABLES", ...(db === "*" ? ["RELOAD", "REPLICATION CLIENT", "BINLOG MONITOR"] : [])];
      if (name.startsWith("ALL")) all.forEach((x) => have.add(x));
      else have.add(name);
      if (db === "*") have.add(`GLOBAL ${name.startsWith("ALL") ? "ALL" : name}`);
    }
  }
  return have;
}

/** A grant's database name: `_` and `%` are wildcards unless escaped with a backslash. */
function matchesGrantPattern(pattern: string, database: string): boolean {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\" && i + 1 < pattern.length) re += escapeRe(pattern[++i]);
    else if (ch === "%") re += ".*";
    else if (ch === "_") re += ".";
    else re += escapeRe(ch);
  }
  return new RegExp(`^${re}$`, "su").test(database);
}

const escapeRe = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The grant lines that apply to this session, roles included. SHOW GRANTS FOR CURRENT_USER() leaves out the
 * privileges of roles: MariaDB adds the current role's with plain SHOW GRANTS, MySQL 8 with USING <active roles>.
 */
async function currentGrants(c: Connection, mariadb: boolean): Promise<string[]> {
  const lines = async (sql: string) => (await c.query<Row[]>(sql))[0].map((r) => String(Object.values(r)[0]));
  if (mariadb) return lines("SHOW GRANTS");
  // MySQL 5.7 and some MySQL-compatible services have no roles: their grants are the user's own.
  const roles = await c
    .query<Row[]>("SELECT CURRENT_ROLE() AS roles")
    .then(([[r]]) => String(r.roles ?? "NONE"))
    .catch(() => "NONE");
  // CURRENT_ROLE() lists the active roles already quoted (`r1`@`%`,`r2`@`%`), as USING takes them.
  if (roles !== "NONE" && roles !== "") {
    const withRoles = await lines(`SHOW GRANTS FOR CURRENT_USER() USING ${roles}`).catch(() => null);
    if (withRoles) return withRoles;
  }
  return lines("SHOW GRANTS FOR CURRENT_USER()");
}

/**
 * Reading the body of a procedure or function someone else defined: global SELECT everywhere, SHOW_ROUTINE on
 * MySQL 8.0.20+, SELECT on mysql.proc (or on mysql.*) or SHOW CREATE ROUTINE (11.3+) on MariaDB.
 */
export function canReadRoutines(grants: string[], have: Set<string>, mariadb: boolean): boolean {
  if (have.has("GLOBAL SELECT") || have.has("GLOBAL ALL")) return true;
  if (!mariadb) return have.has("GLOBAL SHOW_ROUTINE");
  if (have.has("SHOW CREATE ROUTINE")) return true;
  return grants.some((g) => {
    const m = /^GRANT (.+?) ON `?mysql`?\.(`?proc`?|\*) TO /i.exec(g);
    return m !== null && m[1].split(",").some((p) => /^\s*(SELECT|ALL( PRIVILEGES)?)\s*$/i.test(p));
  });
}

/** The narrowest grant that shows other users' routines (SHOW CREATE ROUTINE from MariaDB 11.3, SHOW_ROUTINE from MySQL 8.0.20). */
function routineGrant(mariadb: boolean): string {
  return mariadb ? "SELECT ON mysql.proc, or SHOW CREATE ROUTINE ON db.* on MariaDB 11.3+" : "SHOW_ROUTINE ON *.* (MySQL 8.0.20+; global SELECT before)";
}

/**
 * A backup's warning when the user cannot read other users' procedures and functions: information_schema then
 * silently leaves them out, so the backup would too. Null when it can (or when its grants cannot be read).
 */
export async function hiddenRoutinesWarning(c: Connection, database: string, version: string): Promise<string | null> {
  const mariadb = isMariaDbVersion(version);
  try {
    const grants = await currentGrants(c, mariadb);
    if (canReadRoutines(grants, grantedOn(grants, database), mariadb)) return null;
  } catch {
    return null;
  }
  return `Procedures and functions defined by other users are invisible to this account and missing from the backup: grant ${routineGrant(mariadb)}`;
}

export async function serverInfo(c: Connection): Promise<ServerInfo> {
  const [[info]] = await c.query<Row[]>(
    `SELECT VERSION() AS version, DATABASE() AS db,
            (SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()) AS size,
            @@log_bin AS log_bin`,
  );
  if (info.db === null) throw new Error("The URL names no database: use mysql://user@host:port/database");
  const db = String(info.db);
  const version = String(info.version);
  const mariadb = isMariaDbVersion(version);
  const grants = await currentGrants(c, mariadb);
  const have = grantedOn(grants, db);
  const count = async (sql: string) => Number((await c.query<Row[]>(sql))[0][0].n);
  const views = await count("SELECT COUNT(*) AS n FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()");
  const [tables] = await c.query<Row[]>(
    `SELECT t.TABLE_NAME AS name, COALESCE(t.ENGINE, '') AS engine,
            EXISTS (SELECT 1 FROM information_schema.STATISTICS s WHERE s.TABLE_SCHEMA = t.TABLE_SCHEMA AND s.TABLE_NAME = t.TABLE_NAME AND s.INDEX_NAME = 'PRIMARY') AS has_pk
       FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' ORDER BY 1`,
  );

  const missing: string[] = [];
  const on = `ON \`${db}\`.*`;
  if (!have.has("SELECT")) missing.push(`SELECT ${on}`);
  if (views > 0 && !have.has("SHOW VIEW")) missing.push(`SHOW VIEW ${on} (${views} views)`);
  // Triggers and events are invisible without these privileges, so they are needed whether any exist or not.
  if (!have.has("TRIGGER")) missing.push(`TRIGGER ${on} (to read triggers)`);
  if (!have.has("EVENT")) missing.push(`EVENT ${on} (to read events)`);
  // Without these, procedures and functions the user did not define are missing from information_schema.
  if (!canReadRoutines(grants, have, mariadb)) missing.push(`${routineGrant(mariadb)} (to read stored procedures and functions)`);
  const loose = tables.filter((t) => nonTransactional(String(t.engine)));
  if (loose.length && !have.has("LOCK TABLES") && !have.has("RELOAD")) missing.push(`LOCK TABLES ${on} (non-InnoDB tables)`);

  const warnings: string[] = [];
  if (loose.length) {
    warnings.push(
      `Not read consistently (non-transactional engine): ${loose.map((t) => `${String(t.name)} (${String(t.engine)})`).join(", ")} — convert them to InnoDB for point-in-time backups`,
    );
  }
  const noKey = tables.filter((t) => Number(t.has_pk) !== 1).map((t) => String(t.name));
  if (noKey.length) {
    warnings.push(`Tables without a primary key (rows are ordered by every column, diffs show them as add/remove): ${noKey.slice(0, 10).join(", ")}${noKey.length > 10 ? ` and ${noKey.length - 10} more` : ""}`);
  }
  if (!have.has("RELOAD")) {
    // MariaDB reports the snapshot's binlog position without a lock; MySQL only under FLUSH TABLES WITH READ LOCK.
    const position = !mariadb && Number(info.log_bin) === 1 ? ", and on MySQL to record the binlog position" : "";
    warnings.push(`No RELOAD privilege: tables are read over one connection (FLUSH TABLES WITH READ LOCK is needed to read several in the same snapshot${position})`);
  }
  if (Number(info.log_bin) !== 1) warnings.push("Binary logging is off: snapshots record no binlog position for point-in-time recovery");
  else if (!have.has(mariadb ? "BINLOG MONITOR" : "REPLICATION CLIENT") && !have.has("GLOBAL SUPER")) {
    warnings.push(`Without ${mariadb ? "BINLOG MONITOR" : "REPLICATION CLIENT"} the binlog position is not recorded`);
  }
  const major = Number(/^(\d+)\.(\d+)/.exec(version)?.[1] ?? 0);
  const minor = Number(/^(\d+)\.(\d+)/.exec(version)?.[2] ?? 0);
  if (mariadb ? major < 10 || (major === 10 && minor < 6) : major < 8) {
    warnings.push(`${mariadb ? "MariaDB" : "MySQL"} ${version.split("-")[0]} is older than ${mariadb ? "10.6" : "8.0"}, which Tidemark does not support`);
  }
  return {
    engine: "mysql",
    version: `${mariadb ? "MariaDB" : "MySQL"} ${version.split("-")[0]}`,
    database: db,
    sizeBytes: Number(info.size),
    missingPrivileges: missing,
    warnings,
  };
}
