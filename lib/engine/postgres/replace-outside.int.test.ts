// In-place restore of chosen tables never drops what lies outside them: inheritance children, partitions, columns of
// other tables typed with a chosen table's row type… are refused with the target left as it was, and what the
// restore can recreate (views, their indexes and triggers) comes back.
import { afterAll, describe, expect, it } from "vitest";
import { createPgDatabase, type TempPgDatabase } from "../../../test/support/databases";
import { postgresConnector } from "./index";
import { schemaDump, sql, tableContents } from "./test-helpers";

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

interface Pair {
  source: TempPgDatabase;
  target: string;
  targetUrl: string;
}

/** A source database and a target to restore into, both built from `ddl`. */
async function pair(ddl: string): Promise<Pair> {
  const source = await createPgDatabase("tm_outside_src");
  cleanup.push(() => source.drop());
  const target = await createPgDatabase("tm_outside_target");
  cleanup.push(() => target.drop());
  await sql(source.url, ddl);
  await sql(target.url, ddl);
  return { source, target: target.name, targetUrl: target.url };
}

/** Replaces `names` in place on the target from a snapshot of the source. */
async function replaceTables(p: Pair, names: string[]): Promise<void> {
  const snap = await postgresConnector(p.source.url).openSnapshot();
  try {
    const schema = await snap.schema();
    const shapes = (await snap.shape()).tables.filter((t) => names.includes(t.ref.name));
    expect(shapes.map((t) => t.ref.name).sort()).toEqual([...names].sort());
    const writer = await postgresConnector(p.targetUrl).openRestore({ mode: "replace", tables: shapes.map((t) => t.ref) });
    try {
      await writer.begin(schema, shapes);
      for (const t of shapes) await writer.writeRows(t, snap.rows(t.ref));
      await writer.commit();
    } catch (err) {
      await writer.abort();
      throw err;
    }
  } finally {
    await snap.close();
  }
}

async function state(url: string, name: string): Promise<{ dump: string; rows: Map<string, Buffer> }> {
  return { dump: await schemaDump(url, name), rows: await tableContents(url) };
}

async function expectUnchanged(p: Pair, before: { dump: string; rows: Map<string, Buffer> }): Promise<void> {
  const after = await state(p.targetUrl, p.target);
  expect(after.dump).toEqual(before.dump);
  expect([...after.rows.keys()]).toEqual([...before.rows.keys()]);
  for (const [k, v] of before.rows) expect(after.rows.get(k)?.equals(v), `contents of ${k}`).toBe(true);
}

/** The target now equals the source: schema, and the rows of every table. */
async function expectLikeSource(p: Pair): Promise<void> {
  expect(await schemaDump(p.targetUrl, p.target)).toEqual(await schemaDump(p.source.url, p.source.name));
  const expected = await tableContents(p.source.url);
  const actual = await tableContents(p.targetUrl);
  for (const [k, v] of expected) if (!k.startsWith("sequence")) expect(actual.get(k)?.equals(v), `contents of ${k}`).toBe(true);
}

const ZOO = `
CREATE TABLE animal (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE dog (bark text) INHERITS (animal);
CREATE TABLE puppy (age int) INHERITS (dog);
INSERT INTO animal (name) VALUES ('cat'), ('cow');
INSERT INTO dog (name, bark) VALUES ('rex', 'woof'), ('fido', 'arf');
INSERT INTO puppy (name, bark, age) VALUES ('bit', 'yip', 1);`;

describe("PostgreSQL connector: replacing chosen tables keeps what lies outside them", () => {
  it("refuses to replace an inheritance parent without its children, leaving them and their rows intact", async () => {
    const p = await pair(ZOO);
    await sql(p.targetUrl, "UPDATE animal SET name = name || '!'; INSERT INTO dog (name, bark) VALUES ('new', 'grr')");
    const before = await state(p.targetUrl, p.target);
    expect(before.rows.get("public.dog")?.toString()).toContain("new\tgrr");

    const refused = replaceTables(p, ["animal"]);
    await expect(refused).rejects.toThrow(/Cannot replace public\.animal in place/);
    await expect(refused).rejects.toThrow(/public\.dog inherits from public\.animal: choose it too, or restore into a new database/);
    await expect(refused).rejects.toThrow(/public\.puppy inherits from public\.dog: choose it too/);
    await expectUnchanged(p, before);

    await expect(replaceTables(p, ["animal", "dog"])).rejects.toThrow(/public\.puppy inherits from public\.dog: choose it too/);
    await expectUnchanged(p, before);

    await replaceTables(p, ["animal", "dog", "puppy"]);
    await expectLikeSource(p);

    // Children alone take nothing else along.
    await sql(p.targetUrl, "DELETE FROM puppy; UPDATE dog SET bark = 'meow'");
    await replaceTables(p, ["dog", "puppy"]);
    await expectLikeSource(p);
  });

  it("refuses to replace a table whose row type types a column of another table", async () => {
    const p = await pair(`${ZOO}
      CREATE TABLE owner (id int PRIMARY KEY, pet animal, pets animal[]);
      INSERT INTO owner VALUES (1, ROW(9, 'kit')::animal, ARRAY[ROW(8, 'ox')::animal]);`);
    await sql(p.targetUrl, "UPDATE owner SET pet = ROW(7, 'pig')::animal");
    const before = await state(p.targetUrl, p.target);

    const refused = replaceTables(p, ["animal", "dog", "puppy"]);
    await expect(refused).rejects.toThrow(/table column public\.owner\.pet has the type public\.animal: choose public\.owner too, or restore into a new database/);
    await expect(refused).rejects.toThrow(/table column public\.owner\.pets has the type public\.animal\[\]: choose public\.owner too/);
    await expectUnchanged(p, before);

    await replaceTables(p, ["animal", "dog", "puppy", "owner"]);
    await expectLikeSource(p);
  });

  it("refuses to replace a partitioned table without its partitions, and replaces a partition alone", async () => {
    const p = await pair(`
      CREATE TABLE reading (at int NOT NULL, v text) PARTITION BY RANGE (at);
      CREATE TABLE reading_1 PARTITION OF reading FOR VALUES FROM (0) TO (10);
      CREATE TABLE reading_2 PARTITION OF reading FOR VALUES FROM (10) TO (20);
      INSERT INTO reading SELECT i, 'v' || i FROM generate_series(0, 19) i;`);
    await sql(p.targetUrl, "DELETE FROM reading WHERE at % 3 = 0");
    const before = await state(p.targetUrl, p.target);

    // The connector is asked for the parent itself (a snapshot lists the partitions, which hold the rows).
    const writer = await postgresConnector(p.targetUrl).openRestore({ mode: "replace", tables: [{ schema: "public", name: "reading" }] });
    const snap = await postgresConnector(p.source.url).openSnapshot();
    try {
      const refused = writer.begin(await snap.schema(), []);
      await expect(refused).rejects.toThrow(/public\.reading_1 is a partition of public\.reading: choose it too, or restore into a new database/);
      await expect(refused).rejects.toThrow(/public\.reading_2 is a partition of public\.reading/);
    } finally {
      await writer.abort();
      await snap.close();
    }
    await expectUnchanged(p, before);

    await replaceTables(p, ["reading_1"]);
    const rows = await tableContents(p.targetUrl);
    expect(rows.get("public.reading_1")?.equals((await tableContents(p.source.url)).get("public.reading_1")!)).toBe(true);
    expect(rows.get("public.reading_2")?.equals(before.rows.get("public.reading_2")!)).toBe(true);
  });

  it("refuses when another table's default or index uses a function of the chosen table's row type", async () => {
    const p = await pair(`
      CREATE TABLE animal (id int PRIMARY KEY, name text);
      CREATE FUNCTION label(a animal) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT a.name';
      CREATE TABLE tag (id int, name text, label text DEFAULT label(NULL));
      CREATE INDEX tag_label ON tag (label(ROW(id, name)::animal));
      INSERT INTO animal VALUES (1, 'cat');
      INSERT INTO tag (id, name) VALUES (1, 'x');`);
    const before = await state(p.targetUrl, p.target);
    const refused = replaceTables(p, ["animal"]);
    await expect(refused).rejects.toThrow(/default value for public\.tag\.label depends on .*: remove that dependency first, or restore into a new database/);
    await expect(refused).rejects.toThrow(/index public\.tag_label depends on /);
    await expectUnchanged(p, before);
  });

  it("recreates the views, materialized view indexes and view triggers that depend on a chosen table", async () => {
    const p = await pair(`
      CREATE TABLE animal (id int PRIMARY KEY, name text);
      CREATE VIEW animal_names AS SELECT id, name FROM animal;
      CREATE FUNCTION animal_names_insert() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN INSERT INTO animal VALUES (NEW.id, NEW.name); RETURN NEW; END$$;
      CREATE TRIGGER animal_names_insert INSTEAD OF INSERT ON animal_names FOR EACH ROW EXECUTE FUNCTION animal_names_insert();
      CREATE MATERIALIZED VIEW animal_count AS SELECT count(*) AS n FROM animal;
      CREATE UNIQUE INDEX animal_count_n ON animal_count (n);
      COMMENT ON INDEX animal_count_n IS 'one row';
      INSERT INTO animal VALUES (1, 'cat'), (2, 'cow');
      REFRESH MATERIALIZED VIEW animal_count;`);
    await sql(p.targetUrl, "DELETE FROM animal WHERE id = 2; REFRESH MATERIALIZED VIEW animal_count");
    await replaceTables(p, ["animal"]);
    await expectLikeSource(p);
  });
});
