// Repository locks: shared for backups, exclusive for prune; dead or stale holders are reported, never ignored or waited on.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { RepositoryLockedError } from "./errors";
import type { Storage } from "./storage/types";

export type LockKind = "shared" | "exclusive";

export interface LockInfo {
  kind: LockKind;
  host: string;
  pid: number;
  command: string;
  startedAt: string;
  refreshedAt: string;
  /** The dashboard job holding it, when a worker runs it: a lock of a job that ended (worker killed) can be removed. */
  jobId?: string;
}

/** A holder refreshes its lock every REFRESH_MS; one not refreshed for STALE_AFTER_MS is considered abandoned. */
export const REFRESH_MS = 5 * 60_000;
export const STALE_AFTER_MS = 30 * 60_000;

export type LockState = "alive" | "dead" | "stale";

export interface FoundLock {
  key: string;
  info: LockInfo;
  state: LockState;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockState(info: LockInfo, now = Date.now()): LockState {
  if (info.host === os.hostname() && !pidAlive(info.pid)) return "dead";
  if (now - Date.parse(info.refreshedAt) > STALE_AFTER_MS) return "stale";
  return "alive";
}

export function describeLock(lock: FoundLock): string {
  const { info } = lock;
  const base = `Repository is locked (${info.kind}, ${info.command}) by pid ${info.pid} on host ${info.host} since ${info.startedAt}`;
  if (lock.state === "dead") return `${base}, which is no longer running — run \`tidemark unlock\` to remove it`;
  if (lock.state === "stale") {
    return `${base}, not refreshed since ${info.refreshedAt} (stale) — if that process is gone, run \`tidemark unlock\` to remove it`;
  }
  return `${base}, which is still running — wait for it to finish`;
}

export async function listLocks(storage: Storage): Promise<FoundLock[]> {
  const found: FoundLock[] = [];
  for await (const key of storage.list("locks")) {
    try {
      const info = JSON.parse((await storage.get(key)).toString("utf8")) as LockInfo;
      found.push({ key, info, state: lockState(info) });
    } catch {
      // Removed between list and get (its holder finished), or unreadable: nothing holds it.
    }
  }
  return found;
}

function conflicts(kind: LockKind, other: FoundLock): boolean {
  return kind === "exclusive" || other.info.kind === "exclusive";
}

export interface HeldLock {
  key: string;
  /** Non-conflicting locks left by dead or stale processes: worth telling the user about. */
  warnings: string[];
  release(): Promise<void>;
}

export interface AcquireOptions {
  /** How long to wait for a conflicting lock whose holder is alive (a backup waiting for a prune); 0 fails at once. */
  waitMs?: number;
  jobId?: string;
  signal?: AbortSignal;
  /** Told once when the wait starts, with the holder's description. */
  onWait?: (holder: string) => void;
}

/** Polling interval while waiting for a conflicting lock. */
const WAIT_POLL_MS = 2_000;

/**
 * How locks are taken in the current async context: the CLI fails at once on a conflict; a worker runs each job inside
 * `lockContext.run({ jobId, waitMs, signal })`, so its locks name the job and wait for a live holder (a prune) a while.
 */
export const lockContext = new AsyncLocalStorage<AcquireOptions>();

export async function acquireLock(storage: Storage, kind: LockKind, command: string, explicit: AcquireOptions = {}): Promise<HeldLock> {
  const options = { ...lockContext.getStore(), ...explicit };
  const deadline = Date.now() + (options.waitMs ?? 0);
  let waited = false;
  for (;;) {
    try {
      return await tryAcquire(storage, kind, command, options.jobId);
    } catch (err) {
      // Only a live holder is worth waiting for: a dead or stale one will not go away by itself.
      if (!(err instanceof RepositoryLockedError) || !err.holderAlive || Date.now() + WAIT_POLL_MS > deadline) throw err;
      options.signal?.throwIfAborted();
      if (!waited) options.onWait?.(err.message);
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
      options.signal?.throwIfAborted();
    }
  }
}

async function tryAcquire(storage: Storage, kind: LockKind, command: string, jobId: string | undefined): Promise<HeldLock> {
  const check = async (self?: string) => {
    const warnings: string[] = [];
    for (const lock of await listLocks(storage)) {
      if (lock.key === self) continue;
      if (conflicts(kind, lock)) throw new RepositoryLockedError(describeLock(lock), lock.state === "alive");
      if (lock.state !== "alive") warnings.push(describeLock(lock));
    }
    return warnings;
  };
  await check();
  const now = new Date().toISOString();
  const info: LockInfo = { kind, host: os.hostname(), pid: process.pid, command, startedAt: now, refreshedAt: now, ...(jobId ? { jobId } : {}) };
  const key = `locks/${Date.now().toString(36)}-${randomBytes(6).toString("hex")}`;
  await storage.put(key, Buffer.from(JSON.stringify(info)), { ifAbsent: true });
  let warnings: string[];
  try {
    // Re-check after writing: of two processes racing for conflicting locks, at least one sees the other and backs off.
    warnings = await check(key);
  } catch (err) {
    await storage.delete(key);
    throw err;
  }
  const timer = setInterval(() => {
    info.refreshedAt = new Date().toISOString();
    storage.put(key, Buffer.from(JSON.stringify(info))).catch(() => {});
  }, REFRESH_MS);
  timer.unref();
  return {
    key,
    warnings,
    async release() {
      clearInterval(timer);
      await storage.delete(key);
    },
  };
}

/**
 * Removes locks whose holder is dead or stale (all locks with `all`, or those of the given ended jobs with `jobs`);
 * returns what was removed.
 */
export async function removeLocks(storage: Storage, options: { all?: boolean; jobs?: Set<string> } = {}): Promise<FoundLock[]> {
  const removed: FoundLock[] = [];
  for (const lock of await listLocks(storage)) {
    const remove = options.jobs ? lock.info.jobId !== undefined && options.jobs.has(lock.info.jobId) : options.all || lock.state !== "alive";
    if (remove) {
      await storage.delete(lock.key);
      removed.push(lock);
    }
  }
  return removed;
}
