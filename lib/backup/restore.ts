// Engine-neutral restore: streams a snapshot's chunks into a RestoreWriter, commits, then reads the target back to verify.
import { tableKey, TargetChangedError, type Connector, type RestoreTarget, type TableRef, type TableShape } from "../engine/types";
import type { Manifest, TableManifest } from "../repository/manifest";
import type { Repository } from "../repository/repository";
import { digestStream, tableStream } from "./chunk-reader";
import { checkAbort, throttle, type Progress, type ProgressFn } from "./progress";
import { replaceScope, selectTables } from "./select-tables";
import { runAll } from "./limiter";
import { planRanges, verifyInRanges, type RangePlan } from "./verify-ranges";

/** Connections one big table is read back over (the machines Tidemark is measured on have two cores). */
const VERIFY_PARTS = 2;

export interface RestoreOptions {
  repo: Repository;
  /** Snapshot id, unique prefix, or "latest". */
  snapshotId: string;
  connector: Connector;
  target: RestoreTarget;
  tables?: (string | TableRef)[];
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** Tables loaded at once (default 3 into a new database, 1 in place). */
  tableConcurrency?: number;
  /** Read the restored tables back and compare digests (default true). */
  verify?: boolean;
}

export interface TableCheck {
  table: string;
  rows: number;
  verified: boolean;
}

export interface RestoreResult {
  manifest: Manifest;
  tables: TableCheck[];
  /** True when every restored table read back equals the manifest's digest. */
  verified: boolean;
  /** Tables whose restored rows differ from the snapshot. */
  mismatched: string[];
  durationMs: number;
  loadMs: number;
  /** What the person restoring must do or know now (e.g. reopen a replaced SQLite file). */
  notices: string[];
}

/**
 * The restore changed the target, then failed: reading it back failed, or the writer could not finish after changing
 * the target (a TargetChangedError, whose message says what is in place and what is missing).
 */
export class RestoreCommittedError extends Error {
  constructor(cause: unknown) {
    super(
      cause instanceof TargetChangedError
        ? cause.message
        : `The restore was committed, but reading it back to verify failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

export function shapeOf(t: TableManifest): TableShape {
  return { ref: t.ref, columns: t.columns, keyColumns: t.keyColumns, rowEstimate: t.rows, bytesEstimate: t.bytes };
}

export async function restore(opts: RestoreOptions): Promise<RestoreResult> {
  const { repo, connector, signal } = opts;
  const started = Date.now();
  const id = await repo.resolveSnapshot(opts.snapshotId);
  const manifest = await repo.readManifest(id);
  const wanted = opts.target.mode === "replace" ? replaceScope(manifest, opts.tables) : opts.tables;
  const chosen = selectTables(manifest.tables, wanted);
  const subset = Boolean(wanted?.length);
  const progress: Progress = {
    phase: "load",
    rowsDone: 0,
    rowsTotal: chosen.reduce((n, t) => n + t.rows, 0),
    bytesDone: 0,
    bytesTotal: chosen.reduce((n, t) => n + t.bytes, 0),
  };
  const report = throttle(opts.onProgress);
  const lock = await repo.lock("shared", "restore");
  let loadMs = 0;
  let notices: string[] = [];
  // Where big tables will be cut for reading back in parallel (needs a chunk or two: read under the lock).
  const plans = new Map<TableManifest, RangePlan[]>();
  try {
    if (opts.verify !== false) {
      for (const t of chosen) {
        const plan = await planRanges(repo, t, VERIFY_PARTS);
        if (plan) plans.set(t, plan);
      }
    }
    checkAbort(signal);
    const writer = await connector.openRestore({ ...opts.target, ...(subset ? { tables: chosen.map((t) => t.ref) } : {}) });
    try {
      await writer.begin(manifest.schema, chosen.map(shapeOf));
      // A new database takes tables on separate connections at once; an in-place replace is one transaction.
      const parallel = opts.tableConcurrency ?? (opts.target.mode === "new" ? 3 : 1);
      await runAll(chosen, parallel, async (t) => {
        checkAbort(signal);
        progress.table = tableKey(t.ref);
        report(progress, true);
        const rows = tableStream(repo, id, t, {
          signal,
          checkIds: false,
          onChunk: (bytes, n) => {
            progress.bytesDone += bytes;
            progress.rowsDone += n;
            report(progress);
          },
        });
        await writer.writeRows(shapeOf(t), rows);
      });
      checkAbort(signal);
      report({ ...progress, phase: "post-data", table: undefined }, true);
      await writer.commit();
      notices = writer.notices ?? [];
    } catch (err) {
      await writer.abort().catch(() => {});
      // Changed, not rolled back: reported with the undo of a committed restore, and never retried.
      throw err instanceof TargetChangedError ? new RestoreCommittedError(err) : err;
    }
    loadMs = Date.now() - started;
  } finally {
    await lock.release();
  }

  const checks: TableCheck[] = chosen.map((t) => ({ table: tableKey(t.ref), rows: t.rows, verified: false }));
  if (opts.verify !== false) {
    report({ ...progress, phase: "verify", table: undefined }, true);
    const mismatched = await verifyRestored(repo, connector, opts.target, chosen, plans).catch((err: unknown) => {
      throw new RestoreCommittedError(err);
    });
    for (const c of checks) c.verified = !mismatched.includes(c.table);
  }
  const mismatched = opts.verify === false ? [] : checks.filter((c) => !c.verified).map((c) => c.table);
  report({ ...progress, phase: "done", table: undefined }, true);
  return {
    manifest,
    tables: checks,
    verified: opts.verify !== false && mismatched.length === 0,
    mismatched,
    durationMs: Date.now() - started,
    loadMs,
    notices,
  };
}

/**
 * Reads the restored tables back through the engine's own snapshot reader and returns the ones that differ from
 * the snapshot: big tables in key ranges at once (chunk ids compared), the others whole (digest compared).
 */
async function verifyRestored(
  repo: Repository,
  connector: Connector,
  target: RestoreTarget,
  tables: TableManifest[],
  plans: Map<TableManifest, RangePlan[]>,
): Promise<string[]> {
  const readBack = target.database ? connector.forDatabase(target.database) : connector;
  try {
    const reader = await readBack.openSnapshot({ tables: tables.map((t) => t.ref) });
    try {
      const same = async (t: TableManifest): Promise<boolean> => {
        const plan = plans.get(t);
        const ranged = plan ? await verifyInRanges(repo, reader, t, plan) : null;
        return ranged ?? (await digestStream(reader.rows(t.ref))).digest === t.digest;
      };
      const results = await Promise.all(tables.map(async (t) => ({ t, same: await same(t) })));
      return results.filter((r) => !r.same).map((r) => tableKey(r.t.ref));
    } finally {
      await reader.close();
    }
  } finally {
    if (readBack !== connector) await readBack.close();
  }
}
