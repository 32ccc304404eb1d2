// Parameters of a diff job (zod), shared by the job handler and the server actions that start one.
import { z } from "zod";
import { MAX_DATABASE_NAME, MAX_RESTORE_TABLES, MAX_TABLE_KEY } from "../backup/restore-limits";

const tables = z.array(z.string().min(1).max(MAX_TABLE_KEY)).max(MAX_RESTORE_TABLES).optional();

/** Two backup sets of one source, or a backup set against that source's live database. */
export const compareParams = z.object({
  mode: z.literal("compare").default("compare"),
  sourceId: z.string().min(1),
  fromBackupSetId: z.string().min(1),
  to: z.union([z.object({ backupSetId: z.string().min(1) }), z.object({ live: z.literal(true) })]),
  tables,
  /** Against live only: read the backup from this storage target's completed copy (the restore wizard's "Read from"). */
  fromStorageTargetId: z.string().min(1).optional(),
});

/** What restoring a backup set into a target will do; the target fields are the restore job's. */
export const restorePreviewParams = z.object({
  mode: z.literal("restore-preview"),
  backupSetId: z.string().min(1),
  target: z.object({
    mode: z.enum(["new", "replace"]),
    /** Another registered source of the same engine; defaults to the backup's own source. */
    targetSourceId: z.string().min(1).optional(),
    /** For mode "new": the database (or SQLite file) the restore would create. */
    database: z.string().min(1).max(MAX_DATABASE_NAME).optional(),
  }),
  tables,
  /** Read the backup from this storage target's completed copy instead of where it was written (as the restore will). */
  fromStorageTargetId: z.string().min(1).optional(),
});

export const diffParams = z.union([restorePreviewParams, compareParams]);
export type DiffParams = z.infer<typeof diffParams>;
