// Diff job: compares two backup sets, or a backup set with the live database, or previews what a restore will
// do to its target. Every row difference goes to DiffRow (paged by the UI, capped per table and kind); the
// summary (counts, first page of samples, schema changes, and for a preview the per-table restore effects)
// is the job's result.
//
// Params (lib/diff/job-params.ts):
//   compare:          { sourceId, fromBackupSetId, to: { backupSetId } | { live: true }, tables?: string[], fromStorageTargetId? (live only) }
//   restore preview:  { mode: "restore-preview", backupSetId, target: { mode: "new"|"replace", targetSourceId?, database? }, tables?: string[],
//                       fromStorageTargetId? (read the backup from its completed copy there, as the restore will) }
// Result (DiffJobResult): SnapshotDiff fields + { mode, rowCap, capped, preview?, durationMs, sampleValueLimit }.
import { z } from "zod";
import type { Progress } from "../../backup/progress";
import { replaceScope } from "../../backup/select-tables";
import { getBackupSet } from "../../db/backup-sets";
import { clearDiffRows, storeDiffRows } from "../../db/diffs";
import { sourceAccess } from "../../db/source-secrets";
import { diffSnapshots } from "../../diff/diff";
import { diffLive } from "../../diff/live";
import { previewFromDiff, previewNewDatabase, type RestorePreview } from "../../diff/preview";
import { BatchSink, DEFAULT_ROW_CAP } from "../../diff/sink";
import type { DiffKind, DiffProgress, SnapshotDiff, Value } from "../../diff/types";
import { connectorFor, engineOf, redactUrl } from "../../engine/connect";
import { databaseExists, serverLabel } from "../../engine/database-exists";
import { Invalid } from "../../errors";
import { ENGINE_LABEL, type EngineName } from "../../sources/connection";
import { compareParams, diffParams, restorePreviewParams } from "../../diff/job-params";
import { defineJob, type JobContext } from "../definitions";
import { restoreReadStorage } from "../read-from";
import { openExistingRepository, READ_FROM_COPY_HINT } from "../repository-access";

export interface DiffJobResult extends SnapshotDiff {
  mode: "compare" | "restore-preview";
  /** Row differences stored per table and kind at most (the counts are always complete). */
  rowCap: number;
  /** Table/kind pairs with more differences than rowCap: only the first rowCap are pageable. */
  capped: { table: string; kind: DiffKind }[];
  preview?: RestorePreview;
  durationMs: number;
  /** Sample values longer than this many characters are cut here (ending in "…"): the job page polls this result.
   *  Every value is whole in the stored rows (GET /api/jobs/[id]/diff?…&full=1&seq=N; sample i is seq i + 1). */
  sampleValueLimit: number;
}

const SAMPLE_VALUE_LIMIT = 1024;
// By code point, so a cut never splits a surrogate pair.
const cut = (v: Value): Value => (v !== null && v.length > SAMPLE_VALUE_LIMIT ? `${Array.from(v).slice(0, SAMPLE_VALUE_LIMIT).join("")}…` : v);
const cutAll = (r: Record<string, Value>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, cut(v)]));

/** The result keeps its samples but not their megabyte values (a bytea column, a long document). */
function trimSamples<T extends SnapshotDiff>(d: T): T {
  for (const t of d.tables) {
    t.samples = {
      added: t.samples.added.map((r) => ({ ...r, key: cutAll(r.key), values: cutAll(r.values) })),
      removed: t.samples.removed.map((r) => ({ ...r, key: cutAll(r.key), values: cutAll(r.values) })),
      changed: t.samples.changed.map((r) => ({ key: cutAll(r.key), changes: r.changes.map((c) => ({ ...c, from: cut(c.from), to: cut(c.to) })) })),
    };
  }
  return d;
}

function progressOf(p: DiffProgress): Progress {
  return { phase: "rows", table: p.table || undefined, rowsDone: 0, rowsTotal: 0, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal };
}

async function backupSetOr(id: string, what: string) {
  const set = await getBackupSet(id);
  if (!set) throw new Invalid(`The ${what} backup set no longer exists.`);
  if (set.status !== "COMPLETED") throw new Invalid(`The ${what} backup set did not complete, so there is nothing to compare.`);
  return set;
}

/** Runs `work` with a sink that stores rows for this job; returns the sink's cap figures with the result. */
async function withRows(ctx: JobContext<unknown>, work: (sink: BatchSink) => Promise<SnapshotDiff>) {
  await clearDiffRows(ctx.jobId); // a retried job starts from nothing
  const sink = new BatchSink((rows) => storeDiffRows(ctx.jobId, rows), DEFAULT_ROW_CAP);
  let diff: SnapshotDiff;
  try {
    diff = await work(sink);
    await sink.end();
  } catch (error) {
    // Cancelled or failed: no half list of differences is left to page through.
    await clearDiffRows(ctx.jobId).catch(() => undefined);
    throw error;
  }
  const capped = sink.cappedList();
  for (const c of capped) await ctx.log("warn", `${c.table}: more than ${sink.cap} ${c.kind} rows; the counts are complete, only the first ${sink.cap} can be paged.`);
  return { diff, rowCap: sink.cap, capped };
}

type Summary = Omit<DiffJobResult, "durationMs" | "sampleValueLimit">;

async function compare(ctx: JobContext<z.infer<typeof compareParams>>): Promise<Summary> {
  const p = ctx.params;
  const from = await backupSetOr(p.fromBackupSetId, "first");
  if (from.sourceId !== p.sourceId) throw new Invalid("That backup set belongs to another data source.");
  if (p.fromStorageTargetId && !("live" in p.to)) throw new Invalid("Two backups are compared where they were written; a copy is read only against the live database.");
  const storage = await restoreReadStorage(from, p.fromStorageTargetId, ctx);
  const repo = await openExistingRepository(storage, READ_FROM_COPY_HINT);
  const options = { tables: p.tables, signal: ctx.signal, onProgress: (x: DiffProgress) => ctx.progress(progressOf(x)) };
  if ("live" in p.to) {
    const source = await sourceAccess(p.sourceId);
    await ctx.log("info", `Comparing backup ${from.snapshotId} with the live database ${redactUrl(source.url)}`);
    const connector = connectorFor(source.url);
    try {
      const r = await withRows(ctx, (sink) => diffLive(repo, from.snapshotId, connector, { ...options, sink }));
      return { mode: "compare", ...r.diff, rowCap: r.rowCap, capped: r.capped };
    } finally {
      await connector.close();
    }
  }
  const to = await backupSetOr(p.to.backupSetId, "second");
  if (to.sourceId !== p.sourceId) throw new Invalid("The two backup sets belong to different data sources.");
  if (to.storageTargetId !== from.storageTargetId) throw new Invalid("The two backup sets are in different repositories; compare backups stored in the same one.");
  await ctx.log("info", `Comparing backup ${from.snapshotId} with backup ${to.snapshotId}`);
  const r = await withRows(ctx, (sink) => diffSnapshots(repo, from.snapshotId, to.snapshotId, { ...options, sink }));
  return { mode: "compare", ...r.diff, rowCap: r.rowCap, capped: r.capped };
}

async function restorePreview(ctx: JobContext<z.infer<typeof restorePreviewParams>>): Promise<Summary> {
  const p = ctx.params;
  const set = await backupSetOr(p.backupSetId, "chosen");
  const storage = await restoreReadStorage(set, p.fromStorageTargetId, ctx);
  const repo = await openExistingRepository(storage, READ_FROM_COPY_HINT);
  const targetSourceId = p.target.targetSourceId ?? set.sourceId;
  const target = await sourceAccess(targetSourceId);
  const manifest = await repo.readManifest(set.snapshotId);
  if (engineOf(target.url) !== manifest.source.engine) {
    const label = (e: string) => ENGINE_LABEL[e.toUpperCase() as EngineName];
    throw new Invalid(`${target.name} is a ${label(engineOf(target.url))} database; this ${label(manifest.source.engine)} backup restores only into ${label(manifest.source.engine)}.`);
  }
  if (p.target.mode === "new") {
    if (!p.target.database) throw new Invalid("Name the new database to restore into.");
    await ctx.log("info", `Checking that ${p.target.database} does not exist yet on ${serverLabel(target.url)}`);
    if (await databaseExists(target.url, p.target.database)) {
      const what = engineOf(target.url) === "sqlite" ? "File" : "Database";
      throw new Invalid(`${what} ${p.target.database} already exists on ${serverLabel(target.url)}: choose another name, or restore in place.`);
    }
    const preview = previewNewDatabase(manifest, p.target.database, p.tables);
    await clearDiffRows(ctx.jobId);
    const empty: SnapshotDiff = { from: "nothing", to: set.snapshotId, tables: [], schema: [], chunksRead: 0, chunksSkipped: 0 };
    return { mode: "restore-preview", ...empty, rowCap: DEFAULT_ROW_CAP, capped: [], preview };
  }
  await ctx.log("info", `Previewing what restoring backup ${set.snapshotId} will change in ${target.name}`);
  const connector = connectorFor(target.url);
  // The same tables the restore will replace (a partial backup replaces only the tables it holds).
  const tables = replaceScope(manifest, p.tables);
  try {
    const r = await withRows(ctx, (sink) =>
      diffLive(repo, set.snapshotId, connector, {
        direction: "live-to-snapshot",
        tables,
        sink,
        signal: ctx.signal,
        onProgress: (x) => ctx.progress(progressOf(x)),
      }),
    );
    const scope = p.tables?.length
      ? `the ${p.tables.length} chosen table${p.tables.length === 1 ? "" : "s"} of`
      : tables?.length
        ? `only the ${tables.length} table${tables.length === 1 ? "" : "s"} this partial backup holds in`
        : "the whole database";
    const preview = previewFromDiff(r.diff, `Replaces ${scope} ${target.name}; a pre-restore backup is taken first.`);
    return { mode: "restore-preview", ...r.diff, rowCap: r.rowCap, capped: r.capped, preview };
  } finally {
    await connector.close();
  }
}

export const diffJob = defineJob({
  kind: "DIFF",
  params: diffParams,
  perSource: false,
  async handle(ctx): Promise<DiffJobResult> {
    const started = Date.now();
    const p = ctx.params;
    const result = p.mode === "restore-preview" ? await restorePreview({ ...ctx, params: p }) : await compare({ ...ctx, params: p });
    return { ...trimSamples(result), durationMs: Date.now() - started, sampleValueLimit: SAMPLE_VALUE_LIMIT };
  },
});
