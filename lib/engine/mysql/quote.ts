// MySQL/MariaDB quoting for identifiers and literals: every name Tidemark writes into MySQL SQL goes through here.

/** Always-quoted identifier: safe for backticks, spaces, unicode and reserved words. */
export function quoteIdent(name: string): string {
  return "`" + name.replaceAll("`", "``") + "`";
}

/** db.name, both quoted; a null database leaves the name alone (the session's current database). */
export function qualify(database: string | null, name: string): string {
  return database === null ? quoteIdent(name) : `${quoteIdent(database)}.${quoteIdent(name)}`;
}

/**
 * String literal that is correct whether or not NO_BACKSLASH_ESCAPES is set: backslashes and quotes are
 * doubled/escaped for the default mode, which Tidemark sessions always use (sql_mode is pinned in session.ts).
 */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "''").replaceAll("\0", "\\0")}'`;
}
