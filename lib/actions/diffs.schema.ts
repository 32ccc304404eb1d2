// Inputs of the diff actions (the compare page and the restore wizard build these):
//   startCompareAction({ sourceId, fromBackupSetId, to: { backupSetId } | { live: true }, tables?: string[], fromStorageTargetId? (live only) })
//   startRestorePreviewAction({ backupSetId, target: { mode: "new" | "replace", targetSourceId?, database? }, tables?: string[], fromStorageTargetId? })
import type { z } from "zod";
import { compareParams, restorePreviewParams } from "../diff/job-params";

export const startCompareInput = compareParams.omit({ mode: true });
export const startRestorePreviewInput = restorePreviewParams.omit({ mode: true });

export type StartCompareInput = z.input<typeof startCompareInput>;
export type StartRestorePreviewInput = z.input<typeof startRestorePreviewInput>;
