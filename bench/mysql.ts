// MySQL/MariaDB benchmark: the shop data set, peers (mysqldump | gzip, mysqldump | zstd -1, client restore) and Tidemark, same run.
import fs from "node:fs/promises";
import path from "node:path";
import { incrementalBackups, median, mb, printTable, ratio, secs, sh, tidemarkRunner, type Measured } from "./measure";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "bench/.out-mysql");
const SHOP = "tm_bench_myshop";
const BASE = "mysql://root@127.0.0.1:3306";
const CLIENT = "mariadb -h127.0.0.1 -uroot";
const env = { ...process.env, MYSQL_HOST: "127.0.0.1", MYSQL_USER: "root", TIDEMARK_PASSPHRASE: "bench-passphrase" };

const tidemark = tidemarkRunner(env);
const drop = (db: string) => sh(`${CLIENT} -e 'drop database if exists \`${db}\`'`, env);

interface RunFigures {
  gzip: Measured;
  gzipSize: number;
  zstd: Measured;
  zstdSize: number;
  clientRestore: Measured;
  full: Measured;
  fullStored: number;
  restore: Measured;
  restoreLoadMs: number;
  incremental?: Measured;
  incrementalAdded?: number;
}

export async function runMysqlBench({ runs, scale, compareLoad }: { runs: number; scale: number; compareLoad: boolean }): Promise<void> {
  await fs.rm(OUT, { recursive: true, force: true });
  await fs.mkdir(OUT, { recursive: true });
  const log = (s: string) => process.stderr.write(s + "\n");
  log(`creating ${SHOP} at scale ${scale}…`);
  await sh(`bash /work/shared/bench/mysql-shop.sh ${SHOP} ${scale}`, env);
  const figures: RunFigures[] = [];
  let insertLoad: { restore: Measured; loadMs: number } | undefined;
  try {
    for (let r = 0; r < runs; r++) {
      log(`run ${r + 1}/${runs}`);
      const dump = path.join(OUT, `shop-${r}.sql`);
      const gzip = await sh(`mysqldump -h127.0.0.1 -uroot --single-transaction ${SHOP} | gzip > ${dump}.gz`, env);
      const zstd = await sh(`mysqldump -h127.0.0.1 -uroot --single-transaction ${SHOP} | zstd -1 -q -f -o ${dump}.zst`, env);
      await drop("tm_bench_myclient");
      await sh(`${CLIENT} -e 'create database tm_bench_myclient'`, env);
      const clientRestore = await sh(`zstd -dc ${dump}.zst | ${CLIENT} tm_bench_myclient`, env);
      await drop("tm_bench_myclient");
      const repo = path.join(OUT, `repo-${r}`);
      await tidemark(["repo", "init", "--repo", repo]);
      const full = await tidemark(["backup", "--url", `${BASE}/${SHOP}`, "--repo", repo, "--type", "full"]);
      const fullJson = JSON.parse(full.stdout);
      log(`  mysqldump|gzip ${secs(gzip.ms)}, mysqldump|zstd ${secs(zstd.ms)}, client restore ${secs(clientRestore.ms)}, tidemark full ${secs(full.ms)}`);
      await drop("tm_bench_myrestored");
      const restore = await tidemark(["restore", fullJson.snapshot, "--repo", repo, "--url", `${BASE}/tm_bench_myrestored`]);
      const restoreJson = JSON.parse(restore.stdout);
      if (!restoreJson.verified) throw new Error("the bench restore did not verify");
      await drop("tm_bench_myrestored");
      log(`  tidemark restore ${secs(restore.ms)} (load ${secs(restoreJson.loadMs)})`);
      if (compareLoad && r === 0) {
        const ins = await tidemark(["restore", fullJson.snapshot, "--repo", repo, "--url", `${BASE}/tm_bench_myrestored`], { TM_MYSQL_LOAD: "insert" });
        insertLoad = { restore: ins, loadMs: JSON.parse(ins.stdout).loadMs };
        await drop("tm_bench_myrestored");
        log(`  tidemark restore with batched INSERTs ${secs(ins.ms)} (load ${secs(insertLoad.loadMs)})`);
      }
      figures.push({
        gzip,
        gzipSize: (await fs.stat(`${dump}.gz`)).size,
        zstd,
        zstdSize: (await fs.stat(`${dump}.zst`)).size,
        clientRestore,
        full,
        fullStored: fullJson.stats.bytesStored,
        restore,
        restoreLoadMs: restoreJson.loadMs,
      });
      await fs.rm(`${dump}.gz`, { force: true });
      await fs.rm(`${dump}.zst`, { force: true });
    }
    log("mutating 1%…");
    // mysql-mutate.sh inserts 0.25 % of the orders with a recursive CTE, beyond MariaDB's default
    // max_recursive_iterations (1000) at scale 10: raise it for the script's client only, via its option file.
    const home = path.join(OUT, "home");
    await fs.mkdir(home, { recursive: true });
    await fs.writeFile(path.join(home, ".my.cnf"), "[mysql]\ninit-command=SET SESSION max_recursive_iterations = 10000000\n");
    await sh(`bash /work/shared/bench/mysql-mutate.sh ${SHOP} 1`, { ...env, HOME: home });
    await incrementalBackups(figures, tidemark, `${BASE}/${SHOP}`, OUT, log);
  } finally {
    await drop(SHOP);
    await drop("tm_bench_myrestored");
    await drop("tm_bench_myclient");
    await fs.rm(OUT, { recursive: true, force: true });
  }
  report(figures, runs, insertLoad);
}

function report(f: RunFigures[], runs: number, insertLoad?: { restore: Measured; loadMs: number }): void {
  const m = (pick: (x: RunFigures) => number) => median(f.map(pick));
  const gzip = m((x) => x.gzip.ms);
  const zstd = m((x) => x.zstd.ms);
  const client = m((x) => x.clientRestore.ms);
  const full = m((x) => x.full.ms);
  const rest = m((x) => x.restore.ms);
  const load = m((x) => x.restoreLoadMs);
  const inc = m((x) => x.incremental!.ms);
  const stored = m((x) => x.fullStored);
  const added = m((x) => x.incrementalAdded!);
  const rows: string[][] = [
    ["step", "time", "vs mysqldump|zstd -1", "vs client restore", "output", "peak RSS"],
    ["mysqldump --single-transaction | gzip", secs(gzip), ratio(gzip, zstd), "", mb(m((x) => x.gzipSize)), ""],
    ["mysqldump --single-transaction | zstd -1", secs(zstd), "1.00×", "", mb(m((x) => x.zstdSize)), ""],
    ["zstd -dc dump | mariadb (empty db)", secs(client), "", "1.00×", "", ""],
    ["tidemark backup full", secs(full), ratio(full, zstd), "", `${mb(stored)} stored`, mb(m((x) => x.full.rss))],
    ["tidemark restore (new db, incl. verify)", secs(rest), "", ratio(rest, client), "", mb(m((x) => x.restore.rss))],
    ["  of which load (before read-back verify)", secs(load), "", ratio(load, client), "", ""],
    ...(insertLoad
      ? [["  load with batched INSERTs instead (run 1)", secs(insertLoad.loadMs), "", ratio(insertLoad.loadMs, client), "", mb(insertLoad.restore.rss)]]
      : []),
    ["tidemark backup incremental (after 1%)", secs(inc), ratio(inc, zstd), "", `${mb(added)} added (${((added / stored) * 100).toFixed(2)}% of full)`, mb(m((x) => x.incremental!.rss))],
  ];
  printTable(rows, runs);
}
