// The sql_mode a stored program, view or trigger was created under, made acceptable to the server it is
// restored on. MySQL 8 removed several modes MariaDB still has (MariaDB's default sql_mode contains
// NO_AUTO_CREATE_USER), and each server has a mode the other lacks: SET SESSION sql_mode with an unknown
// name fails, so the object could not be restored at all.

/**
 * MySQL 8's sql_mode names (its 19 modes and the two combinations it kept). Whatever else a MariaDB object was
 * created under is dropped for MySQL, since SET SESSION sql_mode fails on an unknown name.
 */
const MYSQL_MODES = new Set([
  "ALLOW_INVALID_DATES", "ANSI_QUOTES", "ERROR_FOR_DIVISION_BY_ZERO", "HIGH_NOT_PRECEDENCE", "IGNORE_SPACE",
  "NO_AUTO_VALUE_ON_ZERO", "NO_BACKSLASH_ESCAPES", "NO_DIR_IN_CREATE", "NO_ENGINE_SUBSTITUTION", "NO_UNSIGNED_SUBTRACTION",
  "NO_ZERO_DATE", "NO_ZERO_IN_DATE", "ONLY_FULL_GROUP_BY", "PAD_CHAR_TO_FULL_LENGTH", "PIPES_AS_CONCAT", "REAL_AS_FLOAT",
  "STRICT_ALL_TABLES", "STRICT_TRANS_TABLES", "TIME_TRUNCATE_FRACTIONAL", "ANSI", "TRADITIONAL",
]);
/**
 * Dropped modes that leave a stored program's meaning as it was: NO_AUTO_CREATE_USER (GRANT never creates users on
 * MySQL 8), the SHOW CREATE output options, IGNORE_BAD_TABLE_OPTIONS (CREATE TABLE only), TIME_ROUND_FRACTIONAL
 * (rounding is MySQL's default) and MYSQL323/MYSQL40 (whose components MariaDB lists beside them). Anything else
 * — EMPTY_STRING_IS_NULL, SIMULTANEOUS_ASSIGNMENT, and ORACLE, MSSQL, DB2, MAXDB, POSTGRESQL, which are modes of
 * their own in MariaDB (ORACLE changes how || treats NULL) — is dropped too, but reported.
 */
const MYSQL_HARMLESS = new Set([
  "NO_AUTO_CREATE_USER", "NO_FIELD_OPTIONS", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS", "IGNORE_BAD_TABLE_OPTIONS",
  "TIME_ROUND_FRACTIONAL", "MYSQL323", "MYSQL40",
]);

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
  const known = (m: string) => (mariadb ? !MARIADB_UNKNOWN.has(m) : MYSQL_MODES.has(m));
  const harmless = mariadb ? MARIADB_HARMLESS : MYSQL_HARMLESS;
  const names = mode.split(",").map((m) => m.trim()).filter(Boolean);
  const kept = names.filter((m) => known(m.toUpperCase()));
  const changed = names.filter((m) => !known(m.toUpperCase()) && !harmless.has(m.toUpperCase()));
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
