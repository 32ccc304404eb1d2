// Restore job: a backup set into a new database, in place (after a pre-restore backup), or into another source.
import { z } from "zod";
import { restore, RestoreCommittedError } from "../../backup/restore";
import { connectorFor, restoreTargetFor, sourceOf } from "../../engine/connect";
import { MAX_DATABASE_NAME, MAX_RESTORE_TABLES, MAX_TABLE_KEY } from "../../backup/restore-limits";
import { getBackupSet } from "../../db/backup-sets";
import { sourceAccess } from "../../db/source-secrets";
import { getUser } from "../../db/users";
import { Invalid } from "../../errors";
import { defineJob } from "../definitions";
import { JobFailedWithResult } from "../errors";
import { restoreReadStorage } from "../read-from";
import { openExistingRepository, READ_FROM_COPY_HINT, refuseToRecreate } from "../repository-access";
import { SnapshotNotFoundError } from "../../repository/errors";
import { runBackup } from "./backup";
import { selectTables } from "../../backup/select-tables";

export const restoreParams = z.object({
  backupSetId: z.string().min(1),
  mode: z.enum(["new", "replace"]),
  /** The source to restore into; defaults to the backup's own source. */
  targetSourceId: z.string().min(1).optional(),
  /** For mode "new": the database (or SQLite file) to create. */
  database: z.string().min(1).max(MAX_DATABASE_NAME).optional(),
  tables: z.array(z.string().min(1).max(MAX_TABLE_KEY)).max(MAX_RESTORE_TABLES).optional(),
  /** Admins may skip the automatic backup taken before an in-place restore. */
  skipPreRestoreBackup: z.boolean().default(false),
  /** Read the backup from this second destination (a completed copy) instead of where it was written. */
  fromStorageTargetId: z.string().min(1).optional(),
});

/** The URL of `database` on the same server as `url` (for SQLite: the file path). */
function urlForDatabase(url: string, database: string): string {
  if (/^sqlite:/i.test(url)) return `sqlite:${database}`;
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export const restoreJob = defineJob({
  kind: "RESTORE",
  params: restoreParams,
  perSource: true,
  async handle(ctx) {
    const p = ctx.params;
    const set = await getBackupSet(p.backupSetId);
    if (!set) throw new Invalid("That backup set no longer exists.");
    const storage = await restoreReadStorage(set, p.fromStorageTargetId, ctx);
    const targetSourceId = p.targetSourceId ?? set.sourceId;
    const target = await sourceAccess(targetSourceId);
    if (p.mode === "new" && !p.database) throw new Invalid("Name the new database to restore into.");

    if (p.mode === "replace" && p.skipPreRestoreBackup) {
      // Skipping the safety net is an admin's decision, whoever queued the job and however.
      const requester = ctx.requestedById ? await getUser(ctx.requestedById) : null;
      if (requester?.role !== "ADMIN" || requester.disabled) throw new Invalid("Only an admin may skip the pre-restore backup of an in-place restore.");
    }
    // Everything that can fail before a row moves fails now, not after a pre-restore backup of several minutes.
    const repo = await openExistingRepository(storage, READ_FROM_COPY_HINT);
    await repo.readManifest(set.snapshotId).catch((err: unknown) => {
      if (!(err instanceof SnapshotNotFoundError)) throw err;
      throw new Invalid(`The backup ${set.snapshotId.slice(0, 12)} is no longer in ${storage.name}: retention may have removed it since the preview. Choose another backup.`);
    });
    if (p.mode === "replace" && !p.skipPreRestoreBackup && target.storage) {
      await refuseToRecreate(
        target.storage,
        `The pre-restore backup of ${target.name} cannot be written there: restore into a new database instead, or ask an admin to skip the pre-restore backup.`,
      );
    }
    let preRestore: { backupSetId: string; snapshotId: string } | null = null;
    if (p.mode === "replace" && !p.skipPreRestoreBackup) {
      // Bringing back a dropped table is the commonest partial restore: back up the chosen tables that exist.
      const { present, missing } = p.tables ? await tablesInTarget(target.url, p.tables) : { present: undefined, missing: [] };
      if (missing.length) await ctx.log("info", `Not in ${target.name} now, so not in its pre-restore backup: ${missing.join(", ")} (undoing this restore would leave ${missing.length === 1 ? "it" : "them"} in place)`);
      if (present?.length === 0) {
        await ctx.log("info", "None of the chosen tables exists in the target yet: there is nothing to back up before restoring them.");
      } else {
        await ctx.log("info", `Taking a pre-restore backup of ${target.name} so this restore can be undone`);
        const before = await runBackup(targetSourceId, { type: "incremental", tables: present, verifyAfter: false, preRestore: true }, ctx);
        preRestore = { backupSetId: before.backupSetId, snapshotId: before.snapshotId };
      }
    } else if (p.mode === "replace") {
      await ctx.log("warn", "The pre-restore backup was skipped on request: this restore cannot be undone from Tidemark.");
    }

    const url = p.mode === "new" ? urlForDatabase(target.url, p.database!) : target.url;
    const { connector, target: restoreTarget } = p.mode === "new" ? restoreTargetFor(url, "new") : { connector: connectorFor(url), target: { mode: "replace" as const, database: sourceOf(url).database } };
    const undo = preRestore
      ? `To go back, restore the pre-restore backup ${preRestore.snapshotId.slice(0, 8)} in place.`
      : p.mode === "new"
        ? `Drop the database ${restoreTarget.database} if you do not keep it.`
        : "No pre-restore backup was taken, so Tidemark cannot undo it.";
    const base = { database: restoreTarget.database, targetSourceId, preRestore };
    try {
      let result;
      try {
        result = await restore({ repo, snapshotId: set.snapshotId, connector, target: restoreTarget, tables: p.tables, onProgress: ctx.progress, signal: ctx.signal });
      } catch (err) {
        if (!(err instanceof RestoreCommittedError)) throw err;
        throw new JobFailedWithResult(`${err.message}. Check the data in ${restoreTarget.database}. ${undo}`, { ...base, committed: true, verified: false, mismatched: [] });
      }
      const outcome = { ...base, committed: true, verified: result.verified, mismatched: result.mismatched, tables: result.tables, durationMs: result.durationMs, notices: result.notices };
      if (!result.verified) {
        throw new JobFailedWithResult(`The restore was committed into ${restoreTarget.database}, but its rows differ from the backup in: ${result.mismatched.join(", ")}. ${undo}`, outcome);
      }
      await ctx.log("info", `Restored ${result.tables.length} tables and verified every row digest`);
      for (const notice of result.notices) await ctx.log("warn", notice);
      return outcome;
    } finally {
      await connector.close();
    }
  },
});

/** Which of the chosen tables the target has now (names resolved as the backup resolves them). */
async function tablesInTarget(url: string, chosen: string[]): Promise<{ present: string[]; missing: string[] }> {
  const connector = connectorFor(url);
  try {
    const { tables } = await connector.introspect();
    const present: string[] = [];
    const missing: string[] = [];
    for (const t of chosen) {
      try {
        selectTables(tables, [t]);
        present.push(t);
      } catch {
        missing.push(t);
      }
    }
    return { present, missing };
  } finally {
    await connector.close();
  }
}
