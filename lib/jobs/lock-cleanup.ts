// Repository locks left by jobs that ended without releasing them (their worker was killed): a crash during a backup
// would otherwise make every later prune on that storage fail, and one during a prune every backup, until someone
// ran `tidemark unlock`. Each lock a job takes names the job (lib/repository/locks.ts lockContext); once the job is
// final (failed as abandoned, or its row says so), nothing can still hold it.
import { db } from "../db/client";
import { FINAL_STATUSES } from "../db/jobs";
import { storageAccess } from "../db/source-secrets";
import { listLocks, removeLocks } from "../repository/locks";
import { targetStorage } from "./repository-access";

/**
 * Removes, in every storage target, the locks of jobs that have ended (or, with `jobId`, of that job's earlier,
 * interrupted attempt); returns one line per lock removed. A lock naming a job this database does not know is left
 * alone: another installation may share the storage.
 */
export async function clearLocksOfEndedJobs(jobId?: string): Promise<string[]> {
  const removed: string[] = [];
  for (const { id } of await db().storageTarget.findMany({ select: { id: true } })) {
    try {
      const storage = targetStorage(await storageAccess(id));
      const owners = [...new Set((await listLocks(storage)).map((l) => l.info.jobId).filter((j): j is string => Boolean(j)))];
      if (!owners.length) continue;
      const ended = jobId
        ? new Set(owners.filter((o) => o === jobId))
        : new Set((await db().job.findMany({ where: { id: { in: owners }, status: { in: FINAL_STATUSES } }, select: { id: true } })).map((j) => j.id));
      if (!ended.size) continue;
      for (const lock of await removeLocks(storage, { jobs: ended })) {
        removed.push(`removed the ${lock.info.kind} lock "${lock.info.command}" of ended job ${lock.info.jobId} from ${storage.location}`);
      }
    } catch {
      // An unreachable target is reported by the jobs that use it; the next sweep tries again.
    }
  }
  return removed;
}
