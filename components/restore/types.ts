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

/** How a storage target's kind reads in a sentence ("offsite (S3)", "primary (local directory)"). */
export const STORAGE_KIND_LABEL: Record<WizardPlace["kind"], string> = { LOCAL: "local directory", S3: "S3" };

/** A storage target the chosen backup can be read from: where it was written, or one holding a completed copy. */
export interface WizardPlace {
  storageTargetId: string;
  name: string;
  kind: "LOCAL" | "S3";
  copy: boolean;
  verification: "UNVERIFIED" | "VERIFIED" | "FAILED";
  /** When the copy completed (the backup's finish for where it was written). */
  at: string | null;
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
  /** The storage target to read the backup from: "" for where it was written. */
  readFrom: string;
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

/** The place the backup is read from: the chosen copy, or where it was written; null when it has no copies. */
export function readPlace(choice: WizardChoice, places: WizardPlace[]): WizardPlace | null {
  if (!places.some((p) => p.copy)) return null;
  return places.find((p) => (choice.readFrom ? p.storageTargetId === choice.readFrom : !p.copy)) ?? null;
}
