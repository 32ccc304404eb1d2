// SQL quoting for identifiers and literals: every name Tidemark writes into SQL goes through here.

/** Always-quoted identifier: safe for mixed case, spaces, quotes, unicode and reserved words. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** schema.name, both quoted; a null schema leaves the name alone. */
export function qualify(schema: string | null, name: string): string {
  return schema === null ? quoteIdent(name) : `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** String literal under standard_conforming_strings (the only mode Tidemark sessions use). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
