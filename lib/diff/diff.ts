// diffSnapshots: what changed between two snapshots, per table (rows by key) and per schema object (DDL).
import { selectTables } from "../backup/select-tables";
import { tableKey, type SchemaObject } from "../engine/types";
import type { Repository } from "../repository/repository";
import { unifiedDiff } from "./myers";
import { diffTable } from "./table-diff";
import type { DiffOptions, SchemaChange, SnapshotDiff, TableDiff } from "./types";

export type * from "./types";

const objectKey = (o: SchemaObject) => `${o.kind}\0${o.schema ?? ""}\0${o.name}`;

const prefixLines = (mark: string, text: string) =>
  text
    .split("\n")
    .map((l) => mark + l)
    .join("\n");

/** "schema.table" of a table or of the table an index, constraint or trigger belongs to. */
export function ownerTable(o: SchemaObject): string | undefined {
  if (o.table !== undefined) return tableKey({ schema: o.schema, name: o.table });
  return o.kind === "table" ? tableKey({ schema: o.schema, name: o.name }) : undefined;
}

/** Schema objects matched by kind + schema + name; a changed one carries a line diff of its DDL. */
export function diffSchema(from: SchemaObject[], to: SchemaObject[]): SchemaChange[] {
  const before = new Map(from.map((o) => [objectKey(o), o]));
  const after = new Map(to.map((o) => [objectKey(o), o]));
  const changes: SchemaChange[] = [];
  const entry = (o: SchemaObject, change: SchemaChange["change"], diff: string): SchemaChange => {
    const table = ownerTable(o);
    return { kind: o.kind, schema: o.schema, name: o.name, ...(table ? { table } : {}), change, diff };
  };
  for (const o of from) {
    const now = after.get(objectKey(o));
    if (!now) changes.push(entry(o, "removed", prefixLines("-", o.ddl)));
    else if (now.ddl !== o.ddl) changes.push(entry(o, "changed", unifiedDiff(o.ddl, now.ddl)));
  }
  for (const o of to) if (!before.has(objectKey(o))) changes.push(entry(o, "added", prefixLines("+", o.ddl)));
  return changes;
}

/** The chosen table keys among `names` ("schema.name", or a bare name when unambiguous); throws on an unknown one. */
export function resolveTables(names: string[], wanted: string[]): string[] {
  const refs = names.map((n) => {
    const dot = n.indexOf(".");
    return { ref: dot === -1 ? { schema: null, name: n } : { schema: n.slice(0, dot), name: n.slice(dot + 1) }, key: n };
  });
  return [...new Set(selectTables(refs, wanted).map((r) => r.key))];
}

/** With a table scope, only the objects of those tables (themselves, their indexes, constraints, triggers…). */
export function narrowSchema(objects: SchemaObject[], tables: Set<string> | undefined): SchemaObject[] {
  if (!tables) return objects;
  return objects.filter((o) => {
    const owner = ownerTable(o);
    return owner !== undefined && tables.has(owner);
  });
}

export const sumChunks = (tables: TableDiff[]) => ({
  chunksRead: tables.reduce((n, t) => n + t.chunksRead, 0),
  chunksSkipped: tables.reduce((n, t) => n + t.chunksSkipped, 0),
});

/** Tables in the order of the newer snapshot, then the ones it no longer has. */
export async function diffSnapshots(repo: Repository, fromId: string, toId: string, options: DiffOptions = {}): Promise<SnapshotDiff> {
  const [from, to] = await Promise.all([repo.readManifest(fromId), repo.readManifest(toId)]);
  const before = new Map(from.tables.map((t) => [tableKey(t.ref), t]));
  const after = new Map(to.tables.map((t) => [tableKey(t.ref), t]));
  let names = [...after.keys(), ...[...before.keys()].filter((k) => !after.has(k))];
  if (options.tables?.length) names = resolveTables(names, options.tables);
  const ids = { from: from.id, to: to.id };
  const bytesTotal = names.reduce((n, k) => n + (before.get(k)?.bytes ?? 0) + (after.get(k)?.bytes ?? 0), 0);
  let bytesDone = 0;
  const tables: TableDiff[] = [];
  // One table at a time: memory stays that of one table's changed region.
  for (const name of names) {
    options.signal?.throwIfAborted();
    options.onProgress?.({ table: name, tablesDone: tables.length, tablesTotal: names.length, bytesDone, bytesTotal });
    tables.push(await diffTable(repo, ids, before.get(name), after.get(name), options));
    bytesDone += (before.get(name)?.bytes ?? 0) + (after.get(name)?.bytes ?? 0);
  }
  options.onProgress?.({ table: "", tablesDone: tables.length, tablesTotal: names.length, bytesDone, bytesTotal });
  const scope = options.tables?.length ? new Set(names) : undefined;
  return {
    from: from.id,
    to: to.id,
    tables,
    schema: diffSchema(narrowSchema(from.schema.objects, scope), narrowSchema(to.schema.objects, scope)),
    ...sumChunks(tables),
  };
}
