// `tidemark forget` as a person runs it: keep rules or named snapshots, dry run, prune, then what is kept still restores.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPgDatabase, dropPgDatabase, pgUrlFor, uniqueName, type TempPgDatabase, pgRows as sql } from "../../test/support/databases";

const CLI = path.resolve(import.meta.dirname, "../tidemark.js");
const env = { ...process.env, TIDEMARK_PASSPHRASE: "forget test passphrase" };
const repo = mkdtempSync(path.join(tmpdir(), "tm-forget-cli-"));
let source: TempPgDatabase;
const restored = uniqueName("tm_forget_restored");

function tidemark(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  source = await createPgDatabase("tm_forget_src");
  await sql(source.url, "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 500) g");
});
afterAll(async () => {
  await source?.drop();
  await dropPgDatabase(restored);
});

it("forgets by --keep-last, prunes, and the kept snapshot restores", async () => {
  expect(tidemark("repo", "init", "--repo", repo).code).toBe(0);
  for (let i = 0; i < 3; i++) {
    await sql(source.url, `UPDATE t SET v = 'round ${i}' WHERE id % 50 = ${i}`);
    expect(tidemark("backup", "--url", source.url, "--repo", repo, "--type", i ? "incremental" : "full", "--json").code).toBe(0);
  }
  const dry = tidemark("forget", "--repo", repo, "--keep-last", "1", "--prune", "--dry-run", "--json");
  expect(dry.code).toBe(0);
  const plan = JSON.parse(dry.stdout);
  expect(plan.forgotten).toHaveLength(2);
  expect(plan.kept[0].reasons).toEqual(["last snapshot"]);
  expect(JSON.parse(tidemark("snapshots", "--repo", repo, "--json").stdout)).toHaveLength(3);

  const real = tidemark("forget", "--repo", repo, "--keep-last", "1", "--prune");
  expect(real.code).toBe(0);
  expect(real.stdout).toMatch(/1 kept, 2 forgotten\.\nPrune: \d+ of \d+ chunks removed/);
  const left = JSON.parse(tidemark("snapshots", "--repo", repo, "--json").stdout);
  expect(left.map((m: { id: string }) => m.id)).toEqual([plan.kept[0].id]);

  const r = tidemark("restore", left[0].id, "--repo", repo, "--url", pgUrlFor(restored), "--mode", "new", "--json");
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const digest = "SELECT md5(string_agg(id || v, ',' ORDER BY id)) AS h FROM t";
  expect(await sql(pgUrlFor(restored), digest)).toEqual(await sql(source.url, digest));
});

it("refuses to forget without a rule, in one clear line", () => {
  const r = tidemark("forget", "--repo", repo);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe("tidemark: Give at least one --keep-last/--keep-hourly/--keep-daily/--keep-weekly/--keep-monthly/--keep-yearly rule, or name the snapshots to forget: forgetting without one would remove everything\n");
  expect(tidemark("forget", "--repo", repo, "--keep-daily", "two").stderr).toMatch(/--keep-daily takes a whole number/);
});

it("forgets named snapshots only, all or nothing, and the others still restore", async () => {
  const named = mkdtempSync(path.join(tmpdir(), "tm-forget-named-"));
  expect(tidemark("repo", "init", "--repo", named).code).toBe(0);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    await sql(source.url, `UPDATE t SET v = 'named ${i}' WHERE id % 40 = ${i}`);
    const b = tidemark("backup", "--url", source.url, "--repo", named, "--type", i ? "incremental" : "full", "--json");
    expect(b.code).toBe(0);
    ids.push(JSON.parse(b.stdout).snapshot);
  }
  const list = () => JSON.parse(tidemark("snapshots", "--repo", named, "--json").stdout).map((m: { id: string }) => m.id);

  // A name that matches nothing removes nothing, even beside a good one.
  const typo = tidemark("forget", ids[1], "ffffffffffff", "--repo", named);
  expect(typo.code).toBe(1);
  expect(typo.stderr).toMatch(/ffffffffffff/);
  expect(list()).toEqual(ids);
  expect(tidemark("forget", ids[1], "--repo", named, "--keep-last", "1").stderr).toMatch(/Name snapshots or give keep rules/);

  // The middle snapshot (an incremental the newest was compared with), by a unique prefix, dry run first.
  const dry = JSON.parse(tidemark("forget", ids[1].slice(0, 8), "--repo", named, "--dry-run", "--json").stdout);
  expect(dry.forgotten.map((f: { id: string }) => f.id)).toEqual([ids[1]]);
  expect(list()).toEqual(ids);
  const real = tidemark("forget", ids[1].slice(0, 8), "--repo", named, "--prune");
  expect(real.code).toBe(0);
  expect(real.stdout).toMatch(/2 kept, 1 forgotten\.\nPrune: \d+ of \d+ chunks removed/);
  expect(list()).toEqual([ids[0], ids[2]]);

  const target = uniqueName("tm_forget_named");
  try {
    const r = tidemark("restore", ids[2], "--repo", named, "--url", pgUrlFor(target), "--mode", "new", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const digest = "SELECT md5(string_agg(id || v, ',' ORDER BY id)) AS h FROM t";
    expect(await sql(pgUrlFor(target), digest)).toEqual(await sql(source.url, digest));
  } finally {
    await dropPgDatabase(target);
  }
});
