// Which failures are worth retrying (the network, a lock, a serialization conflict) and which never are (bad input).
import { RestoreCommittedError } from "../backup/restore";
import { RepositoryLockedError } from "../repository/errors";
import { causeChainHas } from "../engine/cause-chain";

const TRANSIENT_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN",
  "57P01", "57P02", "57P03", // admin_shutdown, crash_shutdown, cannot_connect_now
  "55P03", "40001", "40P01", // lock_not_available, serialization_failure, deadlock_detected
  "PROTOCOL_CONNECTION_LOST", "ER_LOCK_WAIT_TIMEOUT", "ER_LOCK_DEADLOCK", "ER_CON_COUNT_ERROR",
]);

export class JobCancelledError extends Error {
  constructor() {
    super("Cancelled on request.");
  }
}

/** A failure that still has a result worth keeping on the job (e.g. a restore that committed but did not verify). */
export class JobFailedWithResult extends Error {
  constructor(
    message: string,
    readonly result: unknown,
  ) {
    super(message);
  }
}

export function isTransient(error: unknown): boolean {
  if (error instanceof RepositoryLockedError) return true;
  // Once a restore committed, running it again would replace the target a second time: never retried.
  if (error instanceof RestoreCommittedError || error instanceof JobFailedWithResult) return false;
  return causeChainHas(error, (e) => typeof e.code === "string" && TRANSIENT_CODES.has(e.code));
}

export function plainMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
