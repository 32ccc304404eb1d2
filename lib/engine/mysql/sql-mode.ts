// The sql_mode a stored program, view or trigger was created under, made acceptable to the server it is
// restored on. MySQL 8 removed several modes MariaDB still has (MariaDB's default sql_mode contains
// NO_AUTO_CREATE_USER), and each server has a mode the other lacks: SET SESSION sql_mode with an unknown
// name fails, so the object could not be restored at all.

/**
 * Modes MySQL 8 does not accept, and whether dropping one keeps the object's meaning:
 * - removed in MySQL 8 with nothing left to do there: NO_AUTO_CREATE_USER (GRANT never creates users), the
 *   SHOW CREATE output options, and the combination names (their component modes are listed beside them);
 * - TIME_ROUND_FRACTIONAL: MariaDB truncates by default and this asks for rounding, which is MySQL's default.
 * Anything else (EMPTY_STRING_IS_NULL, SIMULTANEOUS_ASSIGNMENT, …) changes how the body runs: it is dropped
 * too, but reported.
 */
const MYSQL_HARMLESS = new Set([
  "NO_AUTO_CREATE_USER", "NO_FIELD_OPTIONS", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS", "TIME_ROUND_FRACTIONAL",
  "DB2", "MAXDB", "MSSQL", "MYSQL323", "MYSQL40", "ORACLE", "POSTGRESQL",
]);
const MYSQL_UNKNOWN = new Set([...MYSQL_HARMLESS, "EMPTY_STRING_IS_NULL", "SIMULTANEOUS_ASSIGNMENT"]);

/** Modes MariaDB does not accept. TIME_TRUNCATE_FRACTIONAL asks for truncation, which is MariaDB's default. */
const MARIADB_HARMLESS = new Set(["TIME_TRUNCATE_FRACTIONAL"]);
const MARIADB_UNKNOWN = MARIADB_HARMLESS;

export interface AdaptedSqlMode {
  /** The sql_mode to set on the target server. */
  mode: string;
  /** Dropped modes that change how the object behaves (the person restoring should know). */
  changed: string[];
}

/** `mode` without the modes the target server (`mariadb` or MySQL) does not know. */
export function adaptSqlMode(mode: string, mariadb: boolean): AdaptedSqlMode {
  const unknown = mariadb ? MARIADB_UNKNOWN : MYSQL_UNKNOWN;
  const harmless = mariadb ? MARIADB_HARMLESS : MYSQL_HARMLESS;
  const names = mode.split(",").map((m) => m.trim()).filter(Boolean);
  const kept = names.filter((m) => !unknown.has(m.toUpperCase()));
  const changed = names.filter((m) => unknown.has(m.toUpperCase()) && !harmless.has(m.toUpperCase()));
  return { mode: kept.join(","), changed };
}

/**
 * The session settings to recreate before an object's DDL. Empty values are left out (events' time_zone is the
 * only optional one), except sql_mode: an empty sql_mode is a mode of its own, stored with routines, triggers
 * and events. Views keep no sql_mode (SHOW CREATE VIEW reports none; older snapshots recorded it as "").
 */
export function sessionSettings(o: { kind: string; session?: Record<string, string> }): [string, string][] {
  return Object.entries(o.session ?? {}).filter(([k, v]) => v !== "" || (k === "sql_mode" && o.kind !== "view"));
}
