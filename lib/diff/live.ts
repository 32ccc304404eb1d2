// Diffs a snapshot against the live database, read through its connector in one consistent snapshot.
//
// The live rows are cut by the same RowChunker and named by the same HMAC as a backup would, so an unchanged
// region of a table yields the very chunk ids the snapshot lists. The live side is read once, as a stream: a
// live chunk whose id is the snapshot's next unread chunk or one further on ends the current "hunk" (the
// snapshot chunks before it are read and merged with the live rows held so far) and is itself skipped
// unparsed; the snapshot chunk it matches is never read. Changed live chunks are merged as they come, the
// snapshot side following in lockstep once the live side is half a chunk ahead, so memory stays that of the
// changed region, not of the table.
import type { Readable } from "node:stream";
import { tableKey, type Connector, type SchemaObject, type TableShape } from "../engine/types";
import { chunksWithIds } from "../repository/chunk-stream";
import type { TableManifest } from "../repository/manifest";
import type { Repository } from "../repository/repository";
import { diffSchema, narrowSchema, resolveTables, sumChunks } from "./diff";
import { mergeLoaded, RowCursor } from "./row-cursor";
import { RowCollector, RowMerger } from "./row-merge";
import { emptyDiff, finishDiff, plan, tableSink, wholeSide } from "./table-diff";
import type { DiffOptions, SnapshotDiff, TableDiff } from "./types";

export interface LiveDiffOptions extends DiffOptions {
  /** "snapshot-to-live" (default): what changed since the snapshot. "live-to-snapshot": what restoring it would change. */
  direction?: "snapshot-to-live" | "live-to-snapshot";
}

interface Ctx {
  repo: Repository;
  snapshot: string;
  liveIsFrom: boolean;
  limit: number;
  options: DiffOptions;
  progress: (bytes: number) => void;
}

/** A table the snapshot has and the live database has too. */
async function bothSides(ctx: Ctx, t: TableManifest, live: TableShape, rows: Readable): Promise<TableDiff> {
  const { repo, liveIsFrom, options } = ctx;
  const name = tableKey(t.ref);
  const [from, to] = liveIsFrom ? [live, t] : [t, live];
  const d = emptyDiff(name, to, "unchanged", from);
  const { sa, sb, out, ordered, fast } = plan(from, to, d, ctx.limit, tableSink(options, name));
  const slack = repo.chunker.avgSize / 2;
  const index = new Map<string, number[]>();
  t.chunks.forEach((c, i) => index.set(c.id, [...(index.get(c.id) ?? []), i]));
  // Snapshot chunks are decoded a little ahead (in the thread pool, while live rows are parsed): once one had to be
  // read, the next probably must be too. A prefetched chunk that then aligns with a live chunk is just dropped.
  const ahead = new Map<number, Promise<Buffer>>();
  const fetch = (k: number) => {
    let p = ahead.get(k);
    if (!p) {
      p = repo.readChunkWithDepth(t.chunks[k].id, { snapshot: ctx.snapshot, table: name }, false).then((c) => c.plain);
      p.catch(() => {}); // observed when used
      ahead.set(k, p);
    }
    return p;
  };
  const read = async (k: number, until = t.chunks.length) => {
    d.chunksRead++;
    ctx.progress(t.chunks[k].size);
    const plain = fetch(k);
    for (let x = k + 1; x < Math.min(until, k + 3); x++) fetch(x);
    const out = await plain;
    ahead.delete(k);
    return out;
  };
  const between = async () => {
    options.signal?.throwIfAborted();
    await options.sink?.flush();
  };

  let s = 0; // the first snapshot chunk not yet read into the current hunk
  let snap = new RowCursor();
  let lv = new RowCursor();
  let merger = new RowMerger(sa, sb, out, ordered);
  let open = false;
  let liveBytes = 0;
  let snapBytes = 0;
  const merge = () => (liveIsFrom ? mergeLoaded(lv, snap, merger, fast) : mergeLoaded(snap, lv, merger, fast));

  /** Ends the hunk before snapshot chunk k: its remaining snapshot chunks are read and every pending row settled. */
  const close = async (k: number) => {
    if (open || s < k) {
      lv.done = true;
      for (;;) {
        merge();
        if (s >= k) break;
        snap.load(await read(s++, k));
        await between();
      }
      snap.done = true;
      merge();
      merger.finish();
    }
    for (const x of ahead.keys()) if (x < k + 1) ahead.delete(x);
    snap = new RowCursor();
    lv = new RowCursor();
    merger = new RowMerger(sa, sb, out, ordered);
    open = false;
    liveBytes = snapBytes = 0;
  };

  for await (const c of chunksWithIds(repo, rows)) {
    ctx.progress(c.data.length);
    const k = index.get(c.id)?.find((i) => i >= s);
    if (k !== undefined) {
      await close(k);
      s = k + 1;
      d.chunksSkipped += 2;
      ctx.progress(t.chunks[k].size);
      continue;
    }
    open = true;
    lv.load(c.data);
    liveBytes += c.data.length;
    for (;;) {
      merge();
      if (!lv.has) break;
      if (s < t.chunks.length && liveBytes - snapBytes > slack) {
        const plain = await read(s++);
        snap.load(plain);
        snapBytes += plain.length;
        continue;
      }
      // The snapshot side is not behind: the rest of this live chunk waits for the next one, which either
      // aligns with the snapshot (these rows were then added) or brings the live side far enough ahead.
      break;
    }
    await between();
  }
  await close(t.chunks.length);
  return finishDiff(d, out);
}

/** A table only one side has: every row added or removed. Snapshot rows are read only for samples and the sink. */
async function oneSided(ctx: Ctx, name: string, shape: TableShape | TableManifest, source: { rows: Readable } | { manifest: TableManifest }): Promise<TableDiff> {
  const { options } = ctx;
  const isLive = "rows" in source;
  const added = isLive !== ctx.liveIsFrom;
  const kind = added ? "added" : "removed";
  const d = emptyDiff(name, shape, kind);
  const side = wholeSide(shape);
  const out = new RowCollector(side, side, side.columns, ctx.limit, tableSink(options, name));
  const take = (row: Buffer) => (added ? out.addedRow(row, 1) : out.removedRow(row, 1));
  const wanted = () => out.samples[kind].length < ctx.limit || (options.sink?.wants(name, kind) ?? false);
  const cursor = new RowCursor();
  let rows = 0;
  if (isLive) {
    // Every live row is counted: the count is what a restore would delete (or a backup would add).
    for await (const c of chunksWithIds(ctx.repo, source.rows, false)) {
      ctx.progress(c.data.length);
      rows += c.rows;
      if (!wanted()) continue;
      cursor.load(c.data);
      while (cursor.has) take(cursor.take());
      await options.sink?.flush();
      options.signal?.throwIfAborted();
    }
  } else {
    const m = source.manifest;
    rows = m.rows;
    for (const ref of m.chunks) {
      if (!wanted()) break;
      options.signal?.throwIfAborted();
      d.chunksRead++;
      cursor.load((await ctx.repo.readChunkWithDepth(ref.id, { snapshot: ctx.snapshot, table: name }, false)).plain);
      while (cursor.has) take(cursor.take());
      await options.sink?.flush();
    }
    d.chunksSkipped = m.chunks.length - d.chunksRead;
    ctx.progress(m.bytes);
  }
  d.samples = out.samples;
  if (added) d.rowsAdded = rows;
  else d.rowsRemoved = rows;
  return d;
}

export async function diffLive(repo: Repository, snapshotId: string, connector: Connector, options: LiveDiffOptions = {}): Promise<SnapshotDiff> {
  const manifest = await repo.readManifest(snapshotId);
  const liveIsFrom = options.direction === "live-to-snapshot";
  const reader = await connector.openSnapshot();
  try {
    const shape = await reader.shape();
    const liveSchema = (await reader.schema()).objects;
    const snapTables = new Map(manifest.tables.map((t) => [tableKey(t.ref), t]));
    const liveTables = new Map(shape.tables.map((t) => [tableKey(t.ref), t]));
    const [first, second] = liveIsFrom ? [snapTables, liveTables] : [liveTables, snapTables];
    let names = [...first.keys(), ...[...second.keys()].filter((k) => !first.has(k))];
    if (options.tables?.length) names = resolveTables(names, options.tables);
    const bytesTotal = names.reduce((n, k) => n + (snapTables.get(k)?.bytes ?? 0) + Math.max(0, liveTables.get(k)?.bytesEstimate ?? 0), 0);
    let bytesDone = 0;
    let current = "";
    const tables: TableDiff[] = [];
    const ctx: Ctx = {
      repo,
      snapshot: manifest.id,
      liveIsFrom,
      limit: options.sampleSize ?? 20,
      options,
      progress: (bytes) => {
        bytesDone += bytes;
        options.onProgress?.({ table: current, tablesDone: tables.length, tablesTotal: names.length, bytesDone, bytesTotal: Math.max(bytesTotal, bytesDone) });
      },
    };
    for (const name of names) {
      options.signal?.throwIfAborted();
      current = name;
      const snap = snapTables.get(name);
      const live = liveTables.get(name);
      if (snap && live) tables.push(await bothSides(ctx, snap, live, reader.rows(live.ref)));
      else if (live) tables.push(await oneSided(ctx, name, live, { rows: reader.rows(live.ref) }));
      else tables.push(await oneSided(ctx, name, snap!, { manifest: snap! }));
    }
    const [a, b]: SchemaObject[][] = liveIsFrom ? [liveSchema, manifest.schema.objects] : [manifest.schema.objects, liveSchema];
    const scope = options.tables?.length ? new Set(names) : undefined;
    return {
      from: liveIsFrom ? "live" : manifest.id,
      to: liveIsFrom ? manifest.id : "live",
      tables,
      schema: diffSchema(narrowSchema(a, scope), narrowSchema(b, scope)),
      ...sumChunks(tables),
    };
  } finally {
    await reader.close();
  }
}
