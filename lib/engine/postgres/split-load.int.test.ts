// A big table loaded over two connections at once (new-database restore): the rows, the indexes and the key
// constraint come out exactly as from one load. The threshold (1 GiB) is lowered so a 4 MB table takes the split path.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPgDatabase, dropPgDatabase, pgUrlFor, uniqueName, type TempPgDatabase } from "../../../test/support/databases";
import { postgresConnector } from "./index";
import { NewDatabaseRestore } from "./restore/new-database";
import { connect } from "./session";
import { schemaDump, sql, tableContents } from "./test-helpers";

let source: TempPgDatabase;
const target = uniqueName("tm_split_target");

beforeAll(async () => {
  source = await createPgDatabase("tm_split_src");
  await sql(
    source.url,
    `CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL, body text, at timestamptz NOT NULL);
     CREATE INDEX events_kind ON events (kind);
     INSERT INTO events SELECT g, 'k' || g % 7, repeat(md5(g::text), 2) || E'\\ttab\\nline', timestamptz '2026-01-01' + g * interval '1 min'
       FROM generate_series(1, 40000) g;`,
  );
});

afterAll(async () => {
  await dropPgDatabase(target);
  await source?.drop();
});

it("loads a table over two connections when it is at least the split size, and restores it exactly", async () => {
  const reader = await postgresConnector(source.url).openSnapshot();
  try {
    const schema = await reader.schema();
    const { tables } = await reader.shape();
    expect(tables[0].bytesEstimate).toBeGreaterThan(3 << 20);
    const writer = new NewDatabaseRestore(source.url, target, () => connect(source.url, "tidemark test"), undefined, 1 << 20);
    await writer.begin(schema);
    for (const t of tables) await writer.writeRows(t, reader.rows(t.ref));
    await writer.commit();
  } finally {
    await reader.close();
  }
  const targetUrl = pgUrlFor(target);
  expect(await tableContents(targetUrl)).toEqual(await tableContents(source.url));
  expect(await schemaDump(targetUrl, target)).toBe(await schemaDump(source.url, source.name));
  // Two loading transactions wrote the rows: the split path was taken (one COPY FREEZE would show one).
  expect((await sql(targetUrl, "SELECT count(DISTINCT xmin::text)::int AS n FROM events")).rows[0].n).toBe(2);
});
