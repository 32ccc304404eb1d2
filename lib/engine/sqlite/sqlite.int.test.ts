// SQLite end to end through lib/backup: storage classes, rowids, schema and settings survive every restore path,
// reads are consistent while another connection writes, in-place restores are atomic, corruption is named.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backup } from "../../backup/backup";
import { exportSql } from "../../backup/export-sql";
import { restore } from "../../backup/restore";
import { verify } from "../../backup/verify";
import { DEFAULT_CHUNKER } from "../../repository/chunker";
import { chunkKey } from "../../repository/chunk-format";
import { Repository } from "../../repository/repository";
import { LocalStorage } from "../../repository/storage/local";
import { sourceOf } from "../connect";
import { sqliteConnector } from "./index";
import { contents, createZoo, schemaOf } from "./test-helpers";

const CHUNKER = { ...DEFAULT_CHUNKER, minSize: 8 << 10, avgSize: 32 << 10, maxSize: 128 << 10 };
const ROOT = path.resolve(import.meta.dirname, "../../..");
let dir: string;
let file: string;
let url: string;
let repo: Repository;

const run = (type: "full" | "incremental" | "differential") => backup({ connector: sqliteConnector(url), repo, type, source: sourceOf(url) });
const restoreNew = async (snapshotId: string, r = repo) => {
  const target = path.join(dir, `restored-${Math.random().toString(36).slice(2)}.db`);
  const result = await restore({ repo: r, snapshotId, connector: sqliteConnector(`sqlite:${target}`), target: { mode: "new", database: target } });
  return { target, result };
};
const exec = (sql: string, f = file) => {
  const db = new DatabaseSync(f);
  db.exec(sql);
  db.close();
};

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-sqlite-"));
  file = path.join(dir, "zoo db.sqlite");
  url = `sqlite:${file}`;
  createZoo(file);
  exec(`CREATE TABLE big (id INTEGER PRIMARY KEY, label TEXT, n REAL);
        WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 20000) INSERT INTO big SELECT i, 'row ' || i || printf('%.*c', i % 40, 'x'), i / 7.0 FROM g;`);
  repo = await Repository.init(new LocalStorage(path.join(dir, "repo")), "pw", CHUNKER);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("SQLite connector", () => {
  it("full → incremental → differential restore into new files with every value, class, rowid and setting", async () => {
    const states = [contents(file)];
    const full = (await run("full")).manifest;
    expect(full.source.engine).toBe("sqlite");
    expect(full.tables.find((t) => t.ref.name === "no key")!.keyColumns).toEqual(["rowid"]);
    expect(full.tables.find((t) => t.ref.name === 'has "rowid"')!.keyColumns).toEqual(["_rowid_"]);
    exec(`UPDATE big SET label = 'changed' WHERE id % 997 = 0; DELETE FROM big WHERE id BETWEEN 500 AND 510; INSERT INTO "no key" VALUES ('e', 5, 5);`);
    states.push(contents(file));
    const inc = (await run("incremental")).manifest;
    expect(inc.stats.bytesStored).toBeLessThan(full.stats.bytesStored / 3);
    exec(`UPDATE "select" SET "mixed" = X'FF' WHERE "from" = 1; INSERT INTO "select" ("a b") VALUES ('after');`);
    states.push(contents(file));
    const diff = (await run("differential")).manifest;
    expect(diff.parent).toBe(full.id);
    for (const [i, id] of [full.id, inc.id, diff.id].entries()) {
      const { target, result } = await restoreNew(id);
      expect(result.verified).toBe(true);
      expect(contents(target)).toEqual(states[i]);
      expect(schemaOf(target)).toEqual(schemaOf(file));
    }
  });

  it("reads one consistent point in time while another connection writes (WAL)", async () => {
    const reader = await sqliteConnector(url).openSnapshot({ tables: [{ schema: null, name: "big" }] });
    try {
      exec("INSERT INTO big (label) VALUES ('written during the backup'); DELETE FROM big WHERE id < 100;");
      const parts: Buffer[] = [];
      for await (const p of reader.rows({ schema: null, name: "big" })) parts.push(p as Buffer);
      const text = Buffer.concat(parts).toString();
      expect(text).not.toContain("written during the backup");
      expect(text.startsWith("1\t")).toBe(true);
    } finally {
      await reader.close();
    }
  });

  it("replaces the file in place atomically and says the application must reopen it", async () => {
    const m = (await run("full")).manifest;
    const expected = contents(file);
    const copy = path.join(dir, "in place.db");
    await fs.copyFile(file, copy);
    exec(`DELETE FROM big WHERE id % 2 = 0; DROP VIEW "v 2"; CREATE TABLE stray (x);`, copy);
    const r = await restore({ repo, snapshotId: m.id, connector: sqliteConnector(`sqlite:${copy}`), target: { mode: "replace", database: copy } });
    expect(r.verified).toBe(true);
    expect(r.notices.join()).toMatch(/reopen/);
    expect(contents(copy)).toEqual(expected);
    expect(schemaOf(copy)).toEqual(schemaOf(file));
    // Only the chosen table is replaced; the rest of the file stays as it is.
    exec(`DELETE FROM big WHERE id % 2 = 0; DELETE FROM child;`, copy);
    await restore({ repo, snapshotId: m.id, connector: sqliteConnector(`sqlite:${copy}`), target: { mode: "replace", database: copy }, tables: ["big"] });
    const after = contents(copy);
    expect(after.big).toEqual(expected.big);
    expect(after.child).toEqual([]);
  });

  it("a restore process killed midway leaves the original file intact", async () => {
    const m = (await run("full")).manifest;
    const victim = path.join(dir, "victim.db");
    await fs.copyFile(file, victim);
    exec(`UPDATE big SET label = 'local edit' WHERE id = 7;`, victim);
    const before = contents(victim);
    const child = spawn(process.execPath, [path.join(ROOT, "bin/tidemark.js"), "restore", m.id, "--repo", path.join(dir, "repo"), "--url", `sqlite:${victim}`, "--mode", "replace", "--json"], {
      env: { ...process.env, TIDEMARK_PASSPHRASE: "pw" },
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    for (let i = 0; i < 1000 && !(await fs.readdir(dir)).some((f) => f.startsWith(".victim.db.tidemark-")); i++) await new Promise((r) => setTimeout(r, 5));
    child.kill("SIGKILL");
    await exited;
    expect(contents(victim)).toEqual(before);
    // The next restore into the same file clears what the killed one left behind.
    await restore({ repo, snapshotId: m.id, connector: sqliteConnector(`sqlite:${victim}`), target: { mode: "replace", database: victim } });
    expect((await fs.readdir(dir)).filter((f) => f.startsWith(".victim.db.tidemark-"))).toEqual([]);
    expect(contents(victim)).toEqual(contents(file));
  });

  it("refuses to restore over an existing file in new mode", async () => {
    await expect(sqliteConnector(url).openRestore({ mode: "new", database: file })).rejects.toThrow(`${file} already exists — choose another file or restore in place`);
  });

  it("export → the sqlite3 shell restores it without Tidemark", async () => {
    const m = (await run("full")).manifest;
    const parts: Buffer[] = [];
    for await (const p of exportSql(repo, m.id)) parts.push(p as Buffer);
    const target = path.join(dir, "exported.db");
    const r = spawnSync("sqlite3", [target], { input: Buffer.concat(parts), encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(existsSync(target)).toBe(true);
    expect(contents(target)).toEqual(contents(file));
    expect(schemaOf(target)).toEqual(schemaOf(file));
  });

  it("flipping one byte of a chunk is caught by verify, and by restore naming the table", async () => {
    const m = (await run("full")).manifest;
    const copy = path.join(dir, "repo-flipped");
    await fs.cp(path.join(dir, "repo"), copy, { recursive: true });
    const id = m.tables.find((t) => t.ref.name === "big")!.chunks[2].id;
    const chunk = path.join(copy, chunkKey(id));
    const bytes = await fs.readFile(chunk);
    bytes[bytes.length >> 1] ^= 0x10;
    await fs.writeFile(chunk, bytes);
    const broken = await Repository.open(new LocalStorage(copy), "pw");
    const v = await verify(broken, m.id);
    expect(v.problems.map((p) => p.table)).toEqual(["big"]);
    const err = await restoreNew(m.id, broken).catch((e: Error) => e);
    expect((err as Error).message).toContain("table big");
    expect((await fs.readdir(dir)).filter((f) => f.includes(".tidemark-"))).toEqual([]);
  });
});
