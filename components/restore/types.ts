// What the restore wizard knows and what the person has chosen so far.
import type { EngineName } from "@/lib/actions/restore.schema";

export interface WizardSource {
  id: string;
  name: string;
  engine: EngineName;
  /** Database name (PostgreSQL, MySQL) or file path (SQLite). */
  database: string;
  displayTarget: string;
}

export interface WizardPoint {
  id: string;
  type: "FULL" | "DIFFERENTIAL" | "INCREMENTAL";
  consistentAt: string;
  rowCount: number;
  tableCount: number;
  verification: "UNVERIFIED" | "VERIFIED" | "FAILED";
  pinned: boolean;
  preRestore: boolean;
}

export interface WizardBackup extends WizardPoint {
  tables: { key: string; rows: number }[];
}

export type TargetKind = "new" | "replace" | "other";

export interface WizardChoice {
  targetKind: TargetKind;
  /** For "other": the source to restore into and whether into a new database on its server or over its database. */
  otherSourceId: string;
  otherMode: "new" | "replace";
  database: string;
  allTables: boolean;
  tables: string[];
}

/** Where a source's server is, for "a new database on …": host:port (PostgreSQL, MySQL) or the file's folder (SQLite). */
export function serverOf(s: WizardSource): string {
  return s.displayTarget.replace(/\/[^/]*$/, "") || s.displayTarget;
}

/** The restore job's params as the wizard derives them from a choice. */
export function restoreTarget(choice: WizardChoice, source: WizardSource, others: WizardSource[]) {
  const other = choice.targetKind === "other" ? others.find((s) => s.id === choice.otherSourceId) ?? null : null;
  const mode: "new" | "replace" = choice.targetKind === "new" ? "new" : choice.targetKind === "replace" ? "replace" : choice.otherMode;
  const into = other ?? source;
  return { mode, into, database: mode === "new" ? choice.database.trim() : into.database };
}
