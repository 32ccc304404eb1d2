// `tidemark forget` as a person runs it: keep rules, dry run, prune, then the kept snapshot still restores.
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
  expect(r.stderr).toBe("tidemark: Give at least one --keep-last/--keep-hourly/--keep-daily/--keep-weekly/--keep-monthly/--keep-yearly rule: forgetting without one would remove everything\n");
  expect(tidemark("forget", "--repo", repo, "--keep-daily", "two").stderr).toMatch(/--keep-daily takes a whole number/);
});
