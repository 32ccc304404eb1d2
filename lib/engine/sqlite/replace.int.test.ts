// In-place SQLite restores while the file is in use: chosen tables are replaced inside the live file (other tables'
// writes are kept, a failure changes nothing), and a whole-file swap is refused while another connection has it open in WAL.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backup } from "../../backup/backup";
import { restore } from "../../backup/restore";
import { DEFAULT_CHUNKER } from "../../repository/chunker";
import { chunkKey } from "../../repository/chunk-format";
import type { Manifest } from "../../repository/manifest";
import { Repository } from "../../repository/repository";
import { LocalStorage } from "../../repository/storage/local";
import { sourceOf } from "../connect";
import { sqliteConnector } from "./index";
import { contents, createZoo, schemaOf } from "./test-helpers";

const CHUNKER = { ...DEFAULT_CHUNKER, minSize: 8 << 10, avgSize: 32 << 10, maxSize: 128 << 10 };
const BIG = { schema: null, name: "big" };
let dir: string;
let file: string;
let repo: Repository;
let full: Manifest;

const exec = (sql: string, f: string) => {
  const db = new DatabaseSync(f);
  db.exec(sql);
  db.close();
};

/** A copy of the source with local edits, as the live file an application is using. */
async function liveCopy(name: string): Promise<string> {
  const live = path.join(dir, name);
  await fs.copyFile(file, live);
  exec(`DELETE FROM big WHERE id % 2 = 0; UPDATE child SET note = 'local edit' WHERE id = 1;`, live);
  return live;
}

const leftovers = async () => (await fs.readdir(dir)).filter((f) => f.includes(".tidemark-") || f.endsWith("-journal"));

/** The source's rows for `big`, handed over block by block with `between` awaited after the first block. */
async function* pausedRows(between: () => Promise<void>): AsyncGenerator<Buffer> {
  const reader = await sqliteConnector(`sqlite:${file}`).openSnapshot({ tables: [BIG] });
  try {
    let first = true;
    for await (const block of reader.rows(BIG)) {
      yield block as Buffer;
      if (first) await between();
      first = false;
    }
  } finally {
    await reader.close();
  }
}

/** Another process inserts into `child` (waiting up to 30 s for the lock); resolves once it is about to write. */
function writeFromAnotherProcess(live: string): Promise<{ exited: Promise<number | null> }> {
  const script = `
    const db = new (require("node:sqlite").DatabaseSync)(process.argv[1]);
    db.exec("PRAGMA busy_timeout = 30000");
    process.stdout.write("writing\\n");
    db.exec("INSERT INTO child VALUES (99, 1, 'written during the load')");
    db.close();`;
  const child = spawn(process.execPath, ["--no-warnings", "-e", script, live], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", () => resolve({ exited }));
    child.on("error", reject);
    void exited.then((code) => reject(new Error(`The writer exited (${code}) before writing`)));
  });
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-sqlite-replace-"));
  file = path.join(dir, "source.db");
  createZoo(file);
  exec(
    `CREATE TABLE big (id INTEGER PRIMARY KEY, label TEXT, n REAL);
     WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 20000) INSERT INTO big SELECT i, 'row ' || i || printf('%.*c', i % 40, 'x'), i / 7.0 FROM g;`,
    file,
  );
  repo = await Repository.init(new LocalStorage(path.join(dir, "repo")), "pw", CHUNKER);
  const url = `sqlite:${file}`;
  full = (await backup({ connector: sqliteConnector(url), repo, type: "full", source: sourceOf(url) })).manifest;
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("SQLite in-place restore of chosen tables", () => {
  it("keeps a write another process makes to another table while the load runs", async () => {
    const live = await liveCopy("live.db");
    const before = contents(live);
    // What the file must hold afterwards: its own other tables plus the concurrent write, and the source's big.
    const reference = path.join(dir, "reference.db");
    await fs.copyFile(live, reference);
    exec("INSERT INTO child VALUES (99, 1, 'written during the load')", reference);
    const expected = { ...contents(reference), big: contents(file).big };

    const source = await sqliteConnector(`sqlite:${file}`).openSnapshot({ tables: [BIG] });
    const [schema, shape] = [await source.schema(), (await source.shape()).tables[0]];
    await source.close();
    const writer = await sqliteConnector(`sqlite:${live}`).openRestore({ mode: "replace", database: live, tables: [BIG] });
    await writer.begin(schema, [shape]);
    let exited: Promise<number | null> | undefined;
    await writer.writeRows(
      shape,
      Readable.from(
        pausedRows(async () => {
          // Midway, other connections still read the file as it was.
          expect(contents(live)).toEqual(before);
          ({ exited } = await writeFromAnotherProcess(live));
          // Give the write time to land (it does at once unless the restore holds the file's write lock).
          await Promise.race([exited, new Promise((r) => setTimeout(r, 500))]);
        }),
      ),
    );
    await writer.commit();
    expect(await exited).toBe(0);

    expect(contents(live)).toEqual(expected);
    expect(writer.notices ?? []).toEqual([]);
    expect(await leftovers()).toEqual([]);
  });

  it("a failure midway (a corrupt chunk) leaves the live file exactly as it was, and unlocked", async () => {
    const broken = path.join(dir, "repo-flipped");
    await fs.cp(path.join(dir, "repo"), broken, { recursive: true });
    const chunk = path.join(broken, chunkKey(full.tables.find((t) => t.ref.name === "big")!.chunks[2].id));
    const bytes = await fs.readFile(chunk);
    bytes[bytes.length >> 1] ^= 0x10;
    await fs.writeFile(chunk, bytes);

    const live = await liveCopy("failing.db");
    const [before, schemaBefore] = [contents(live), schemaOf(live)];
    const err = await restore({
      repo: await Repository.open(new LocalStorage(broken), "pw"),
      snapshotId: full.id,
      connector: sqliteConnector(`sqlite:${live}`),
      target: { mode: "replace", database: live },
      tables: ["big"],
    }).catch((e: Error) => e);
    expect((err as Error).message).toContain("big");
    expect(contents(live)).toEqual(before);
    expect(schemaOf(live)).toEqual(schemaBefore);
    expect(await leftovers()).toEqual([]);
    // No transaction was left holding the file: a writer that will not wait gets through.
    exec("PRAGMA busy_timeout = 0; INSERT INTO child VALUES (100, 1, 'after the failure')", live);
  });
});

describe("SQLite in-place restore of the whole file", () => {
  const replaceWhole = (live: string, onProgress?: Parameters<typeof restore>[0]["onProgress"]) =>
    restore({ repo, snapshotId: full.id, connector: sqliteConnector(`sqlite:${live}`), target: { mode: "replace", database: live }, onProgress });

  it("is refused while another connection has the file open in WAL mode, then goes through once it is closed", async () => {
    const live = await liveCopy("wal.db");
    const before = contents(live);
    const refusal = /Cannot replace .*wal\.db in place: it is in WAL mode and another connection .* has it open/;

    // Open before the restore starts: refused before anything is loaded.
    const app = new DatabaseSync(live);
    app.prepare("SELECT count(*) FROM child").get();
    try {
      await expect(replaceWhole(live)).rejects.toThrow(refusal);
      expect(contents(live)).toEqual(before);
      app.exec("INSERT INTO child VALUES (101, 1, 'the application carries on')");
    } finally {
      app.close();
    }
    const edited = contents(live);

    // Opened while the rows load: refused at the swap.
    let late: DatabaseSync | undefined;
    try {
      const err = await replaceWhole(live, (p) => {
        if (p.phase !== "load" || late) return;
        late = new DatabaseSync(live);
        late.prepare("SELECT count(*) FROM child").get();
      }).catch((e: Error) => e);
      expect(late).toBeDefined();
      expect((err as Error).message).toMatch(refusal);
      expect(contents(live)).toEqual(edited);
      expect(schemaOf(live)).toContain("journal_mode=wal");
      expect(await leftovers()).toEqual([]);
    } finally {
      late?.close();
    }

    const r = await replaceWhole(live);
    expect(r.verified).toBe(true);
    expect(r.notices.join()).toMatch(/reopen/);
    expect(contents(live)).toEqual(contents(file));
    expect(schemaOf(live)).toEqual(schemaOf(file));
  });
});
