// The worker process: runs jobs from pg-boss on the metadata database and reports a heartbeat. Run any number, anywhere.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { disconnectDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { beat, HEARTBEAT_INTERVAL_MS, removeWorker } from "../lib/db/workers";
import { databaseUrl, env } from "../lib/env";
import { jobDefinitions } from "../lib/jobs/definitions";
import { createBoss } from "../lib/jobs/queue";

const workerId = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
const log = (message: string) => console.log(`[worker ${workerId}] ${message}`);

async function main() {
  const url = databaseUrl();
  await migrate(url);
  const boss = createBoss(url);
  boss.on("error", (error) => log(`queue error: ${error.message}`));
  await boss.start();

  for (const def of jobDefinitions) {
    await boss.createQueue(def.name, def.options);
    await boss.work(def.name, { localConcurrency: env().WORKER_CONCURRENCY }, async ([job]) => {
      const payload = def.payload.parse(job.data);
      return def.handle(payload, { signal: job.signal, jobId: job.id });
    });
  }

  await beat(workerId, hostname(), process.pid);
  const timer = setInterval(() => beat(workerId, hostname(), process.pid).catch((e) => log(`heartbeat failed: ${e.message}`)), HEARTBEAT_INTERVAL_MS);
  log(`ready: ${jobDefinitions.length} job kind(s), concurrency ${env().WORKER_CONCURRENCY}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing running jobs, then stopping`);
    clearInterval(timer);
    await boss.stop({ graceful: true, timeout: 30_000 }).catch(() => undefined);
    await removeWorker(workerId).catch(() => undefined);
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(`[worker] cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
