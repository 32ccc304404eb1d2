// Inputs of the backup-set actions.
import { z } from "zod";

export const pinBackupInput = z.object({ backupSetId: z.string().min(1), pinned: z.boolean() });
export const verifyBackupInput = z.object({ backupSetId: z.string().min(1) });
/**
 * A restore drill of one backup, read from where it was written or from one of its completed copies, restored on the
 * source's own server or on another same-engine source's (`onSourceId`, as a policy's "Drill on the server of").
 */
export const drillBackupInput = z.object({
  backupSetId: z.string().min(1),
  fromStorageTargetId: z.string().min(1).optional(),
  onSourceId: z.string().min(1).optional(),
});
