// PostgreSQL benchmark: the shop data set, peers (pg_dump -Fc, pg_dump -Z0 | zstd -1, pg_restore) and Tidemark, same run.
import fs from "node:fs/promises";
import path from "node:path";
import { incrementalBackups, median, mb, printTable, ratio, secs, sh, tidemarkRunner, type Measured } from "./measure";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "bench/.out");
const SHOP = "tm_bench_shop";
const BASE = "postgres://postgres@127.0.0.1:5432";
const env = { ...process.env, PGHOST: "127.0.0.1", PGUSER: "postgres", TIDEMARK_PASSPHRASE: "bench-passphrase" };

const tidemark = tidemarkRunner(env);

interface RunFigures {
  pgDump: Measured;
  pgDumpSize: number;
  pgDumpZstd: Measured;
  pgDumpZstdSize: number;
  pgRestore: Measured;
  full: Measured;
  fullStored: number;
  restore: Measured;
  restoreLoadMs: number;
  incremental?: Measured;
  incrementalAdded?: number;
}

export async function runPostgresBench({ runs, scale }: { runs: number; scale: number }): Promise<void> {
  await fs.rm(OUT, { recursive: true, force: true });
  await fs.mkdir(OUT, { recursive: true });
  const log = (s: string) => process.stderr.write(s + "\n");
  log(`creating ${SHOP} at scale ${scale}…`);
  await sh(`bash /work/shared/bench/pg-shop.sh ${SHOP} ${scale}`, env);
  const copyBytes = Number((await sh(`psql -Atc "select sum(pg_relation_size(c.oid)) from pg_class c where relname in ('customers','orders')" -d ${SHOP}`, env)).stdout);
  log(`table heap size ${mb(copyBytes)}`);
  const figures: RunFigures[] = [];
  const drop = (db: string) => sh(`psql -qAt -d postgres -c 'drop database if exists "${db}" with (force)'`, env);
  try {
    for (let r = 0; r < runs; r++) {
      log(`run ${r + 1}/${runs}`);
      const dump = path.join(OUT, `shop-${r}.dump`);
      const pgDump = await sh(`pg_dump -Fc -f ${dump} ${SHOP}`, env);
      const pgDumpZstd = await sh(`pg_dump -Fc -Z0 ${SHOP} | zstd -1 -q -f -o ${dump}.zst`, env);
      await drop("tm_bench_pgrestore");
      await sh(`createdb tm_bench_pgrestore`, env);
      const pgRestore = await sh(`pg_restore -d tm_bench_pgrestore ${dump}`, env);
      await drop("tm_bench_pgrestore");
      const repo = path.join(OUT, `repo-${r}`);
      await tidemark(["repo", "init", "--repo", repo]);
      const full = await tidemark(["backup", "--url", `${BASE}/${SHOP}`, "--repo", repo, "--type", "full"]);
      const fullJson = JSON.parse(full.stdout);
      log(`  pg_dump ${secs(pgDump.ms)}, pg_dump|zstd ${secs(pgDumpZstd.ms)}, pg_restore ${secs(pgRestore.ms)}, tidemark full ${secs(full.ms)}`);
      await drop("tm_bench_restored");
      const restore = await tidemark(["restore", fullJson.snapshot, "--repo", repo, "--url", `${BASE}/tm_bench_restored`]);
      const restoreJson = JSON.parse(restore.stdout);
      if (!restoreJson.verified) throw new Error("the bench restore did not verify");
      await drop("tm_bench_restored");
      log(`  tidemark restore ${secs(restore.ms)} (load ${secs(restoreJson.loadMs)})`);
      figures.push({
        pgDump,
        pgDumpSize: (await fs.stat(dump)).size,
        pgDumpZstd,
        pgDumpZstdSize: (await fs.stat(`${dump}.zst`)).size,
        pgRestore,
        full,
        fullStored: fullJson.stats.bytesStored,
        restore,
        restoreLoadMs: restoreJson.loadMs,
      });
      await fs.rm(dump, { force: true });
      await fs.rm(`${dump}.zst`, { force: true });
    }
    log("mutating 1%…");
    await sh(`bash /work/shared/bench/pg-mutate.sh ${SHOP} 1`, env);
    await incrementalBackups(figures, tidemark, `${BASE}/${SHOP}`, OUT, log);
  } finally {
    await drop(SHOP);
    await drop("tm_bench_restored");
    await drop("tm_bench_pgrestore");
  }
  report(figures, runs);
}

function report(f: RunFigures[], runs: number): void {
  const m = (pick: (x: RunFigures) => number) => median(f.map(pick));
  const dump = m((x) => x.pgDump.ms);
  const zstd = m((x) => x.pgDumpZstd.ms);
  const pgr = m((x) => x.pgRestore.ms);
  const full = m((x) => x.full.ms);
  const rest = m((x) => x.restore.ms);
  const load = m((x) => x.restoreLoadMs);
  const inc = m((x) => x.incremental!.ms);
  const stored = m((x) => x.fullStored);
  const added = m((x) => x.incrementalAdded!);
  const dumpSize = m((x) => x.pgDumpSize);
  const cpu = (pick: (x: RunFigures) => Measured) => `${m((x) => pick(x).cpu).toFixed(2)} s`;
  const rows: string[][] = [
    ["step", "time", "vs pg_dump -Z0|zstd -1", "vs pg_restore", "output", "peak RSS", "client CPU"],
    ["pg_dump -Fc", secs(dump), ratio(dump, zstd), "", mb(dumpSize), mb(m((x) => x.pgDump.rss)), cpu((x) => x.pgDump)],
    ["pg_dump -Fc -Z0 | zstd -1", secs(zstd), "1.00×", "", mb(m((x) => x.pgDumpZstdSize)), "", cpu((x) => x.pgDumpZstd)],
    ["pg_restore (empty db)", secs(pgr), "", "1.00×", "", mb(m((x) => x.pgRestore.rss)), cpu((x) => x.pgRestore)],
    ["tidemark backup full", secs(full), ratio(full, zstd), "", `${mb(stored)} stored (${ratio(stored, dumpSize)} pg_dump -Fc)`, mb(m((x) => x.full.rss)), cpu((x) => x.full)],
    ["tidemark restore (new db, incl. verify)", secs(rest), "", ratio(rest, pgr), "", mb(m((x) => x.restore.rss)), cpu((x) => x.restore)],
    ["  of which load (before read-back verify)", secs(load), "", ratio(load, pgr), "", "", ""],
    ["tidemark backup incremental (after 1%)", secs(inc), ratio(inc, zstd), "", `${mb(added)} added (${((added / stored) * 100).toFixed(2)}% of full)`, mb(m((x) => x.incremental!.rss)), cpu((x) => x.incremental!)],
  ];
  printTable(rows, runs);
}
