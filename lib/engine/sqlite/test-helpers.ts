// Shared checks for the SQLite connector's tests: a zoo database, and independent dumps of rows (with storage classes) and schema.
import { DatabaseSync } from "node:sqlite";

export const ZOO_SQL = `
PRAGMA journal_mode = WAL;
PRAGMA user_version = 42;
PRAGMA application_id = 1234;
CREATE TABLE "select" ("from" INTEGER PRIMARY KEY AUTOINCREMENT, "a b" TEXT NOT NULL DEFAULT '', "ünï" REAL, "mixed", "num" NUMERIC, "blob" BLOB,
  "gen" TEXT GENERATED ALWAYS AS ("a b" || '!') VIRTUAL, "gens" INTEGER AS ("from" * 2) STORED);
CREATE TABLE strict_t (id INTEGER PRIMARY KEY, i INT, r REAL, t TEXT, b BLOB, a ANY) STRICT;
CREATE TABLE "no rowid" (k TEXT, n INTEGER, v TEXT COLLATE NOCASE, PRIMARY KEY (k, n)) WITHOUT ROWID;
CREATE TABLE "no key" (a TEXT, b INTEGER, c);
CREATE TABLE "has ""rowid""" (rowid TEXT, x INTEGER);
CREATE TABLE child (id INTEGER PRIMARY KEY, sel INTEGER REFERENCES "select" ("from") ON DELETE CASCADE, note TEXT);
CREATE INDEX "idx a b" ON "select" ("a b");
CREATE UNIQUE INDEX nr_v ON "no rowid" (v) WHERE v IS NOT NULL;
CREATE VIEW v1 AS SELECT "from", "a b" FROM "select" WHERE "ünï" > 0;
CREATE VIEW "v 2" AS SELECT * FROM v1 WHERE "from" < 100;
CREATE TRIGGER child_ins AFTER INSERT ON child BEGIN UPDATE "select" SET "a b" = "a b" || '+' WHERE "from" = NEW.sel; END;
INSERT INTO "select" ("from", "a b", "ünï", "mixed", "num", "blob") VALUES
  (1, 'plain', 0.1, 42, 10, X'00FF'),
  (2, 'tab	nl
bs \\ é', -0.0, 4.5, 1.5, 'text in blob col'),
  (3, '', 1e300, 'text', '12abc', NULL),
  (4, 't:looks tagged', 9e999, X'0102', 9223372036854775807, 7),
  (5, 'i:1', -9e999, NULL, -9223372036854775808, 2.5),
  (6, '\\x00', 1.0, '', '1e5', X''),
  (10, 'r:1.5', 3.0, 1.0, 3.0, 'b:x');
INSERT INTO strict_t VALUES (1, 5, 0.5, 'x', X'01', 1), (2, NULL, 1e-300, '', X'', 'txt'), (3, -1, 2.0, 'y', NULL, 2.0), (4, 0, 0.0, 'z', NULL, X'AA');
INSERT INTO "no rowid" VALUES ('a', 1, 'x'), ('a', 2, 'Y'), ('B', 1, NULL), ('b', 1, NULL);
INSERT INTO "no key" VALUES ('b', 1, 1), ('a', 2, 'x'), ('a', 2, 'x'), (NULL, NULL, NULL), ('c', 3, 0.5);
DELETE FROM "no key" WHERE a = 'b';
INSERT INTO "no key" VALUES ('d', 4, X'00');
INSERT INTO "has ""rowid""" VALUES ('r1', 1), ('r2', 2);
INSERT INTO child VALUES (1, 1, 'one'), (2, 4, NULL);
DELETE FROM "select" WHERE "from" = 10;
`;

export function createZoo(file: string): void {
  const db = new DatabaseSync(file);
  db.exec(ZOO_SQL);
  db.close();
}

/** Every table's rows with each value's storage class and the rowid, ordered by rowid/key: independent of the connector. */
export function contents(file: string): Record<string, string[]> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const out: Record<string, string[]> = {};
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string; sql: string }[];
    for (const t of tables) {
      const q = `"${t.name.replaceAll('"', '""')}"`;
      const cols = (db.prepare(`PRAGMA table_xinfo(${q})`).all() as { name: string }[]).map((c) => `"${c.name.replaceAll('"', '""')}"`);
      const values = cols.map((c) => `typeof(${c}) || ':' || quote(${c})`).join(" || '|' || ");
      const rowid = /WITHOUT ROWID/i.test(t.sql) ? "" : "_rowid_ || '#' || ";
      out[t.name] = (db.prepare(`SELECT ${rowid}${values} AS r FROM ${q}`).all() as { r: string }[]).map((r) => r.r).sort();
    }
    out["sqlite_sequence"] = (db.prepare("SELECT name || '=' || seq AS r FROM sqlite_sequence ORDER BY name").all() as { r: string }[]).map((r) => r.r);
    return out;
  } finally {
    db.close();
  }
}

/** The schema as sqlite3's .schema sees it (sqlite_schema entries) plus the file-level settings. */
export function schemaOf(file: string): string[] {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const rows = db.prepare("SELECT type || ' ' || name || ' ' || tbl_name || ': ' || coalesce(sql, '') AS s FROM sqlite_schema ORDER BY type, name").all() as { s: string }[];
    const pragmas = ["user_version", "application_id", "journal_mode", "page_size", "encoding"].map(
      (p) => `${p}=${String(Object.values(db.prepare(`PRAGMA ${p}`).get() as object)[0])}`,
    );
    return [...rows.map((r) => r.s), ...pragmas];
  } finally {
    db.close();
  }
}
