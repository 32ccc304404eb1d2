// Diff benchmark: the shop data set at scale S, a full backup, pg-mutate.sh 1 %, an incremental backup; then
// `tidemark diff` snapshot vs snapshot and snapshot vs live (the pre-mutation snapshot against the database),
// beside psql COPYing the same tables out in key order, as the connector reads them (see docs/benchmarks.md).
import fs from "node:fs/promises";
import path from "node:path";
import { median, mb, printTable, ratio, secs, sh, tidemarkRunner, type Measured } from "./measure";

const ROOT = path.resolve(import.meta.dirname, "..");
// Under the git-ignored bench/.out (the postgres and mysql benches clear it when they start: run one bench at a time).
const OUT = path.join(ROOT, "bench/.out/diff");
const SHOP = "tm_bench_diff_shop";
const URL = `postgres://postgres@127.0.0.1:5432/${SHOP}`;
const env = { ...process.env, PGHOST: "127.0.0.1", PGUSER: "postgres", TIDEMARK_PASSPHRASE: "bench-passphrase" };
const tidemark = tidemarkRunner(env);

interface RunFigures {
  snapshots: Measured;
  live: Measured;
  copy: Measured;
  /** Measured after the clustered change, once the runs above are done. */
  clustered?: Measured;
  clusteredLive?: Measured;
}

interface DiffJson {
  tables: { table: string; rowsAdded: number; rowsRemoved: number; rowsChanged: number; chunksRead: number; chunksSkipped: number }[];
}

const summary = (m: Measured) =>
  (JSON.parse(m.stdout) as DiffJson).tables.map((t) => `${t.table} +${t.rowsAdded} -${t.rowsRemoved} ~${t.rowsChanged} (${t.chunksRead} chunks read, ${t.chunksSkipped} skipped)`).join("; ");

export async function runDiffBench({ runs, scale }: { runs: number; scale: number }): Promise<void> {
  await fs.rm(OUT, { recursive: true, force: true });
  await fs.mkdir(OUT, { recursive: true });
  const log = (s: string) => process.stderr.write(s + "\n");
  const repo = path.join(OUT, "repo");
  try {
    log(`creating ${SHOP} at scale ${scale}…`);
    await sh(`bash /work/shared/bench/pg-shop.sh ${SHOP} ${scale}`, env);
    await tidemark(["repo", "init", "--repo", repo]);
    const before = JSON.parse((await tidemark(["backup", "--url", URL, "--repo", repo, "--type", "full"])).stdout).snapshot as string;
    log("mutating 1%…");
    await sh(`bash /work/shared/bench/pg-mutate.sh ${SHOP} 1`, env);
    const after = JSON.parse((await tidemark(["backup", "--url", URL, "--repo", repo, "--type", "incremental"])).stdout).snapshot as string;
    const figures: RunFigures[] = [];
    for (let r = 0; r < runs; r++) {
      log(`run ${r + 1}/${runs}`);
      const snapshots = await tidemark(["diff", before, after, "--repo", repo]);
      const live = await tidemark(["diff", before, "--live", URL, "--repo", repo]);
      // The connector's own read: COPY (SELECT … ORDER BY key) TO STDOUT of every table, here by psql to /dev/null.
      const copy = await sh(
        `psql -qAt -d ${SHOP} -c "COPY (SELECT * FROM customers ORDER BY id) TO STDOUT" > /dev/null && psql -qAt -d ${SHOP} -c "COPY (SELECT * FROM orders ORDER BY id) TO STDOUT" > /dev/null`,
        env,
      );
      log(`  snapshot vs snapshot ${secs(snapshots.ms)} (${mb(snapshots.rss)}); vs live ${secs(live.ms)} (${mb(live.rss)}); COPY out ${secs(copy.ms)}`);
      if (r === 0) {
        log(`  snapshot vs snapshot: ${summary(snapshots)}`);
        log(`  snapshot vs live:     ${summary(live)}`);
      }
      figures.push({ snapshots, live, copy });
    }
    // Not in the scenario: the same number of changed orders, but clustered (the newest 1 %), as real
    // workloads often are, to show the cost following what changed once whole chunks stay equal.
    log("changing the newest 1% of orders…");
    await sh(`psql -qAt -d ${SHOP} -c "UPDATE orders SET status = 'archived' WHERE id > (SELECT max(id) - (SELECT count(*) / 100 FROM orders) FROM orders)"`, env);
    const clusteredSnap = JSON.parse((await tidemark(["backup", "--url", URL, "--repo", repo, "--type", "incremental"])).stdout).snapshot as string;
    for (const [r, f] of figures.entries()) {
      f.clustered = await tidemark(["diff", after, clusteredSnap, "--repo", repo]);
      f.clusteredLive = await tidemark(["diff", after, "--live", URL, "--repo", repo]);
      log(`  clustered run ${r + 1}: snapshot vs snapshot ${secs(f.clustered.ms)}; vs live ${secs(f.clusteredLive.ms)}`);
      if (r === 0) log(`  clustered: ${summary(f.clustered)} | live: ${summary(f.clusteredLive)}`);
    }
    const m = (pick: (x: RunFigures) => number) => median(figures.map(pick));
    const copy = m((x) => x.copy.ms);
    const cpu = (pick: (x: RunFigures) => Measured) => `${m((x) => pick(x).cpu).toFixed(2)} s`;
    printTable(
      [
        ["step", "time", "target", "peak RSS", "client CPU"],
        ["tidemark diff <before> <after> (snapshot vs snapshot)", secs(m((x) => x.snapshots.ms)), "≤ 2 s", mb(m((x) => x.snapshots.rss)), cpu((x) => x.snapshots)],
        ["tidemark diff <before> --live (snapshot vs live)", secs(m((x) => x.live.ms)), `≤ 1.5× COPY: ${ratio(m((x) => x.live.ms), copy)}`, mb(m((x) => x.live.rss)), cpu((x) => x.live)],
        ["psql COPY (… ORDER BY id) TO STDOUT, both tables", secs(copy), "", "", cpu((x) => x.copy)],
        ["clustered 1 %: tidemark diff <after> <clustered>", secs(m((x) => x.clustered!.ms)), "", mb(m((x) => x.clustered!.rss)), cpu((x) => x.clustered!)],
        ["clustered 1 %: tidemark diff <after> --live", secs(m((x) => x.clusteredLive!.ms)), `${ratio(m((x) => x.clusteredLive!.ms), copy)} COPY`, mb(m((x) => x.clusteredLive!.rss)), cpu((x) => x.clusteredLive!)],
      ],
      runs,
    );
  } finally {
    await sh(`psql -qAt -d postgres -c 'drop database if exists "${SHOP}" with (force)'`, env);
    await fs.rm(OUT, { recursive: true, force: true });
  }
}
