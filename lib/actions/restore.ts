"use server";
// Starting a restore from the wizard (operators and admins). The worker restores; this checks and enqueues.
import { revalidatePath } from "next/cache";
import { hasRole } from "../auth/roles";
import { getBackupSetDetails } from "../db/backup-sets";
import { getJob } from "../db/jobs";
import type { ReadPlace } from "../db/copies";
import { restoreTargetSource } from "../db/restore-targets";
import { Forbidden, Invalid, NotFound } from "../errors";
import { startJob } from "../jobs/enqueue";
import { operatorAction } from "./client";
import { checkedReadPlace, readFromDetail, readFromParam } from "./restore.read-from";
import { newDatabaseProblem, previewExpiredProblem, restoreInput } from "./restore.schema";

export const startRestoreAction = operatorAction(restoreInput, async ({ user, input, audit }) => {
  const set = await getBackupSetDetails(input.backupSetId);
  if (!set) throw new NotFound("That backup no longer exists.");
  if (set.status !== "COMPLETED") throw new Invalid("That backup did not complete, so it cannot be restored.");
  const target = await restoreTargetSource(input.targetSourceId ?? set.sourceId);
  if (!target) throw new NotFound("The source to restore into no longer exists.");
  if (target.engine !== set.source.engine) {
    throw new Invalid(`${target.name} is ${target.engine.toLowerCase()}, the backup is ${set.source.engine.toLowerCase()}: restore into a source of the same engine.`, { targetSourceId: "different engine" });
  }
  if (input.mode === "new") {
    const problem = newDatabaseProblem(target.engine, input.database ?? "", target.database);
    if (problem) throw new Invalid(problem, { database: problem });
    if (input.database === target.database) throw new Invalid(`${input.database} is the source's own database: choose “in place” to replace it, or another name.`, { database: "same as the source" });
  } else if (input.confirmDatabase !== target.database) {
    throw new Invalid(`Type the database name “${target.database}” to confirm replacing it.`, { confirmDatabase: "does not match" });
  }
  if (input.skipPreRestoreBackup && input.mode === "replace" && !hasRole(user.role, "ADMIN")) {
    throw new Forbidden("Only an admin may skip the pre-restore backup of an in-place restore.");
  }
  const place = await checkedReadPlace(set.id, input.fromStorageTargetId);
  const preview = await getJob(input.previewJobId);
  if (!preview || preview.kind !== "DIFF" || preview.status !== "SUCCEEDED" || !previewMatches(preview.params, { backupSetId: set.id, ownSourceId: set.sourceId, writtenTo: set.storageTargetId }, target.id, place, input)) {
    throw new Invalid("Look at the preview of what this restore changes first (step 4), then confirm.");
  }
  const expired = previewExpiredProblem(preview.finishedAt, new Date());
  if (expired) throw new Invalid(expired, { previewJobId: "expired" });

  const job = await startJob({
    kind: "RESTORE",
    // The job writes into the target, so it queues behind that source's other jobs.
    sourceId: target.id,
    requestedById: user.id,
    params: {
      backupSetId: set.id,
      mode: input.mode,
      ...(target.id !== set.sourceId ? { targetSourceId: target.id } : {}),
      ...(input.mode === "new" ? { database: input.database } : {}),
      ...(input.tables?.length ? { tables: input.tables } : {}),
      skipPreRestoreBackup: input.mode === "replace" && input.skipPreRestoreBackup,
      ...readFromParam(place),
    },
  });
  await audit({
    action: "restore.requested",
    targetType: "source",
    targetId: target.id,
    details: {
      backupSetId: set.id, fromSource: set.source.name, into: target.name, mode: input.mode,
      database: input.mode === "new" ? input.database : target.database, tables: input.tables ?? "all",
      skipPreRestoreBackup: input.mode === "replace" && input.skipPreRestoreBackup, readFrom: readFromDetail(place), previewJobId: preview.id, jobId: job.id,
    },
  });
  revalidatePath("/jobs");
  return { jobId: job.id };
});


/** Whether a finished restore-preview job previewed exactly this restore (same backup, storage read, target and tables). */
function previewMatches(params: unknown, { backupSetId, ownSourceId, writtenTo }: { backupSetId: string; ownSourceId: string; writtenTo: string }, targetId: string, place: ReadPlace, input: { mode: string; database?: string; tables?: string[] }): boolean {
  const p = (params ?? {}) as { mode?: string; backupSetId?: string; target?: { mode?: string; targetSourceId?: string; database?: string }; tables?: string[]; fromStorageTargetId?: string };
  const sameTables = [...(p.tables ?? [])].sort().join("\n") === [...(input.tables ?? [])].sort().join("\n");
  return (
    p.mode === "restore-preview" &&
    p.backupSetId === backupSetId &&
    (p.fromStorageTargetId ?? writtenTo) === place.storageTargetId &&
    p.target?.mode === input.mode &&
    (p.target.targetSourceId ?? ownSourceId) === targetId &&
    (input.mode !== "new" || p.target.database === input.database) &&
    sameTables
  );
}
