// `tidemark diff` as a person runs it: two snapshots, a snapshot against the live database (text and --json),
// a table filter, and the errors for a missing second argument or an unknown table.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPgDatabase, type TempPgDatabase, pgRows as sql } from "../../test/support/databases";

const CLI = path.resolve(import.meta.dirname, "../tidemark.js");
const env = { ...process.env, TIDEMARK_PASSPHRASE: "diff test passphrase" };
const repo = mkdtempSync(path.join(tmpdir(), "tm-diff-cli-"));
let source: TempPgDatabase;

function tidemark(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const snapshot = () => JSON.parse(tidemark("backup", "--url", source.url, "--repo", repo, "--json").stdout).snapshot as string;

beforeAll(async () => {
  source = await createPgDatabase("tm_diff_cli");
  await sql(source.url, `CREATE TABLE t (id int PRIMARY KEY, v text, b bytea); CREATE TABLE u (id int PRIMARY KEY);
    INSERT INTO t SELECT g, 'v' || g, '\\x00ff' FROM generate_series(1, 500) g; INSERT INTO u VALUES (1);`);
});
afterAll(() => source?.drop());

it("compares two snapshots and a snapshot with the live database", async () => {
  expect(tidemark("repo", "init", "--repo", repo).code).toBe(0);
  const a = snapshot();
  await sql(source.url, "UPDATE t SET v = NULL, b = '\\x0102' WHERE id = 7; DELETE FROM t WHERE id = 9; INSERT INTO u VALUES (2)");
  const b = snapshot();

  const two = tidemark("diff", a, b, "--repo", repo);
  expect(two.code).toBe(0);
  expect(two.stdout).toMatch(/changed\s+public\.t: \+0 -1 ~1 rows/);
  expect(two.stdout).toMatch(/~ id="7": v "v7" → NULL; b 2 B {2}00ff → 2 B {2}0102/);
  expect(two.stdout).toMatch(/changed\s+public\.u: \+1 -0 ~0 rows/);

  await sql(source.url, "INSERT INTO t VALUES (1000, 'live only', NULL)");
  const live = tidemark("diff", b, "--live", source.url, "--repo", repo, "--json");
  expect(live.code).toBe(0);
  const d = JSON.parse(live.stdout);
  expect(d.to).toBe("live");
  expect(d.tables.map((t: { table: string; rowsAdded: number; status: string }) => [t.table, t.status, t.rowsAdded])).toEqual([
    ["public.t", "changed", 1],
    ["public.u", "unchanged", 0],
  ]);
  const only = JSON.parse(tidemark("diff", a, "--live", source.url, "--repo", repo, "--tables", "u", "--json").stdout);
  expect(only.tables.map((t: { table: string }) => t.table)).toEqual(["public.u"]);
  expect(tidemark("diff", b, "--live", source.url, "--repo", repo).stdout).toContain(`→ live postgres://postgres@127.0.0.1:5432/${source.name}`);
});

it("says what is missing or unknown", () => {
  const missing = tidemark("diff", "latest", "--repo", repo);
  expect(missing.code).not.toBe(0);
  expect(missing.stderr).toMatch(/two snapshot ids, or one and --live <db-url>/);
  const unknown = tidemark("diff", "latest", "--live", source.url, "--repo", repo, "--tables", "nope");
  expect(unknown.code).not.toBe(0);
  expect(unknown.stderr).toMatch(/No table nope/);
});
