// What a failed restore left behind, from the failed job's kept result (null when it failed before committing).
export interface FailedRestoreResult {
  committed?: boolean;
  database?: string;
  mismatched?: string[];
  targetSourceId?: string;
  preRestore?: { backupSetId: string; snapshotId: string } | null;
}

export type FailureOutcome =
  | { committed: false }
  | { committed: true; database: string; mismatched: string[]; undoHref: string | null; dropNew: boolean };

/** Whether the failed restore committed data into the target, and how to undo it. */
export function failureOutcome(result: FailedRestoreResult | null | undefined, mode: "new" | "replace"): FailureOutcome {
  if (!result?.committed) return { committed: false };
  const undoHref = result.preRestore && result.targetSourceId ? `/sources/${result.targetSourceId}/backups/${result.preRestore.backupSetId}` : null;
  return { committed: true, database: result.database ?? "the target database", mismatched: result.mismatched ?? [], undoHref, dropNew: mode === "new" };
}
