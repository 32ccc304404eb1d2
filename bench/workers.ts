// Workers bench: N worker processes (1, 2, 3) against one metadata database and one S3 repository back up the same six
// pg-shop sources; reports wall time, throughput, and that every job completed exactly once.
//   npm run bench -- workers [--scale 1] [--workers 1,2,3] [--concurrency 1]
import { readFile } from "node:fs/promises";
import { createPgDatabase, dropPgDatabase, pgUrlFor } from "../test/support/databases";
import { startS3 } from "../test/support/s3";
import { registerFleet, runFleet, spawnWorker } from "../test/support/worker-processes";
import { disconnectDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { reloadEnv } from "../lib/env";
import { stopProducer } from "../lib/jobs/enqueue";
import { secs, sh } from "./measure";

const SOURCES = 6;

/** User + system CPU seconds of a process so far (/proc/<pid>/stat, in clock ticks of 1/100 s). */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export async function runWorkersBench(opts: { scale: number; workers: number[]; concurrency: number }) {
  const names = Array.from({ length: SOURCES }, (_, i) => `tm_bench_fleet${i}`);
  process.stdout.write(`creating ${SOURCES} pg-shop databases at scale ${opts.scale}…\n`);
  for (const name of names) await sh(`bash /work/shared/bench/pg-shop.sh ${name} ${opts.scale}`);
  const databases = names.map((name) => ({ name, url: pgUrlFor(name) }));
  const s3 = await startS3({ buckets: ["bench"] });
  const secret = "bench-secret-bench-secret-bench-secret-0123";
  const rows: string[] = [];
  try {
    for (const n of opts.workers) {
      // A fresh metadata database and repository per run: each run backs up the same data from scratch.
      const meta = await createPgDatabase("tm_bench_meta");
      await migrate(meta.url);
      process.env.DATABASE_URL = meta.url;
      process.env.TIDEMARK_SECRET = secret;
      reloadEnv();
      const workers = Array.from({ length: n }, () => spawnWorker({ DATABASE_URL: meta.url, TIDEMARK_SECRET: secret, WORKER_CONCURRENCY: String(opts.concurrency) }));
      try {
        await Promise.all(workers.map((w) => w.ready));
        const fleet = await registerFleet(`run${n}`, s3.config("bench", `run-${n}-${Date.now()}`), databases);
        const load = (await sh("cut -d' ' -f1 /proc/loadavg")).stdout.trim();
        const cpuBefore = await Promise.all(workers.map((w) => cpuSeconds(w.child.pid!)));
        const ownBefore = process.cpuUsage();
        const run = await runFleet(fleet, [{ type: "full" }]);
        const workerCpu = (await Promise.all(workers.map((w) => cpuSeconds(w.child.pid!)))).reduce((a, b, i) => a + b - cpuBefore[i], 0);
        const own = process.cpuUsage(ownBefore);
        const s3Cpu = (own.user + own.system) / 1e6;
        const ok = run.failed.length === 0 && run.repeated.length === 0 && run.overlapping.length === 0 && run.snapshots === SOURCES && run.backupSets === SOURCES;
        const share = Object.values(run.byWorker).sort((a, b) => b - a).join("/");
        const line = `| ${n} | ${secs(run.wallMs)} | ${(run.rows / (run.wallMs / 1000) / 1000).toFixed(0)} k rows/s | ${run.jobs} of ${SOURCES}, ${ok ? "each once" : `PROBLEM ${JSON.stringify(run)}`} | ${share} | ${workerCpu.toFixed(1)} s | ${s3Cpu.toFixed(1)} s | ${load} |`;
        rows.push(line);
        process.stdout.write(`${line}\n`);
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
        await stopProducer();
        await disconnectDb();
        await meta.drop();
      }
    }
  } finally {
    await s3.stop();
    for (const name of names) await dropPgDatabase(name);
  }
  process.stdout.write(
    `\n${SOURCES} sources × pg-shop scale ${opts.scale} (${opts.scale * 170_000} rows each), one full backup each, S3 (s3rver) repository, WORKER_CONCURRENCY=${opts.concurrency}\n` +
      `| workers | wall | throughput | jobs | jobs per worker | workers' CPU | s3rver + bench CPU | load before |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n${rows.join("\n")}\n`,
  );
}
