"use server";
// Starting diff jobs from the dashboard. Both return { jobId }; poll GET /api/jobs/[jobId] until it ends, then read
// job.result (DiffJobResult in lib/jobs/handlers/diff.ts: per-table counts, first samples, schema changes and, for a
// preview, `preview: { tables: [{ table, rowsDeleted, rowsInserted, rowsUpdated, schemaChanges }], summary }`) and
// page every row difference with GET /api/jobs/[jobId]/diff?table=&kind=added|removed|changed&after=&limit=.
//   startCompareAction        any signed-in user for two backups of a source; operators and admins against the live database
//   startRestorePreviewAction operators and admins: what restoring a backup into a target would change (read from where
//                             it was written, or from a completed copy named by fromStorageTargetId)
import { getBackupSet } from "../db/backup-sets";
import { restoreTargetSource } from "../db/restore-targets";
import { sourceName } from "../db/sources";
import { hasRole } from "../auth/roles";
import { Forbidden, Invalid, NotFound } from "../errors";
import { startJob } from "../jobs/enqueue";
import { operatorAction, userAction } from "./client";
import { startCompareInput, startRestorePreviewInput } from "./diffs.schema";
import { checkedReadPlace, readFromDetail, readFromParam } from "./restore.read-from";
import { newDatabaseProblem } from "./restore.schema";

export const startCompareAction = userAction(startCompareInput, async ({ user, input, audit }) => {
  // Comparing with the live database reads the whole production database: operators and admins only.
  if ("live" in input.to && !hasRole(user.role, "OPERATOR")) throw new Forbidden("Comparing with the live database reads all of it: ask an operator. Two backups can be compared by anyone.");
  const source = await sourceName(input.sourceId);
  if (!source) throw new NotFound("That data source no longer exists.");
  const from = await getBackupSet(input.fromBackupSetId);
  if (!from || from.sourceId !== source.id) throw new NotFound("That backup set does not exist for this source.");
  if ("backupSetId" in input.to) {
    const to = await getBackupSet(input.to.backupSetId);
    if (!to || to.sourceId !== source.id) throw new NotFound("The second backup set does not exist for this source.");
    if (to.id === from.id) throw new Invalid("Pick two different backups to compare.");
    if (input.fromStorageTargetId) throw new Invalid("Two backups are compared where they were written; a copy is read only against the live database.");
  }
  const { fromStorageTargetId, ...rest } = input;
  const place = await checkedReadPlace(from.id, fromStorageTargetId);
  const job = await startJob({ kind: "DIFF", sourceId: source.id, requestedById: user.id, params: { mode: "compare", ...rest, ...readFromParam(place) } });
  await audit({
    action: "diff.compare_requested",
    targetType: "source",
    targetId: source.id,
    details: { source: source.name, from: from.id, to: "live" in input.to ? "live" : input.to.backupSetId, tables: input.tables ?? null, readFrom: readFromDetail(place), jobId: job.id },
  });
  return { jobId: job.id };
});

export const startRestorePreviewAction = operatorAction(startRestorePreviewInput, async ({ user, input, audit }) => {
  const set = await getBackupSet(input.backupSetId);
  if (!set) throw new NotFound("That backup set no longer exists.");
  const targetSourceId = input.target.targetSourceId ?? set.sourceId;
  const target = await restoreTargetSource(targetSourceId);
  if (!target) throw new NotFound("The target data source no longer exists.");
  if (input.target.mode === "new") {
    // The restore's own name rules, so a preview cannot probe paths the restore would refuse (SQLite: same folder).
    const problem = input.target.database ? newDatabaseProblem(target.engine, input.target.database, target.database) : "Name the new database to restore into.";
    if (problem) throw new Invalid(problem, { "target.database": problem });
  }
  const { fromStorageTargetId, ...rest } = input;
  const place = await checkedReadPlace(set.id, fromStorageTargetId);
  const job = await startJob({ kind: "DIFF", sourceId: targetSourceId, requestedById: user.id, params: { mode: "restore-preview", ...rest, ...readFromParam(place) } });
  await audit({
    action: "diff.restore_preview_requested",
    targetType: "source",
    targetId: targetSourceId,
    details: { backupSetId: set.id, target: target.name, mode: input.target.mode, tables: input.tables ?? null, readFrom: readFromDetail(place), jobId: job.id },
  });
  return { jobId: job.id };
});
