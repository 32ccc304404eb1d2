// In-memory Connector for unit tests: tables are arrays of COPY-text rows; restores land in another in-memory database.
import { Readable } from "node:stream";
import { tableKey, type Connector, type DatabaseShape, type RestoreTarget, type RestoreWriter, type SchemaObjects, type SnapshotReader, type TableRef, type TableShape } from "../engine/types";

export type FakeDatabase = Map<string, { shape: TableShape; rows: string[] }>;
export type FakeServer = Map<string, FakeDatabase>;

export function fakeTable(name: string, rows: string[]): { shape: TableShape; rows: string[] } {
  return {
    shape: {
      ref: { schema: "public", name },
      columns: [
        { name: "id", type: "bigint", nullable: false },
        { name: "body", type: "text", nullable: true },
      ],
      keyColumns: ["id"],
      rowEstimate: rows.length,
      bytesEstimate: rows.reduce((n, r) => n + r.length + 1, 0),
    },
    rows,
  };
}

/** `pieceSize` mimics PostgreSQL's ≈8 KB CopyData messages, cut anywhere (not at row ends). */
export function fakeConnector(server: FakeServer, database: string, pieceSize = 8192): Connector {
  const db = () => {
    const d = server.get(database);
    if (!d) throw new Error(`database ${database} does not exist`);
    return d;
  };
  const shape = (only?: TableRef[]): DatabaseShape => ({
    database,
    tables: [...db().values()]
      .filter((t) => !only || only.some((o) => tableKey(o) === tableKey(t.shape.ref)))
      .map((t) => ({ ...t.shape, rowEstimate: t.rows.length })),
  });
  const schema: SchemaObjects = {
    objects: [...(server.get(database)?.values() ?? [])].map((t) => ({
      kind: "table",
      schema: "public",
      name: t.shape.ref.name,
      phase: "pre-data" as const,
      ddl: `CREATE TABLE public.${t.shape.ref.name} (id bigint PRIMARY KEY, body text)`,
    })),
  };
  return {
    engine: "postgres",
    async test() {
      return { engine: "postgres", version: "Fake 1", database, sizeBytes: 0, missingPrivileges: [], warnings: [] };
    },
    async introspect() {
      return shape();
    },
    async openSnapshot(options): Promise<SnapshotReader> {
      // Copy now: later changes to the fake database must not leak into an open snapshot.
      const frozen = new Map([...db()].map(([k, v]) => [k, [...v.rows]]));
      return {
        consistentAt: new Date(),
        serverVersion: "Fake 1",
        async shape() {
          return shape(options?.tables);
        },
        async schema() {
          return schema;
        },
        rows(table: TableRef) {
          const rows = frozen.get(tableKey(table)) ?? [];
          const all = Buffer.from(rows.map((r) => r + "\n").join(""));
          const pieces: Buffer[] = [];
          for (let i = 0; i < all.length; i += pieceSize) pieces.push(all.subarray(i, i + pieceSize));
          return Readable.from(pieces, { objectMode: false });
        },
        async close() {},
      };
    },
    async openRestore(target: RestoreTarget): Promise<RestoreWriter> {
      const name = target.database ?? database;
      if (target.mode === "new" && server.has(name)) throw new Error(`database ${name} already exists`);
      const staged: FakeDatabase = new Map(target.mode === "replace" ? (server.get(name) ?? []) : []);
      return {
        async begin(_schema, tables) {
          for (const t of tables) staged.set(tableKey(t.ref), { shape: t, rows: [] });
        },
        async writeRows(table, rows) {
          const chunks: Buffer[] = [];
          for await (const c of rows) chunks.push(c as Buffer);
          const text = Buffer.concat(chunks).toString("utf8");
          staged.get(tableKey(table.ref))!.rows = text ? text.slice(0, -1).split("\n") : [];
        },
        async commit() {
          server.set(name, staged);
        },
        async abort() {},
      };
    },
    forDatabase(name: string) {
      return fakeConnector(server, name, pieceSize);
    },
    async close() {},
  };
}
