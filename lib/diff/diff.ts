// diffSnapshots: what changed between two snapshots, per table (rows by key) and per schema object (DDL).
import { tableKey, type SchemaObject } from "../engine/types";
import type { Repository } from "../repository/repository";
import { unifiedDiff } from "./myers";
import { diffTable } from "./table-diff";
import type { DiffOptions, SchemaChange, SnapshotDiff } from "./types";

export type * from "./types";

const objectKey = (o: SchemaObject) => `${o.kind}\0${o.schema ?? ""}\0${o.name}`;

const prefixLines = (mark: string, text: string) =>
  text
    .split("\n")
    .map((l) => mark + l)
    .join("\n");

/** Schema objects matched by kind + schema + name; a changed one carries a line diff of its DDL. */
export function diffSchema(from: SchemaObject[], to: SchemaObject[]): SchemaChange[] {
  const before = new Map(from.map((o) => [objectKey(o), o]));
  const after = new Map(to.map((o) => [objectKey(o), o]));
  const changes: SchemaChange[] = [];
  const entry = (o: SchemaObject, change: SchemaChange["change"], diff: string): SchemaChange => ({ kind: o.kind, schema: o.schema, name: o.name, change, diff });
  for (const o of from) {
    const now = after.get(objectKey(o));
    if (!now) changes.push(entry(o, "removed", prefixLines("-", o.ddl)));
    else if (now.ddl !== o.ddl) changes.push(entry(o, "changed", unifiedDiff(o.ddl, now.ddl)));
  }
  for (const o of to) if (!before.has(objectKey(o))) changes.push(entry(o, "added", prefixLines("+", o.ddl)));
  return changes;
}

/** Tables in the order of the newer snapshot, then the ones it no longer has. */
export async function diffSnapshots(repo: Repository, fromId: string, toId: string, options: DiffOptions = {}): Promise<SnapshotDiff> {
  const [from, to] = await Promise.all([repo.readManifest(fromId), repo.readManifest(toId)]);
  const before = new Map(from.tables.map((t) => [tableKey(t.ref), t]));
  const after = new Map(to.tables.map((t) => [tableKey(t.ref), t]));
  const names = [...after.keys(), ...[...before.keys()].filter((k) => !after.has(k))];
  const ids = { from: from.id, to: to.id };
  const tables = [];
  // One table at a time: memory stays that of one table's changed region.
  for (const name of names) {
    options.signal?.throwIfAborted();
    tables.push(await diffTable(repo, ids, before.get(name), after.get(name), options));
  }
  return {
    from: from.id,
    to: to.id,
    tables,
    schema: diffSchema(from.schema.objects, to.schema.objects),
    chunksRead: tables.reduce((n, t) => n + t.chunksRead, 0),
    chunksSkipped: tables.reduce((n, t) => n + t.chunksSkipped, 0),
  };
}
