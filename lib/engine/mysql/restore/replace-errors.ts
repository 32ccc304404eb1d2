// How an in-place MySQL/MariaDB restore tells why a statement failed: a metadata lock another session holds, a
// connection that is gone, or the server's own words.
import { causeChainHas } from "../../cause-chain";
import { quoteIdent } from "../quote";

/** What the server said, without the "Restoring view v:" prefix the caller adds itself. */
export function serverMessage(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string } } | undefined;
  return String(e?.cause?.message ?? e?.message ?? err);
}

/** lock_wait_timeout ran out waiting for another session's metadata lock (1205, also InnoDB's row lock wait). */
export const isLockWait = (err: unknown) => causeChainHas(err, (e) => e.code === "ER_LOCK_WAIT_TIMEOUT" || e.errno === 1205);
/** The connection is gone (mysql2 marks such errors fatal): no later statement on it can run. */
export const isFatal = (err: unknown) => causeChainHas(err, (e) => e.fatal === true);

/** Why a statement waiting on `tables` gave up, for a message that goes on with what to do. */
export function lockHolder(tables: string[], seconds: number): string {
  const which =
    tables.length === 0 ? "a table the replace needs" : tables.length === 1 ? `table ${quoteIdent(tables[0])}` : `one of the tables ${tables.map(quoteIdent).join(", ")}`;
  return `another session holds a lock on ${which} (an open transaction, a long query or a backup) and the replace gave up after waiting ${seconds} s for it`;
}
