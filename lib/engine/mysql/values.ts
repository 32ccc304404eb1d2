// MySQL values ⇄ canonical COPY text. The text protocol already sends most types in the exact text a
// restore needs back; only byte types and BIT need a text form of their own:
//   BINARY, VARBINARY, *BLOB  → PostgreSQL bytea hex form `\x0a1b…` (what a bytea column's COPY text holds)
//   GEOMETRY family           → the same hex form of MySQL's internal value (4-byte SRID, then WKB)
//   BIT(M)                    → M binary digits, as PostgreSQL writes bit(M): b'101' in BIT(4) is "0101"
// DECIMAL, integers (unsigned BIGINT included), FLOAT/DOUBLE, DATE/DATETIME(6)/TIMESTAMP (session time
// zone +00:00), TIME (negative and > 24 h), YEAR, JSON, ENUM/SET and zero dates travel as the server writes them.
import { parseRowBytes } from "../../codec/copy-text";
import { splitRows } from "../../codec/row-splitter";
import { quoteIdent, quoteLiteral } from "./quote";

export type ValueKind = "text" | "hex" | "bit";

const HEX_TYPES = new Set([
  "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob",
  "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon", "geometrycollection", "geomcollection",
]);

/** "bigint(20) unsigned" → "bigint". */
export function baseType(columnType: string): string {
  return columnType.trim().split(/[\s(]/)[0].toLowerCase();
}

export function isBinaryType(base: string): boolean {
  return HEX_TYPES.has(base);
}

export function kindOf(columnType: string): ValueKind {
  const base = baseType(columnType);
  if (base === "bit") return "bit";
  return HEX_TYPES.has(base) ? "hex" : "text";
}

/** Width M of BIT(M) (1 when written as plain BIT). */
export function bitWidth(columnType: string): number {
  return Number(/\((\d+)\)/.exec(columnType)?.[1] ?? 1);
}

/**
 * LOAD DATA column list and SET clauses that turn the canonical text back into each column's value:
 * text columns load directly, hex and bit columns go through a user variable.
 */
export function loadColumns(columns: { name: string; type: string }[], quote: (s: string) => string): { list: string; set: string } {
  const list: string[] = [];
  const set: string[] = [];
  columns.forEach((c, i) => {
    const kind = kindOf(c.type);
    if (kind === "text") {
      list.push(quote(c.name));
      return;
    }
    list.push(`@v${i}`);
    set.push(
      kind === "hex"
        ? `${quote(c.name)} = UNHEX(SUBSTRING(@v${i}, 3))`
        : `${quote(c.name)} = CAST(CONV(@v${i}, 2, 10) AS UNSIGNED)`,
    );
  });
  return { list: list.join(", "), set: set.length ? ` SET ${set.join(", ")}` : "" };
}

const BACKSLASH = 0x5c;

/**
 * COPY text → LOAD DATA input. Both use TAB/LF, `\N` and the same backslash escapes, except that LOAD DATA
 * does not know `\v` and `\f`: those two become their raw bytes (harmless inside a field). `block` must hold
 * whole rows, so no escape is split across calls.
 */
export function copyToLoadData(block: Buffer): Buffer {
  let i = block.indexOf(BACKSLASH);
  if (i === -1) return block;
  let out: Buffer | null = null;
  let at = 0;
  let from = 0;
  while (i !== -1 && i + 1 < block.length) {
    const c = block[i + 1];
    if (c === 0x76 || c === 0x66) {
      out ??= Buffer.allocUnsafe(block.length);
      at += block.copy(out, at, from, i);
      out[at++] = c === 0x76 ? 0x0b : 0x0c;
      from = i + 2;
    }
    i = block.indexOf(BACKSLASH, i + 2);
  }
  if (!out) return block;
  at += block.copy(out, at, from);
  return out.subarray(0, at);
}

/** A field as a MySQL literal that stores exactly the value it was read as. */
function literal(kind: ValueKind, v: Buffer | null): string {
  if (v === null) return "NULL";
  if (kind === "hex") return `X'${v.subarray(2).toString("latin1")}'`; // the field is `\x` + hex digits
  if (kind === "bit") return `b'${v.toString("latin1")}'`;
  return quoteLiteral(v.toString("utf8"));
}

/** Rows per INSERT statement: big enough for speed, well under the default max_allowed_packet (16 MB) for ordinary rows. */
const BATCH_BYTES = 1 << 20;

/** A table's canonical rows as multi-row INSERT statements (without the terminating semicolon). */
export async function* insertStatements(
  name: string,
  columns: { name: string; type: string; generated?: boolean }[],
  data: AsyncIterable<Buffer>,
  table = quoteIdent(name),
): AsyncGenerator<string> {
  const cols = columns.filter((c) => !c.generated);
  const kinds = cols.map((c) => kindOf(c.type));
  const head = `INSERT INTO ${table} (${cols.map((c) => quoteIdent(c.name)).join(", ")}) VALUES\n`;
  let batch: string[] = [];
  let size = 0;
  for await (const line of splitRows(data)) {
    const tuple = `(${parseRowBytes(line).map((v, i) => literal(kinds[i], v)).join(",")})`;
    batch.push(tuple);
    size += tuple.length;
    if (size >= BATCH_BYTES) {
      yield `${head}${batch.join(",\n")}`;
      batch = [];
      size = 0;
    }
  }
  if (batch.length) yield `${head}${batch.join(",\n")}`;
}
