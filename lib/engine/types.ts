// The contract every database connector implements: PostgreSQL, MySQL/MariaDB and SQLite alike.
// Rows always travel in the canonical COPY text format (lib/codec), so the repository, diffs and
// digests never need to know which engine produced them.
import type { Readable } from "node:stream";

export type EngineKind = "postgres" | "mysql" | "sqlite";

/** A table as the engine names it. `schema` is null where the engine has no schemas (MySQL database level, SQLite). */
export interface TableRef {
  schema: string | null;
  name: string;
}

export interface ColumnInfo {
  name: string;
  /** The engine's own type name, as it would appear in DDL (e.g. "numeric(12,2)", "varchar(255)"). */
  type: string;
  nullable: boolean;
  /** Generated columns are not part of the row stream: the target computes them. */
  generated?: boolean;
}

export interface TableShape {
  ref: TableRef;
  /** Columns in row-stream order (generated columns excluded from rows). */
  columns: ColumnInfo[];
  /** Primary key columns; empty when the table has none (rows are then ordered by every column). */
  keyColumns: string[];
  rowEstimate: number;
  bytesEstimate: number;
}

export interface DatabaseShape {
  database: string;
  tables: TableShape[];
}

export interface ServerInfo {
  engine: EngineKind;
  /** Human version string, e.g. "PostgreSQL 15.19" or "MariaDB 10.11.19". */
  version: string;
  database: string;
  sizeBytes: number;
  /** What a backup needs and the connecting role lacks; empty when everything is there. */
  missingPrivileges: string[];
  /** Anything else a DBA should know before the first backup (e.g. MyISAM tables that cannot be read consistently). */
  warnings: string[];
}

/**
 * One schema object as captured from the source. The DDL is engine SQL that the same engine's
 * RestoreWriter replays; `phase` says whether it runs before the rows are loaded (types, tables,
 * functions) or after (indexes, constraints, triggers, sequence values, grants).
 */
export interface SchemaObject {
  kind: string; // "table" | "index" | "constraint" | "view" | "function" | "trigger" | "sequence" | "type" | …
  schema: string | null;
  name: string;
  /** The table an index, constraint or trigger belongs to. */
  table?: string;
  phase: "pre-data" | "post-data";
  ddl: string;
  /**
   * Session settings the DDL must run under, where the engine records them per object (MySQL stored
   * programs and views keep the sql_mode and client character set they were created with).
   */
  session?: Record<string, string>;
}

export interface SchemaObjects {
  /** In dependency order: replaying them one after another recreates the database. */
  objects: SchemaObject[];
  /** Engine-specific facts the restore needs (database encoding, character set, …). */
  settings?: Record<string, string>;
}

export interface SnapshotReader {
  /** The point in time this backup represents. */
  consistentAt: Date;
  /** WAL LSN (PostgreSQL) or binlog file:position (MySQL), when the server has one. */
  position?: string;
  serverVersion: string;
  /** What a DBA should know about this snapshot (e.g. MyISAM tables that were not read consistently). */
  warnings?: string[];
  shape(): Promise<DatabaseShape>;
  schema(): Promise<SchemaObjects>;
  /** Canonical COPY text rows of one table, sorted by primary key (by every column where there is none). */
  rows(table: TableRef): Readable;
  /**
   * The rows of one key range, in key order, so one big table can be read over several connections at once.
   * Only for tables whose primary key is a single integer column; null (before any query) otherwise.
   */
  rowsInRange?(table: TableRef, range: KeyRange): Readable | null;
  close(): Promise<void>;
}

/**
 * Rows whose single integer key is ≥ `from` and < `to` (an absent end is open), the values written as in the
 * canonical rows (decimal digits, optionally signed).
 */
export interface KeyRange {
  from?: string;
  to?: string;
}

/** The integer key value of a range bound, checked before it goes into SQL. */
export function integerKeyLiteral(value: string): string {
  if (!/^-?\d{1,20}$/.test(value)) throw new Error(`Not an integer key value: ${JSON.stringify(value.slice(0, 40))}`);
  return value;
}

/** `key >= from AND key < to` for a quoted key column; empty when the range is unbounded. */
export function keyRangeCondition(quotedKey: string, range: KeyRange): string {
  const parts: string[] = [];
  if (range.from !== undefined) parts.push(`${quotedKey} >= ${integerKeyLiteral(range.from)}`);
  if (range.to !== undefined) parts.push(`${quotedKey} < ${integerKeyLiteral(range.to)}`);
  return parts.join(" AND ");
}

export interface RestoreTarget {
  /**
   * "new": create `database` (or the SQLite file) and restore into it; it must not exist yet.
   * "replace": replace the chosen tables (or the whole database when `tables` is absent) atomically.
   */
  mode: "new" | "replace";
  /** Database name (PostgreSQL/MySQL) or file path (SQLite) to restore into; defaults to the connection's own. */
  database?: string;
  /** Restrict the restore to these tables; absent means every table in the snapshot. */
  tables?: TableRef[];
}

export interface RestoreWriter {
  /** Creates the pre-data objects (and, in replace mode, sets up whatever makes the swap atomic). */
  begin(schema: SchemaObjects, tables: TableShape[]): Promise<void>;
  /** Loads one table's canonical COPY text rows. */
  writeRows(table: TableShape, rows: Readable): Promise<void>;
  /**
   * Post-data objects, sequence values, then commit/swap. After this the target is the restored state. A failure
   * after the target was changed (e.g. tables swapped in, a view that could not be recreated) is a TargetChangedError.
   */
  commit(): Promise<void>;
  /** Undoes everything begin() and writeRows() did; the target is left exactly as it was. */
  abort(): Promise<void>;
  /** What the person restoring must do or know once commit() returned (e.g. "reopen the SQLite file"). */
  notices?: string[];
}

/**
 * A restore failed after it had changed the target (its message says what is in place and what is missing): the
 * target is no longer as it was, so this must be reported like a committed restore and never retried.
 */
export class TargetChangedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TargetChangedError";
  }
}

export interface Connector {
  readonly engine: EngineKind;
  test(): Promise<ServerInfo>;
  introspect(): Promise<DatabaseShape>;
  openSnapshot(options?: { tables?: TableRef[] }): Promise<SnapshotReader>;
  openRestore(target: RestoreTarget): Promise<RestoreWriter>;
  /** A connector for the restored database, so the restore can be verified by reading it back. */
  forDatabase(database: string): Connector;
  close(): Promise<void>;
}

/** "public.orders" style key for a table, quoting nothing: used in manifests and maps, never in SQL. */
export function tableKey(ref: TableRef): string {
  return ref.schema === null ? ref.name : `${ref.schema}.${ref.name}`;
}

/** What a SQL export knows about the snapshot it writes. */
export interface SqlExportInfo {
  snapshot: string;
  type: string;
  identity: string;
  serverVersion: string;
  consistentAt: string;
  settings?: Record<string, string>;
}

/**
 * How one engine writes a snapshot as plain SQL that its own client replays without Tidemark (PostgreSQL's
 * COPY-based export lives in lib/backup/export-sql.ts; the other engines provide one of these).
 */
export interface SqlDialect {
  preamble(info: SqlExportInfo): string;
  /** One schema object as a complete statement (with any session settings and delimiters it needs). */
  statement(o: SchemaObject): string;
  /** A table's canonical rows as INSERT statements. */
  tableRows(table: { ref: TableRef; columns: ColumnInfo[]; rows: number }, data: AsyncIterable<Buffer>): AsyncGenerator<Buffer>;
  epilogue(info: SqlExportInfo): string;
}
