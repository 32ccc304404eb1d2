// Restore drill: restore a backup (the latest by default) into a scratch database, verify every row digest,
// record how long it took (the RTO you can count on), then drop the scratch database.
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { restore } from "../../backup/restore";
import { connectorFor, engineOf, restoreTargetFor } from "../../engine/connect";
import { dropDatabase } from "../../engine/drop-database";
import { getBackupSet, latestDrillableBackupSet } from "../../db/backup-sets";
import { drillServerError } from "../../db/policies";
import { sourceAccess } from "../../db/source-secrets";
import { getStorageTarget } from "../../db/storage";
import { Invalid, NotFound } from "../../errors";
import { JobFailedWithResult } from "../errors";
import { defineJob } from "../definitions";
import { restoreReadStorage } from "../read-from";
import { openExistingRepository } from "../repository-access";

function scratchUrl(url: string): { url: string; database: string } {
  // Unique even for drills of several sources started in the same millisecond on one shared drill server: a drill
  // drops its scratch database at the end, which must never be another drill's.
  const name = `tidemark_drill_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  if (engineOf(url) === "sqlite") {
    const file = path.join(tmpdir(), `${name}.db`);
    return { url: `sqlite:${file}`, database: file };
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { url: u.toString(), database: name };
}

/** The source whose server hosts the scratch database, checked as the policy action checks it (drillServerError). */
async function drillServer(id: string, source: { id: string; engine: string }): Promise<{ name: string; url: string }> {
  const server = await sourceAccess(id).catch((e: unknown) => {
    if (e instanceof NotFound) return null;
    throw e;
  });
  if (!server) throw new Invalid("The source chosen to drill on no longer exists: choose another (in the policy, for scheduled drills), or drill on the source's own server.");
  const error = drillServerError(server, source.engine, id === source.id);
  if (error) throw new Invalid(error);
  return { name: server.name, url: server.url };
}

export const drillJob = defineJob({
  kind: "DRILL",
  params: z.object({
    backupSetId: z.string().min(1).optional(),
    /** Drill the copy in this storage target (a completed one) instead of where the backup was written. */
    fromStorageTargetId: z.string().min(1).optional(),
    /** Set by a scheduled drill whose policy drills the copy but no longer copies anywhere. */
    copyTargetGone: z.literal(true).optional(),
    /** Create the scratch database on this (same-engine) source's server instead of the drilled source's. */
    onSourceId: z.string().min(1).optional(),
  }),
  perSource: true,
  async handle(ctx) {
    if (!ctx.sourceId) throw new Invalid("A drill needs a data source.");
    const { backupSetId, fromStorageTargetId, copyTargetGone } = ctx.params;
    if (copyTargetGone) {
      throw new Invalid("This policy drills the copy, but it no longer copies its backups anywhere (its copy-to storage target was removed): choose a copy target in the policy, or untick \"Drill the copy\".");
    }
    // A scheduled drill of the copy (no backup named) restores the newest backup that has a completed copy there.
    const set = backupSetId ? await getBackupSet(backupSetId) : await latestDrillableBackupSet(ctx.sourceId, fromStorageTargetId);
    if (!set && !backupSetId && fromStorageTargetId) {
      const target = await getStorageTarget(fromStorageTargetId);
      throw new Invalid(`No backup of this source has a completed copy in ${target?.name ?? "the policy's copy-to storage target"} yet, so there is no copy to drill: check the copy jobs on the Jobs page.`);
    }
    if (backupSetId && (!set || set.sourceId !== ctx.sourceId || set.status !== "COMPLETED")) {
      throw new Invalid("The backup chosen for this drill is no longer a completed backup of this source (retention may have removed it after the drill was queued): the next drill picks the latest one.");
    }
    if (!set) throw new Invalid("There is no completed backup of this source to drill with yet.");
    const source = await sourceAccess(ctx.sourceId);
    const server = ctx.params.onSourceId ? await drillServer(ctx.params.onSourceId, source) : null;
    // A drill of the offsite copy proves the copy restores, not only the primary.
    const storage = await restoreReadStorage(set, fromStorageTargetId, ctx);
    const repo = await openExistingRepository(storage);
    const serverUrl = server?.url ?? source.url;
    const scratch = scratchUrl(serverUrl);
    const where = `${scratch.database}${server ? ` on the server of ${server.name}` : ""}`;
    await ctx.log("info", `Restoring snapshot ${set.snapshotId.slice(0, 12)} into the scratch database ${where}`);
    const { connector, target } = engineOf(source.url) === "sqlite" ? { connector: connectorFor(scratch.url), target: { mode: "new" as const, database: scratch.database } } : restoreTargetFor(scratch.url, "new");
    const outcome = await restore({ repo, snapshotId: set.snapshotId, connector, target, onProgress: ctx.progress, signal: ctx.signal }).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    await connector.close();
    const dropError = await dropDatabase(serverUrl, scratch.database).then(
      () => null,
      (e: Error) => e,
    );
    if (dropError) {
      // The scratch database holds a full copy of the backup's rows: never leave it behind silently.
      await ctx.log("error", `Could not drop the scratch database ${where}: ${dropError.message}. It holds a copy of the backed-up data: drop it by hand.`);
      if ("result" in outcome) throw new Error(`The drill ran, but its scratch database ${where} could not be dropped (${dropError.message}): it holds a copy of the backed-up data, drop it by hand.`);
    }
    if ("error" in outcome) throw outcome.error;
    const result = outcome.result;
    const rows = result.tables.reduce((n, t) => n + t.rows, 0);
    const summary = { backupSetId: set.id, snapshotId: set.snapshotId, readFrom: storage.name, ...(server ? { drilledOn: server.name } : {}), verified: result.verified, mismatched: result.mismatched, rtoMs: result.durationMs, rows, tables: result.tables.length };
    // Finding a backup that does not restore equal is what a drill is for: it fails (notified, counted as a failed
    // drill), keeping its figures.
    if (!result.verified) throw new JobFailedWithResult(`Drill failed: the restored rows differ from the backup in ${result.mismatched.join(", ")}. Run "Verify now" on this backup to find the damaged chunks.`, summary);
    await ctx.log("info", `Drill passed: ${rows} rows restored and verified in ${(result.durationMs / 1000).toFixed(1)} s`);
    return summary;
  },
});
