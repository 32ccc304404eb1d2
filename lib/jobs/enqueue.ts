// Starting a job from the web app or a script: the Job row and the queue entry are written in one transaction.
import { fromPrisma, type PgBoss } from "pg-boss";
import { createJob, type NewJob } from "../db/jobs";
import { databaseUrl } from "../env";
import { JOB_QUEUE } from "./definitions";
import { jobDefinitions } from "./registry";
import { createBoss, ensureQueues } from "./queue";

const globalForBoss = globalThis as unknown as { tidemarkBoss?: Promise<PgBoss> };

function producer(): Promise<PgBoss> {
  globalForBoss.tidemarkBoss ??= (async () => {
    const boss = createBoss(databaseUrl(), "producer");
    boss.on("error", (error) => console.error(`[queue] ${error.message}`));
    await boss.start();
    await ensureQueues(boss);
    return boss;
  })();
  return globalForBoss.tidemarkBoss;
}

export async function startJob(input: NewJob) {
  const definition = jobDefinitions[input.kind];
  if (!definition) throw new Error(`No handler for ${input.kind} jobs`);
  const params = definition.params.parse(input.params) as Record<string, unknown>;
  const boss = await producer();
  return createJob({ ...input, params }, (tx, jobId) =>
    boss.send(JOB_QUEUE, { jobId }, {
      db: fromPrisma(tx),
      ...(definition.perSource && input.sourceId ? { group: { id: input.sourceId } } : {}),
    }),
  );
}

export async function stopProducer(): Promise<void> {
  const boss = await globalForBoss.tidemarkBoss;
  globalForBoss.tidemarkBoss = undefined;
  await boss?.stop({ graceful: false });
}
