"use server";
// Pinning a backup (retention never forgets it), verifying it now and drilling its restore: operators and admins.
import { revalidatePath } from "next/cache";
import { getBackupSetDetails, setPinned } from "../db/backup-sets";
import { checkDrillServer } from "../db/policies";
import { Invalid, NotFound } from "../errors";
import { startJob } from "../jobs/enqueue";
import { operatorAction } from "./client";
import { drillBackupInput, pinBackupInput, verifyBackupInput } from "./backups.schema";
import { checkedReadPlace, readFromDetail, readFromParam } from "./restore.read-from";

const pagePath = (sourceId: string, id: string) => `/sources/${sourceId}/backups/${id}`;

export const pinBackupAction = operatorAction(pinBackupInput, async ({ input, audit }) => {
  const set = await getBackupSetDetails(input.backupSetId);
  if (!set) throw new NotFound("That backup no longer exists.");
  const updated = await setPinned(set.id, input.pinned);
  await audit({
    action: input.pinned ? "backup.pinned" : "backup.unpinned",
    targetType: "backup",
    targetId: set.id,
    details: { source: set.source.name, snapshotId: set.snapshotId, consistentAt: set.consistentAt?.toISOString() ?? null },
  });
  revalidatePath(pagePath(set.sourceId, set.id));
  revalidatePath(`/sources/${set.sourceId}`);
  return { pinned: updated.pinned };
});

export const verifyBackupAction = operatorAction(verifyBackupInput, async ({ user, input, audit }) => {
  const set = await getBackupSetDetails(input.backupSetId);
  if (!set) throw new NotFound("That backup no longer exists.");
  if (set.status !== "COMPLETED") throw new Invalid("Only a completed backup can be verified.");
  const job = await startJob({ kind: "VERIFY", sourceId: set.sourceId, requestedById: user.id, params: { backupSetId: set.id } });
  await audit({ action: "backup.verify_requested", targetType: "backup", targetId: set.id, details: { source: set.source.name, snapshotId: set.snapshotId, jobId: job.id } });
  revalidatePath("/jobs");
  return { jobId: job.id };
});

/** Restores the backup into a scratch database, verifies every row and drops it: from the primary or a copy, on the source's server or another. */
export const drillBackupAction = operatorAction(drillBackupInput, async ({ user, input, audit }) => {
  const set = await getBackupSetDetails(input.backupSetId);
  if (!set) throw new NotFound("That backup no longer exists.");
  if (set.status !== "COMPLETED") throw new Invalid("Only a completed backup can be drilled.");
  const place = await checkedReadPlace(set.id, input.fromStorageTargetId);
  const onSourceId = input.onSourceId && input.onSourceId !== set.sourceId ? input.onSourceId : null;
  const host = onSourceId ? await checkDrillServer(onSourceId, set.sourceId) : null;
  if (host?.error) throw new Invalid(host.error);
  const job = await startJob({
    kind: "DRILL",
    sourceId: set.sourceId,
    requestedById: user.id,
    params: { backupSetId: set.id, ...readFromParam(place), ...(onSourceId ? { onSourceId } : {}) },
  });
  await audit({
    action: "backup.drill_requested",
    targetType: "backup",
    targetId: set.id,
    details: { source: set.source.name, snapshotId: set.snapshotId, jobId: job.id, readFrom: readFromDetail(place), drillOn: host?.name ?? set.source.name },
  });
  revalidatePath("/jobs");
  return { jobId: job.id };
});
