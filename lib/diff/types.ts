// The diff result: plain JSON (stored with a diff job), NULL kept distinct from the empty string.

export type Value = string | null;

export type DiffKind = "added" | "removed" | "changed";

export interface SampleRow {
  /** Key column → value (every column for tables compared as multisets). */
  key: Record<string, Value>;
  values: Record<string, Value>;
  /** How many identical rows this stands for (multiset tables with duplicates); 1 otherwise. */
  count: number;
}

export interface ChangedRow {
  key: Record<string, Value>;
  changes: { column: string; from: Value; to: Value }[];
}

export interface ColumnChanges {
  added: string[];
  removed: string[];
  retyped: { name: string; from: string; to: string }[];
}

export interface TableDiff {
  table: string;
  status: "added" | "removed" | "changed" | "unchanged";
  /** "key": matched by primary key; "multiset": no usable key, rows counted per distinct text. */
  comparedBy: "key" | "multiset";
  keyColumns: string[];
  /** Column → engine type (of the newer side where both have it), for display (bytea/blob shown as size + hex). */
  columnTypes: Record<string, string>;
  rowsAdded: number;
  rowsRemoved: number;
  rowsChanged: number;
  /** Changed rows per column name. */
  changedColumns: Record<string, number>;
  /** Present when the table's columns differ; rows are then compared on `comparedColumns` only. */
  columns?: ColumnChanges;
  comparedColumns?: string[];
  notes: string[];
  samples: { added: SampleRow[]; removed: SampleRow[]; changed: ChangedRow[] };
  chunksRead: number;
  chunksSkipped: number;
}

export interface SchemaChange {
  kind: string;
  schema: string | null;
  name: string;
  /** The table ("schema.name") the object belongs to: the table itself, or the table of an index, constraint, trigger. */
  table?: string;
  change: "added" | "removed" | "changed";
  /** Unified line diff of the DDL ("-", "+", " " prefixes). */
  diff: string;
}

export interface SnapshotDiff {
  /** Snapshot ids, or "live" for the live database. */
  from: string;
  to: string;
  tables: TableDiff[];
  schema: SchemaChange[];
  chunksRead: number;
  chunksSkipped: number;
}

/** Receives every row difference (not only the samples); the diff job stores them for paging. */
export interface DiffSink {
  row(table: string, kind: DiffKind, data: SampleRow | ChangedRow): void;
  /** False once this table/kind needs no more rows (a cap was reached): lets one-sided tables stop reading. */
  wants(table: string, kind: DiffKind): boolean;
  /** Called between chunks: writes what was buffered, so memory stays bounded. */
  flush(): Promise<void>;
}

export interface DiffProgress {
  table: string;
  tablesDone: number;
  tablesTotal: number;
  /** Bytes of row data read or skipped so far (both sides), against the total of both sides where known. */
  bytesDone: number;
  bytesTotal: number;
}

export interface DiffOptions {
  /** Rows kept per kind (added, removed, changed) and table; default 20. */
  sampleSize?: number;
  /** Only these tables ("schema.name", or a bare name when unambiguous); schema objects narrowed to them. */
  tables?: string[];
  sink?: DiffSink;
  onProgress?: (p: DiffProgress) => void;
  signal?: AbortSignal;
}
