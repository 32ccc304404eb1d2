// The worker process: runs jobs from pg-boss on the metadata database and reports a heartbeat. Run any number, anywhere.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { disconnectDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { databaseUrl, env } from "../lib/env";
import { jobDefinitions } from "../lib/jobs/registry";
import { startWorker } from "../lib/jobs/worker";

const workerId = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
const log = (message: string) => console.log(`[worker ${workerId}] ${message}`);

async function main() {
  const url = databaseUrl();
  await migrate(url);
  const concurrency = env().WORKER_CONCURRENCY;
  const worker = await startWorker({ databaseUrl: url, workerId, concurrency, log });
  log(`ready: ${Object.keys(jobDefinitions).length} job kinds, concurrency ${concurrency}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing running jobs, then stopping`);
    await worker.stop();
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
