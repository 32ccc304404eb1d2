// Reading a restored table back in key ranges at once: ranges start at the snapshot's chunk boundaries, chunk again
// into exactly the manifest's ids when the rows are equal, and catch a changed, missing or extra row in any range.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase, pgRows, type TempPgDatabase } from "../../test/support/databases";
import { connectorFor, sourceOf } from "../engine/connect";
import { DEFAULT_CHUNKER } from "../repository/chunker";
import type { Manifest, TableManifest } from "../repository/manifest";
import { Repository } from "../repository/repository";
import { LocalStorage } from "../repository/storage/local";
import { backup } from "./backup";
import { planRanges, verifyInRanges } from "./verify-ranges";

const CHUNKER = { ...DEFAULT_CHUNKER, minSize: 4 << 10, avgSize: 16 << 10, maxSize: 64 << 10 };
let dir: string;
let src: TempPgDatabase;
let repo: Repository;
let manifest: Manifest;
const table = (name: string) => manifest.tables.find((t) => t.ref.name === name)!;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-ranges-"));
  src = await createPgDatabase("tm_ranges");
  repo = await Repository.init(new LocalStorage(dir), "pw", CHUNKER);
  await pgRows(
    src.url,
    `CREATE TABLE events (id bigint PRIMARY KEY, kind text, body text);
     INSERT INTO events SELECT i * 3 - 1000, 'k' || (i % 7), repeat(md5(i::text), 1 + i % 4) FROM generate_series(1, 20000) i;
     CREATE TABLE labels (code text PRIMARY KEY, body text);
     INSERT INTO labels SELECT 'c' || i, repeat('x', 200) FROM generate_series(1, 3000) i;`,
  );
  manifest = (await backup({ connector: connectorFor(src.url), repo, source: sourceOf(src.url) })).manifest;
});
afterAll(async () => {
  await src?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

async function readBack(t: TableManifest, parts: number): Promise<boolean | null> {
  const plan = await planRanges(repo, t, parts, 0);
  expect(plan).not.toBeNull();
  const connector = connectorFor(src.url);
  const reader = await connector.openSnapshot();
  try {
    return await verifyInRanges(repo, reader, t, plan!);
  } finally {
    await reader.close();
    await connector.close();
  }
}

describe("read-back verification in key ranges", () => {
  it("cuts at chunk boundaries whose first keys bound the ranges, covering every chunk once", async () => {
    const t = table("events");
    const plan = (await planRanges(repo, t, 3, 0))!;
    expect(plan.map((p) => Object.keys(p.range))).toEqual([["to"], ["from", "to"], ["from"]]);
    expect(plan[0].range.to).toBe(plan[1].range.from);
    expect(plan.flatMap((p) => p.ids)).toEqual(t.chunks.map((c) => c.id));
    expect(Number(plan[1].range.from)).toBeLessThan(Number(plan[2].range.from));
  });

  it("matches equal rows and catches a changed, a missing and an extra row in any range", async () => {
    const t = table("events");
    expect(await readBack(t, 2)).toBe(true);
    expect(await readBack(t, 3)).toBe(true);
    const plan = (await planRanges(repo, t, 2, 0))!;
    const cut = Number(plan[1].range.from);
    await pgRows(src.url, `UPDATE events SET kind = 'changed' WHERE id = ${cut + 3 * 100}`);
    expect(await readBack(t, 2)).toBe(false);
    await pgRows(src.url, `UPDATE events SET kind = 'k' || (((${cut + 300} + 1000) / 3) % 7) WHERE id = ${cut + 300}`);
    expect(await readBack(t, 2)).toBe(true);
    await pgRows(src.url, `DELETE FROM events WHERE id = (SELECT max(id) FROM events)`);
    expect(await readBack(t, 2)).toBe(false);
    await pgRows(src.url, `INSERT INTO events VALUES (${cut - 1}, 'extra', 'row just before the cut')`);
    expect(await readBack(t, 2)).toBe(false);
  });

  it("does not plan ranges for a key that is not one integer column", async () => {
    expect(await planRanges(repo, table("labels"), 2, 0)).toBeNull();
  });
});
