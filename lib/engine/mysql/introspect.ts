// Reads the table shapes (columns, key, engine, estimates) and the ORDER BY that makes each table's rows deterministic.
import type { Connection, RowDataPacket } from "mysql2/promise";
import type { DatabaseShape, TableRef, TableShape } from "../types";
import { baseType, isBinaryType } from "./values";
import { qualify, quoteIdent } from "./quote";

export interface MyTable extends TableShape {
  engine: string;
  /** ORDER BY expressions: the primary key, or every column (byte-wise for text, so equal rows are identical). */
  orderBy: string[];
}

const TABLES_SQL = `
SELECT t.TABLE_NAME AS name, COALESCE(t.ENGINE, '') AS engine, COALESCE(t.TABLE_ROWS, 0) AS est_rows,
       COALESCE(t.DATA_LENGTH, 0) AS bytes
  FROM information_schema.TABLES t
 WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')
 ORDER BY t.TABLE_NAME`;

// Generated columns only: MySQL 8 also marks expression defaults (DEFAULT CURRENT_TIMESTAMP …) as DEFAULT_GENERATED,
// and those are ordinary stored values.
const COLUMNS_SQL = `
SELECT c.TABLE_NAME AS tbl, c.COLUMN_NAME AS name, c.COLUMN_TYPE AS type, c.IS_NULLABLE = 'YES' AS nullable,
       (c.EXTRA LIKE '%VIRTUAL GENERATED%' OR c.EXTRA LIKE '%STORED GENERATED%' OR c.EXTRA LIKE '%PERSISTENT%') AS generated
  FROM information_schema.COLUMNS c
 WHERE c.TABLE_SCHEMA = DATABASE()
 ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`;

const KEYS_SQL = `
SELECT s.TABLE_NAME AS tbl, s.COLUMN_NAME AS name
  FROM information_schema.STATISTICS s
 WHERE s.TABLE_SCHEMA = DATABASE() AND s.INDEX_NAME = 'PRIMARY'
 ORDER BY s.TABLE_NAME, s.SEQ_IN_INDEX`;

type Row = RowDataPacket & Record<string, unknown>;

/** information_schema names come back as Buffers when the connection hands out raw bytes: normalise. */
const str = (v: unknown) => (Buffer.isBuffer(v) ? v.toString("utf8") : String(v));

export async function readTables(c: Connection, only?: TableRef[]): Promise<MyTable[]> {
  const [tables] = await c.query<Row[]>(TABLES_SQL);
  const [columns] = await c.query<Row[]>(COLUMNS_SQL);
  const [keys] = await c.query<Row[]>(KEYS_SQL);
  const colsOf = new Map<string, Row[]>();
  for (const col of columns) {
    const t = str(col.tbl);
    if (!colsOf.has(t)) colsOf.set(t, []);
    colsOf.get(t)!.push(col);
  }
  const keyOf = new Map<string, string[]>();
  for (const k of keys) {
    const t = str(k.tbl);
    if (!keyOf.has(t)) keyOf.set(t, []);
    keyOf.get(t)!.push(str(k.name));
  }
  const wanted = only ? new Set(only.map((t) => t.name)) : null;
  const out = tables
    .filter((t) => !wanted || wanted.has(str(t.name)))
    .map((t): MyTable => {
      const name = str(t.name);
      const cols = (colsOf.get(name) ?? []).map((col) => ({
        name: str(col.name),
        type: str(col.type),
        nullable: Number(col.nullable) === 1,
        ...(Number(col.generated) === 1 ? { generated: true } : {}),
      }));
      const key = keyOf.get(name) ?? [];
      const stored = cols.filter((col) => !col.generated);
      const orderBy = key.length
        ? key.map(quoteIdent)
        : stored.map((col) => (isBinaryType(baseType(col.type)) || /char|text|enum|set|json/.test(baseType(col.type)) ? `CAST(${quoteIdent(col.name)} AS BINARY)` : quoteIdent(col.name)));
      return {
        ref: { schema: null, name },
        columns: cols,
        keyColumns: key,
        rowEstimate: Number(t.est_rows),
        bytesEstimate: Number(t.bytes),
        engine: str(t.engine),
        orderBy,
      };
    });
  if (wanted && out.length < wanted.size) {
    const found = new Set(out.map((t) => t.ref.name));
    const missing = [...wanted].filter((k) => !found.has(k));
    throw new Error(`Table${missing.length > 1 ? "s" : ""} not found: ${missing.join(", ")}`);
  }
  return out;
}

export function toShape(t: MyTable): TableShape {
  return { ref: t.ref, columns: t.columns, keyColumns: t.keyColumns, rowEstimate: t.rowEstimate, bytesEstimate: t.bytesEstimate };
}

export async function readShape(c: Connection, only?: TableRef[]): Promise<DatabaseShape> {
  const [r] = await c.query<Row[]>("SELECT DATABASE() AS db");
  return { database: str(r[0].db), tables: (await readTables(c, only)).map(toShape) };
}

/** The SELECT whose rows, encoded by values.ts, are a table's canonical row stream. */
export function rowsQuery(t: MyTable, database: string | null = null): string {
  const cols = t.columns.filter((c) => !c.generated).map((c) => quoteIdent(c.name));
  return `SELECT ${cols.join(", ")} FROM ${qualify(database, t.ref.name)} ORDER BY ${t.orderBy.join(", ")}`;
}
