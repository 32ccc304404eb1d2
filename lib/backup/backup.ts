// Engine-neutral backup: reads one consistent snapshot through a Connector, chunks, dedups and stores it, manifest last.
import { createHash } from "node:crypto";
import { tableKey, type Connector, type TableRef, type TableShape } from "../engine/types";
import { RowChunker, type RawChunk } from "../repository/chunker";
import type { BackupType, ChunkRef, Manifest, SnapshotStats, TableManifest } from "../repository/manifest";
import type { Repository } from "../repository/repository";
import { Limiter, runAll } from "./limiter";
import { checkAbort, throttle, type Progress, type ProgressFn } from "./progress";
import { BaseAligner, selectTables } from "./select-tables";

export interface BackupOptions {
  connector: Connector;
  repo: Repository;
  type?: BackupType;
  tables?: (string | TableRef)[];
  /** Credential-free identity of the source (groups its snapshots) and the database name. */
  source: { identity: string; database: string };
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** Chunks being hashed/compressed/encrypted/written at once (each ≤ maxSize of plaintext). */
  chunkConcurrency?: number;
  /** Tables read at once; more than one only helps when the connector reads them on separate connections. */
  tableConcurrency?: number;
}

export interface BackupResult {
  manifest: Manifest;
  /** E.g. "no earlier full backup: took a full one", stale locks seen. */
  warnings: string[];
}

export const TOOL = "tidemark 0.1.0";

export async function backup(opts: BackupOptions): Promise<BackupResult> {
  const { connector, repo, signal } = opts;
  const started = Date.now();
  const warnings: string[] = [];
  const lock = await repo.lock("shared", `backup ${opts.type ?? "full"}`);
  warnings.push(...lock.warnings);
  try {
    checkAbort(signal);
    let type: BackupType = opts.type ?? "full";
    // A full backup has no parent: no need to open every manifest in the repository.
    const previous = type === "full" ? [] : (await repo.listSnapshots()).filter((m) => m.source.identity === opts.source.identity);
    const parent =
      type === "differential"
        ? previous.filter((m) => m.type === "full").at(-1)
        : type === "incremental"
          ? previous.at(-1)
          : undefined;
    if (type !== "full" && !parent) {
      warnings.push(`No earlier ${type === "differential" ? "full " : ""}snapshot of this source: took a full backup`);
      type = "full";
    }
    // What counts as "already stored" for each type (DESIGN.md's table): nothing, the last full, or the whole repository.
    const skip =
      type === "full"
        ? new Set<string>()
        : type === "differential"
          ? new Set(parent!.tables.flatMap((t) => t.chunks.map((c) => c.id)))
          : await repo.listChunkIds();

    // Bare names ("orders") are resolved against the live shape first, so the snapshot reads only what was asked.
    const only = opts.tables?.length ? selectTables((await connector.introspect()).tables, opts.tables).map((t) => t.ref) : undefined;
    const reader = await connector.openSnapshot(only ? { tables: only } : undefined);
    try {
      warnings.push(...(reader.warnings ?? []));
      const shape = await reader.shape();
      const chosen = selectTables(shape.tables, only);
      // The schema is captured while the tables stream (on the snapshot's own connection for PostgreSQL, on one of
      // its connections for MySQL). If that fails, the rows stop at the next chunk and the schema's error is the one
      // reported: a failed query also ends PostgreSQL's exporting transaction, so later reads would fail less clearly.
      const schemaFailed = new AbortController();
      const rowSignal = signal ? AbortSignal.any([signal, schemaFailed.signal]) : schemaFailed.signal;
      let schemaError: Error | null = null;
      const schemaCapture = reader.schema();
      schemaCapture.catch((err: unknown) => {
        schemaError = err instanceof Error ? err : new Error(String(err));
        schemaFailed.abort(schemaError);
      });
      const stats: SnapshotStats = { chunks: 0, chunksStored: 0, deltaChunks: 0, bytesStored: 0, bytesRead: 0, durationMs: 0 };
      const progress: Progress = {
        phase: "rows",
        rowsDone: 0,
        rowsTotal: chosen.reduce((n, t) => n + Math.max(0, t.rowEstimate), 0),
        bytesDone: 0,
        bytesTotal: chosen.reduce((n, t) => n + Math.max(0, t.bytesEstimate), 0),
      };
      const report = throttle(opts.onProgress);
      report(progress, true);
      const limiter = new Limiter(opts.chunkConcurrency ?? 4);
      const written = new Set<string>();
      const results: TableManifest[] = new Array(chosen.length);

      const backupTable = async (t: TableShape, index: number) => {
        const key = tableKey(t.ref);
        const parentTable = parent?.tables.find((p) => tableKey(p.ref) === key);
        const aligner = parentTable ? new BaseAligner(parentTable.chunks) : null;
        const chunker = new RowChunker(repo.chunker);
        const digest = createHash("sha256");
        const chunks: ChunkRef[] = [];
        let offset = 0;
        let rows = 0;

        const handle = async (c: RawChunk) => {
          checkAbort(rowSignal);
          digest.update(c.data);
          const entry: ChunkRef = { id: "", size: c.data.length, rows: c.rows };
          chunks.push(entry);
          const bases = aligner?.pick(offset, c.data.length) ?? [];
          offset += c.data.length;
          rows += c.rows;
          await limiter.run(async () => {
            entry.id = await repo.chunkId(c.data);
            if (skip.has(entry.id) || written.has(entry.id)) return;
            written.add(entry.id);
            const base = bases.length ? await loadBase(repo, bases) : undefined;
            const stored = await repo.writeChunk(entry.id, c.data, base);
            stats.chunksStored++;
            stats.bytesStored += stored.storedBytes;
            if (stored.delta) stats.deltaChunks++;
          });
          progress.rowsDone += c.rows;
          progress.bytesDone += c.data.length;
          progress.table = key;
          report(progress);
        };

        const out: RawChunk[] = [];
        for await (const piece of reader.rows(t.ref)) {
          chunker.push(piece as Buffer, out);
          for (const c of out) await handle(c);
          out.length = 0;
        }
        chunker.finish(out);
        for (const c of out) await handle(c);
        stats.chunks += chunks.length;
        stats.bytesRead += offset;
        results[index] = {
          ref: t.ref,
          columns: t.columns,
          keyColumns: t.keyColumns,
          rows,
          bytes: offset,
          digest: digest.digest("hex"),
          chunks,
        };
      };

      try {
        await runAll(chosen, opts.tableConcurrency ?? 2, backupTable);
        await limiter.drain();
      } catch (err) {
        await limiter.settle();
        throw schemaError ?? err;
      }
      const schema = await schemaCapture;
      checkAbort(signal);
      report({ ...progress, phase: "manifest", table: undefined, rowsTotal: progress.rowsDone, bytesTotal: progress.bytesDone }, true);
      stats.durationMs = Date.now() - started;
      const manifest: Manifest = {
        format: "tidemark-snapshot",
        version: 1,
        id: repo.newSnapshotId(),
        createdAt: new Date().toISOString(),
        type,
        parent: parent?.id ?? null,
        source: {
          identity: opts.source.identity,
          engine: connector.engine,
          database: opts.source.database,
          serverVersion: reader.serverVersion,
        },
        consistentAt: reader.consistentAt.toISOString(),
        ...(reader.position ? { position: reader.position } : {}),
        partial: Boolean(opts.tables?.length),
        schema,
        tables: results,
        stats,
        tool: TOOL,
      };
      await repo.writeManifest(manifest);
      report({ ...progress, phase: "done", table: undefined, rowsTotal: progress.rowsDone, bytesTotal: progress.bytesDone }, true);
      return { manifest, warnings };
    } finally {
      await reader.close();
    }
  } finally {
    await lock.release();
  }
}

/** The parent's chunks as a zstd dictionary; a missing or unreadable base just means storing the chunk whole. */
async function loadBase(repo: Repository, ids: string[]) {
  try {
    const parts = await Promise.all(ids.map((id) => repo.readChunkWithDepth(id, undefined, false)));
    return {
      ids,
      plain: parts.length === 1 ? parts[0].plain : Buffer.concat(parts.map((p) => p.plain)),
      depth: Math.max(...parts.map((p) => p.depth)),
    };
  } catch {
    return undefined;
  }
}
