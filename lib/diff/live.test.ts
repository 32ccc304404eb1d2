// diffLive's streaming alignment against the in-memory connector: every kind of edit, in both directions, must
// give what a naive comparison of the row arrays gives, while unchanged regions are skipped by chunk id.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backup } from "../backup/backup";
import { fakeConnector, fakeTable, type FakeServer } from "../backup/fake-connector";
import { DEFAULT_CHUNKER } from "../repository/chunker";
import { Repository } from "../repository/repository";
import { LocalStorage } from "../repository/storage/local";
import { diffLive } from "./live";

const CHUNKER = { ...DEFAULT_CHUNKER, minSize: 2048, avgSize: 8192, maxSize: 32768 };
const SOURCE = { identity: "fake://db", database: "db" };
let dir: string;
let repo: Repository;
let server: FakeServer;

const makeRows = (n: number) => Array.from({ length: n }, (_, i) => `${String(i).padStart(6, "0")}\tcustomer ${i} ${"x".repeat((i * 37) % 60)}`);
const orders = () => server.get("db")!.get("public.orders")!.rows;

function naive(before: string[], after: string[]) {
  const a = new Map(before.map((r) => [r.split("\t")[0], r]));
  const b = new Map(after.map((r) => [r.split("\t")[0], r]));
  return {
    rowsAdded: [...b.keys()].filter((k) => !a.has(k)).length,
    rowsRemoved: [...a.keys()].filter((k) => !b.has(k)).length,
    rowsChanged: [...b].filter(([k, r]) => a.has(k) && a.get(k) !== r).length,
  };
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-live-"));
  repo = await Repository.init(new LocalStorage(dir), "pw", CHUNKER);
  server = new Map([["db", new Map([["public.orders", fakeTable("orders", makeRows(8000))]])]]);
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

const edits: [string, (rows: string[]) => void][] = [
  ["one row updated", (r) => void (r[4000] = r[4000].split("\t")[0] + "\tedited")],
  ["a run of 600 rows inserted", (r) => r.splice(3000, 0, ...Array.from({ length: 600 }, (_, i) => `002999.${String(i).padStart(3, "0")}\tnew`))],
  ["a run of 900 rows deleted", (r) => r.splice(1000, 900)],
  ["rows appended and the first ones deleted", (r) => (r.splice(0, 50), r.push(...Array.from({ length: 70 }, (_, i) => `9${String(i).padStart(5, "0")}\tlate`)))],
  [
    "scattered edits everywhere",
    (r) => {
      for (let i = 7; i < r.length; i += 97) r[i] = r[i].split("\t")[0] + "\tscattered";
      for (let i = 5000; i > 0; i -= 613) r.splice(i, 1);
    },
  ],
];

describe("diffLive", () => {
  it.each(edits)("%s: agrees with a naive diff in both directions and skips unchanged chunks", async (name, edit) => {
    const snap = (await backup({ connector: fakeConnector(server, "db"), repo, type: "full", source: SOURCE })).manifest;
    const before = [...orders()];
    edit(orders());
    const expected = naive(before, orders());
    const forward = (await diffLive(repo, snap.id, fakeConnector(server, "db"))).tables[0];
    expect({ rowsAdded: forward.rowsAdded, rowsRemoved: forward.rowsRemoved, rowsChanged: forward.rowsChanged }).toEqual(expected);
    const back = (await diffLive(repo, snap.id, fakeConnector(server, "db"), { direction: "live-to-snapshot" })).tables[0];
    expect([back.rowsAdded, back.rowsRemoved, back.rowsChanged]).toEqual([expected.rowsRemoved, expected.rowsAdded, expected.rowsChanged]);
    const chunks = snap.tables[0].chunks.length;
    expect(chunks).toBeGreaterThan(40);
    expect(forward.chunksRead).toBeLessThanOrEqual(chunks);
    if (name !== "scattered edits everywhere") expect(forward.chunksRead).toBeLessThan(chunks / 3);
  });
});
