// Creating a storage target's repository happens once, whichever worker gets there first: a transaction-level advisory
// lock on the metadata database serialises the first use, since not every S3 server honours conditional writes.
import { db } from "./client";

/** Second lock space beside source-lock.ts's 7301, so the two kinds of lock never collide. */
const LOCK_SPACE = 7302;

export async function withStorageInitLock<T>(storageTargetId: string, fn: () => Promise<T>): Promise<T> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_SPACE}::int, hashtext(${storageTargetId}))`;
      return fn();
    },
    { timeout: 120_000, maxWait: 120_000 },
  );
}
