// Inputs of the backup-set actions.
import { z } from "zod";

export const pinBackupInput = z.object({ backupSetId: z.string().min(1), pinned: z.boolean() });
export const verifyBackupInput = z.object({ backupSetId: z.string().min(1) });
