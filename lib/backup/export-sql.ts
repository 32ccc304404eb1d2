// Plain-SQL export of a snapshot (pre-data DDL, COPY … FROM stdin blocks, post-data DDL): restorable with psql alone.
import { Readable } from "node:stream";
import type { Repository } from "../repository/repository";
import { sqlDialectFor } from "../engine/sql-dialects";
import type { SchemaObject } from "../engine/types";
import type { Manifest } from "../repository/manifest";
import { RepositoryError } from "../repository/errors";
import { tableChunks } from "./chunk-reader";

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function statement(o: SchemaObject): string {
  const ddl = o.ddl.trim();
  return ddl.endsWith(";") ? `${ddl}\n` : `${ddl};\n`;
}

async function* sqlPieces(repo: Repository, snapshot: string): AsyncGenerator<Buffer> {
  const id = await repo.resolveSnapshot(snapshot);
  const m = await repo.readManifest(id);
  if (m.source.engine !== "postgres") {
    yield* dialectPieces(repo, id, m);
    return;
  }
  const head = [
    `-- Tidemark export of snapshot ${m.id} (${m.type}) of ${m.source.identity}`,
    `-- ${m.source.serverVersion}, consistent at ${m.consistentAt}`,
    `-- Restore with: psql -v ON_ERROR_STOP=1 -d <new database> -f <this file>`,
    "SET statement_timeout = 0;",
    "SET lock_timeout = 0;",
    `SET client_encoding = '${m.schema.settings?.encoding ?? "UTF8"}';`,
    "SET standard_conforming_strings = on;",
    "SET check_function_bodies = false;",
    "SET client_min_messages = warning;",
    "SET row_security = off;",
    "",
  ];
  yield Buffer.from(head.join("\n") + "\n");
  for (const o of m.schema.objects) if (o.phase === "pre-data") yield Buffer.from(statement(o));
  for (const t of m.tables) {
    const name = t.ref.schema === null ? ident(t.ref.name) : `${ident(t.ref.schema)}.${ident(t.ref.name)}`;
    const cols = t.columns.filter((c) => !c.generated).map((c) => ident(c.name)).join(", ");
    yield Buffer.from(`\n-- ${t.rows} rows\nCOPY ${name} (${cols}) FROM stdin;\n`);
    yield* tableChunks(repo, id, t);
    yield Buffer.from("\\.\n");
  }
  yield Buffer.from("\n");
  for (const o of m.schema.objects) if (o.phase === "post-data") yield Buffer.from(statement(o));
}

/** Engines other than PostgreSQL write their own dialect: schema, INSERTs, then triggers and the rest. */
async function* dialectPieces(repo: Repository, id: string, m: Manifest): AsyncGenerator<Buffer> {
  const dialect = await sqlDialectFor(m.source.engine);
  if (!dialect) throw new RepositoryError(`SQL export of ${m.source.engine} snapshots is not supported yet`);
  const info = {
    snapshot: m.id,
    type: m.type,
    identity: m.source.identity,
    serverVersion: m.source.serverVersion,
    consistentAt: m.consistentAt,
    settings: m.schema.settings,
  };
  yield Buffer.from(dialect.preamble(info) + "\n");
  for (const o of m.schema.objects) if (o.phase === "pre-data") yield Buffer.from(dialect.statement(o));
  for (const t of m.tables) {
    yield Buffer.from(`\n-- ${t.rows} rows of ${t.ref.name}\n`);
    yield* dialect.tableRows(t, tableChunks(repo, id, t));
  }
  yield Buffer.from("\n");
  for (const o of m.schema.objects) if (o.phase === "post-data") yield Buffer.from(dialect.statement(o));
  yield Buffer.from(dialect.epilogue(info));
}

export function exportSql(repo: Repository, snapshot: string): Readable {
  return Readable.from(sqlPieces(repo, snapshot), { objectMode: false, highWaterMark: 1 << 20 });
}
