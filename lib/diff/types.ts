// The diff result: plain JSON (stored with a diff job), NULL kept distinct from the empty string.

export type Value = string | null;

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
  change: "added" | "removed" | "changed";
  /** Unified line diff of the DDL ("-", "+", " " prefixes). */
  diff: string;
}

export interface SnapshotDiff {
  from: string;
  to: string;
  tables: TableDiff[];
  schema: SchemaChange[];
  chunksRead: number;
  chunksSkipped: number;
}

export interface DiffOptions {
  /** Rows kept per kind (added, removed, changed) and table; default 20. */
  sampleSize?: number;
  signal?: AbortSignal;
}
