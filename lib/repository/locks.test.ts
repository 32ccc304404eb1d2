// Locks: sharing rules, dead and stale holders reported with the way out, unlock.
import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RepositoryLockedError } from "./errors";
import { acquireLock, listLocks, lockContext, removeLocks, type LockInfo } from "./locks";
import { LocalStorage } from "./storage/local";

let dir: string;
let storage: LocalStorage;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-locks-"));
  storage = new LocalStorage(dir);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString());
}

async function plantLock(kind: LockInfo["kind"], pid: number, refreshedAt = new Date().toISOString()) {
  const info: LockInfo = { kind, host: os.hostname(), pid, command: "backup full", startedAt: refreshedAt, refreshedAt };
  await storage.put(`locks/planted-${kind}`, Buffer.from(JSON.stringify(info)));
}

describe("locks", () => {
  it("lets backups share the repository and keeps prune out while they run", async () => {
    const a = await acquireLock(storage, "shared", "backup");
    const b = await acquireLock(storage, "shared", "backup");
    const err = await acquireLock(storage, "exclusive", "prune").catch((e) => e);
    expect(err).toBeInstanceOf(RepositoryLockedError);
    expect(err.message).toMatch(new RegExp(`pid ${process.pid} on host .* which is still running`));
    await a.release();
    await b.release();
    const c = await acquireLock(storage, "exclusive", "prune");
    await expect(acquireLock(storage, "shared", "backup")).rejects.toThrow(RepositoryLockedError);
    await c.release();
    expect(await listLocks(storage)).toEqual([]);
  });

  it("detects a lock left by a dead process and says how to remove it", async () => {
    const pid = deadPid();
    await plantLock("exclusive", pid);
    const err = await acquireLock(storage, "shared", "backup").catch((e) => e);
    expect(err).toBeInstanceOf(RepositoryLockedError);
    expect(err.message).toContain(`pid ${pid} on host ${os.hostname()}`);
    expect(err.message).toContain("no longer running — run `tidemark unlock`");
    const removed = await removeLocks(storage);
    expect(removed.map((l) => l.info.pid)).toEqual([pid]);
    const held = await acquireLock(storage, "shared", "backup");
    await held.release();
  });

  it("reports a dead shared lock as a warning without blocking another backup", async () => {
    await plantLock("shared", deadPid());
    const held = await acquireLock(storage, "shared", "backup");
    expect(held.warnings.join()).toMatch(/no longer running/);
    await held.release();
  });

  it("treats a lock not refreshed for a long time as stale, and unlock leaves live locks alone", async () => {
    await plantLock("exclusive", process.pid, new Date(Date.now() - 3 * 3600_000).toISOString());
    const err = await acquireLock(storage, "shared", "backup").catch((e) => e);
    expect(err.message).toMatch(/stale/);
    const live = await acquireLock(storage, "shared", "x").catch(() => null);
    expect(live).toBeNull();
    expect((await removeLocks(storage)).length).toBe(1);
    const ok = await acquireLock(storage, "shared", "x");
    expect((await removeLocks(storage)).length).toBe(0);
    await ok.release();
  });
});

describe("waiting for a lock (how a worker's jobs take them)", () => {
  it("waits for a live holder to finish, names its job, and never waits for a dead one", async () => {
    const backup = await acquireLock(storage, "shared", "backup full");
    setTimeout(() => void backup.release(), 1_500);
    let told = "";
    const prune = await lockContext.run({ waitMs: 20_000, jobId: "job-1", onWait: (h) => (told = h) }, () => acquireLock(storage, "exclusive", "prune"));
    expect(told).toMatch(/locked \(shared, backup full\).*still running/);
    expect((await listLocks(storage)).map((l) => l.info.jobId)).toEqual(["job-1"]);
    await prune.release();

    await plantLock("exclusive", deadPid());
    const started = Date.now();
    await expect(lockContext.run({ waitMs: 20_000 }, () => acquireLock(storage, "shared", "backup"))).rejects.toThrow(/no longer running/);
    expect(Date.now() - started).toBeLessThan(2_000);
    await removeLocks(storage);
    // Only the locks of the ended jobs named are removed.
    const cli = await acquireLock(storage, "shared", "backup full");
    await lockContext.run({ jobId: "job-2" }, () => acquireLock(storage, "shared", "restore"));
    expect((await removeLocks(storage, { jobs: new Set(["job-2"]) })).map((l) => l.info.jobId)).toEqual(["job-2"]);
    expect((await listLocks(storage)).map((l) => l.info.command)).toEqual(["backup full"]);
    await cli.release();
  });
});
