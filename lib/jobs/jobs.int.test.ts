// Jobs end to end on real pg-boss and PostgreSQL: two in-process workers run backups and restores from Job rows.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase, dropPgDatabase, pgUrlFor, uniqueName, type TempPgDatabase, pgRows as sql } from "../../test/support/databases";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { db } from "../db/client";
import { failAbandonedJobs, getJob, getJobWithEvents, requestCancel } from "../db/jobs";
import { createPolicy, updatePolicy } from "../db/policies";
import { createSourceIfMissing, sourceDeletionImpact, sourceUrl, updateSource } from "../db/sources";
import { createUser } from "../db/users";
import { createLocalStorageIfMissing } from "../db/storage";
import { rebuildCatalog } from "./catalog";
import { startJob, stopProducer } from "./enqueue";
import { handleScheduled } from "./schedules";
import { startWorker, type WorkerHandle } from "./worker";
import { runJob } from "./runner";
import { targetStorage } from "./repository-access";
import { storageAccess } from "../db/source-secrets";
import { acquireLock, listLocks, lockContext } from "../repository/locks";

const meta = withMetadataDatabase();
const sources: TempPgDatabase[] = [];
const restored: string[] = [];
const workers: WorkerHandle[] = [];
/** What the first worker logs (schedule problems among it). */
const workerLog: string[] = [];
const ids: Record<string, string> = {};


async function waitFor(jobId: string, statuses = ["SUCCEEDED", "FAILED", "CANCELLED"], timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(jobId);
    if (job && statuses.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function makeSource(name: string, rows: number) {
  const database = await createPgDatabase("tm_jobsrc");
  sources.push(database);
  await sql(database.url, `CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL, payload text);
    INSERT INTO items SELECT g, 'item ' || g, repeat(md5(g::text), 8) FROM generate_series(1, ${rows}) g;`);
  const storage = await createLocalStorageIfMissing(`store-${name}`, mkdtempSync(path.join(tmpdir(), "tm-jobs-repo-")), "jobs test passphrase");
  const { source } = await createSourceIfMissing({ name, engine: "POSTGRES", url: database.url, displayTarget: database.name, storageTargetId: storage.id });
  return { source, database };
}

beforeAll(async () => {
  const url = meta.current().url;
  for (const n of [1, 2]) {
    const log = n === 1 ? (line: string) => void workerLog.push(line) : undefined;
    workers.push(await startWorker({ databaseUrl: url, workerId: `test-worker-${n}`, concurrency: 2, scheduleCheckSeconds: 1, log }));
  }
  const small = await makeSource("small", 2_000);
  const big = await makeSource("big", 250_000);
  ids.small = small.source.id;
  ids.big = big.source.id;
  ids.smallUrl = small.database.url;
  ids.bigUrl = big.database.url;
}, 180_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop({ graceful: false })));
  await stopProducer();
  for (const s of sources) await s.drop();
  for (const name of restored) await dropPgDatabase(name);
});

describe("backup and restore jobs", () => {
  it("backs up a source, records the backup set, and restores it into a new database that is verified", async () => {
    const job = await startJob({ kind: "BACKUP", sourceId: ids.small, params: { type: "full", verifyAfter: true } });
    expect(job.status).toBe("QUEUED");
    expect(job.bossJobId).toBeTruthy();
    const done = await waitFor(job.id);
    expect(done.error).toBeNull();
    expect(done.status).toBe("SUCCEEDED");
    const result = done.result as { backupSetId: string; rows: number; verified: boolean };
    expect(result).toMatchObject({ rows: 2000, verified: true });
    const set = await db().backupSet.findUniqueOrThrow({ where: { id: result.backupSetId }, include: { tables: true } });
    expect(set).toMatchObject({ type: "FULL", status: "COMPLETED", verification: "VERIFIED", tableCount: 1 });
    expect(set.tables[0]).toMatchObject({ name: "items", rowCount: 2000n });

    const database = uniqueName("tm_jobrestore");
    restored.push(database);
    const restoreJob = await startJob({ kind: "RESTORE", sourceId: ids.small, params: { backupSetId: set.id, mode: "new", database } });
    const restoredJob = await waitFor(restoreJob.id);
    expect(restoredJob.error).toBeNull();
    expect(restoredJob.result).toMatchObject({ verified: true, database });
    const [before] = await sql(ids.smallUrl, "SELECT count(*)::int AS n, md5(string_agg(label || payload, ',' ORDER BY id)) AS h FROM items");
    const [after] = await sql(pgUrlFor(database), "SELECT count(*)::int AS n, md5(string_agg(label || payload, ',' ORDER BY id)) AS h FROM items");
    expect(after).toEqual(before);
    const withEvents = await getJobWithEvents(restoreJob.id);
    expect(withEvents!.events.map((e) => e.message).join("\n")).toMatch(/verified every row digest/);
  });

  it("never runs two jobs of one source at once, while different sources run side by side", async () => {
    const jobs = [
      await startJob({ kind: "BACKUP", sourceId: ids.big, params: { type: "full" } }),
      await startJob({ kind: "BACKUP", sourceId: ids.big, params: { type: "full" } }),
      await startJob({ kind: "BACKUP", sourceId: ids.small, params: { type: "full" } }),
    ];
    const done = await Promise.all(jobs.map((j) => waitFor(j.id)));
    expect(done.map((j) => [j.status, j.error])).toEqual([["SUCCEEDED", null], ["SUCCEEDED", null], ["SUCCEEDED", null]]);
    const [a, b, other] = done;
    const overlap = (x: typeof a, y: typeof a) => x.startedAt! < y.finishedAt! && y.startedAt! < x.finishedAt!;
    expect(overlap(a, b)).toBe(false);
    // The small source's job did not wait for both big ones: it ran beside one of them.
    expect(overlap(a, other) || overlap(b, other)).toBe(true);
  });

  it("cancels a running backup between chunks and keeps no backup set", async () => {
    const before = await db().backupSet.count({ where: { sourceId: ids.big } });
    // Hold the table so the backup is surely still running when the cancel arrives.
    const blocker = new pg.Client({ connectionString: ids.bigUrl });
    await blocker.connect();
    await blocker.query("BEGIN; LOCK TABLE items IN ACCESS EXCLUSIVE MODE");
    const job = await startJob({ kind: "BACKUP", sourceId: ids.big, params: { type: "full" } });
    await waitFor(job.id, ["RUNNING"]);
    await requestCancel(job.id);
    await new Promise((r) => setTimeout(r, 2500)); // one heartbeat: the worker sees the request
    await blocker.query("ROLLBACK");
    await blocker.end();
    const done = await waitFor(job.id);
    expect(done.status).toBe("CANCELLED");
    expect(done.error).toMatch(/Cancelled on request/);
    expect(await db().backupSet.count({ where: { sourceId: ids.big } })).toBe(before);
  });

  it("an in-place restore first takes a pre-restore backup that restores the state before it", async () => {
    const [firstSet] = await db().backupSet.findMany({ where: { sourceId: ids.small }, orderBy: { consistentAt: "asc" }, take: 1 });
    await sql(ids.smallUrl, "UPDATE items SET label = 'changed' WHERE id <= 10; DELETE FROM items WHERE id > 1990");
    const [changed] = await sql(ids.smallUrl, "SELECT count(*)::int AS n, md5(string_agg(label, ',' ORDER BY id)) AS h FROM items");

    const job = await startJob({ kind: "RESTORE", sourceId: ids.small, params: { backupSetId: firstSet.id, mode: "replace" } });
    const done = await waitFor(job.id);
    expect(done.error).toBeNull();
    const result = done.result as { verified: boolean; preRestore: { backupSetId: string } };
    expect(result.verified).toBe(true);
    expect((await sql(ids.smallUrl, "SELECT count(*)::int AS n FROM items"))[0].n).toBe(2000);

    const pre = await db().backupSet.findUniqueOrThrow({ where: { id: result.preRestore.backupSetId } });
    expect(pre.preRestore).toBe(true);
    const database = uniqueName("tm_undo");
    restored.push(database);
    const undo = await waitFor((await startJob({ kind: "RESTORE", sourceId: ids.small, params: { backupSetId: pre.id, mode: "new", database } })).id);
    expect(undo.error).toBeNull();
    const [undone] = await sql(pgUrlFor(database), "SELECT count(*)::int AS n, md5(string_agg(label, ',' ORDER BY id)) AS h FROM items");
    expect(undone).toEqual(changed);
  });

  it("an in-place restore brings back a dropped table (the pre-restore backup covers the chosen tables that exist)", async () => {
    await sql(ids.smallUrl, "CREATE TABLE extra (id int PRIMARY KEY, note text); INSERT INTO extra SELECT g, 'n' || g FROM generate_series(1, 50) g");
    const backup = await waitFor((await startJob({ kind: "BACKUP", sourceId: ids.small, params: { type: "incremental" } })).id);
    expect(backup.error).toBeNull();
    const setId = (backup.result as { backupSetId: string }).backupSetId;
    await sql(ids.smallUrl, "DROP TABLE extra; UPDATE items SET label = 'after' WHERE id = 1");
    try {
      const done = await waitFor((await startJob({ kind: "RESTORE", sourceId: ids.small, params: { backupSetId: setId, mode: "replace", tables: ["public.extra", "public.items"] } })).id);
      expect(done.error).toBeNull();
      expect((done.result as { verified: boolean }).verified).toBe(true);
      expect(await sql(ids.smallUrl, "SELECT count(*)::int AS n FROM extra")).toEqual([{ n: 50 }]);
      const log = (await getJobWithEvents(done.id))!.events.map((e) => e.message);
      expect(log).toContainEqual(expect.stringMatching(/^Not in small now, so not in its pre-restore backup: public\.extra/));
    } finally {
      await sql(ids.smallUrl, "DROP TABLE IF EXISTS extra");
    }
  });

  it("only an admin may skip the pre-restore backup of an in-place restore", async () => {
    const [set] = await db().backupSet.findMany({ where: { sourceId: ids.small, preRestore: false }, orderBy: { consistentAt: "desc" }, take: 1 });
    const operator = await createUser({ email: "op@jobs.test", name: "Op", role: "OPERATOR", passwordHash: null });
    const admin = await createUser({ email: "admin@jobs.test", name: "Admin", role: "ADMIN", passwordHash: null });
    const params = { backupSetId: set.id, mode: "replace", skipPreRestoreBackup: true };
    const refused = await waitFor((await startJob({ kind: "RESTORE", sourceId: ids.small, requestedById: operator.id, params })).id);
    expect(refused).toMatchObject({ status: "FAILED", error: "Only an admin may skip the pre-restore backup of an in-place restore." });
    const allowed = await waitFor((await startJob({ kind: "RESTORE", sourceId: ids.small, requestedById: admin.id, params })).id);
    expect(allowed.error).toBeNull();
    expect(allowed.result).toMatchObject({ verified: true, preRestore: null });
  });

  it("a drill restores the latest backup into a scratch database, verifies it, records the RTO and drops it", async () => {
    const done = await waitFor((await startJob({ kind: "DRILL", sourceId: ids.small, params: {} })).id);
    expect(done.error).toBeNull();
    const result = done.result as { verified: boolean; rtoMs: number; rows: number };
    expect(result.verified).toBe(true);
    expect(result.rtoMs).toBeGreaterThan(0);
    expect(result.rows).toBeGreaterThan(0);
    const left = await sql(ids.smallUrl, "SELECT datname FROM pg_database WHERE datname LIKE 'tidemark_drill_%'");
    expect(left).toEqual([]);
  });

  it("a policy's drill runs on another source's server when asked: its login creates and drops the scratch database", async () => {
    // Two "servers" told apart by their logins: one may not create databases, the other may.
    const roles = { limited: uniqueName("tm_drill_nocreate"), creator: uniqueName("tm_drill_create") };
    await sql(pgUrlFor("postgres"), `CREATE ROLE ${roles.limited} LOGIN NOCREATEDB; CREATE ROLE ${roles.creator} LOGIN CREATEDB`);
    const host = async (name: string, role: string) => {
      const url = pgUrlFor("postgres").replace("postgres@", `${role}@`);
      return (await createSourceIfMissing({ name, engine: "POSTGRES", url, displayTarget: "postgres" })).source;
    };
    const limited = await host("drill host (no CREATEDB)", roles.limited);
    const creator = await host("drill host", roles.creator);
    const policy = await createPolicy({ sourceId: ids.small, name: "drills elsewhere", cron: "0 3 * * *", enabled: true, drillCron: "0 4 * * 0", drillOnSourceId: limited.id });
    try {
      const refused = await waitFor((await handleScheduled({ policyId: policy.id, what: "drill" }))!);
      expect(refused.params).toMatchObject({ onSourceId: limited.id });
      expect(refused.status).toBe("FAILED");
      expect(refused.error).toMatch(/permission denied to create database/);

      await updatePolicy(policy.id, { drillOnSourceId: creator.id });
      // The drilled source's own login is made unusable meanwhile: the scratch database is created AND dropped with
      // the host's (both "servers" are one cluster here, so only the login tells them apart).
      const own = (await sourceUrl(ids.small))!;
      expect(own.url).toMatch(/^postgres:\/\/postgres@/);
      const row = await db().dataSource.findUniqueOrThrow({ where: { id: ids.small } });
      await updateSource(ids.small, { name: row.name, url: own.url.replace("postgres@", "tm_no_such_login@"), displayTarget: row.displayTarget, storageTargetId: row.storageTargetId });
      const done = await waitFor((await handleScheduled({ policyId: policy.id, what: "drill" }))!).finally(() =>
        updateSource(ids.small, { name: row.name, url: own.url, displayTarget: row.displayTarget, storageTargetId: row.storageTargetId }),
      );
      expect(done.error).toBeNull();
      expect(done.result).toMatchObject({ verified: true, drilledOn: "drill host" });
      expect((await getJobWithEvents(done.id))!.events.map((e) => e.message)).toContainEqual(expect.stringMatching(/^Restoring snapshot \w+ into the scratch database tidemark_drill_\w+ on the server of drill host$/));
      expect(await sql(pgUrlFor("postgres"), "SELECT datname FROM pg_database WHERE datname LIKE 'tidemark_drill_%'")).toEqual([]);

      // The drill host cannot be deleted from the dashboard while a policy drills on it (the impact names the policy);
      // removed anyway (catalog surgery), the policy falls back to null rather than pointing at nothing.
      expect((await sourceDeletionImpact(creator.id)).drillHostOf).toEqual(["drills elsewhere (small)"]);
      await db().dataSource.delete({ where: { id: creator.id } });
      expect((await db().policy.findUniqueOrThrow({ where: { id: policy.id } })).drillOnSourceId).toBeNull();
    } finally {
      await db().policy.delete({ where: { id: policy.id } });
      await db().dataSource.deleteMany({ where: { id: { in: [limited.id, creator.id] } } });
      await sql(pgUrlFor("postgres"), `DROP ROLE ${roles.limited}; DROP ROLE ${roles.creator}`);
    }
  });

  it("prune applies retention to one source, keeps pinned backups, and the catalog follows", async () => {
    const sets = await db().backupSet.findMany({ where: { sourceId: ids.small }, orderBy: { consistentAt: "asc" } });
    // Pre-restore backups (the undo of the in-place restores above) are outside the rules and kept for days.
    const normal = sets.filter((s) => !s.preRestore);
    const undo = sets.filter((s) => s.preRestore).map((s) => s.id);
    expect(normal.length).toBeGreaterThanOrEqual(3);
    expect(undo.length).toBeGreaterThanOrEqual(1);
    await db().backupSet.update({ where: { id: normal[0].id }, data: { pinned: true } });
    const inOrder = (keep: string[]) => sets.filter((s) => keep.includes(s.id) || undo.includes(s.id)).map((s) => s.id);

    const dry = await waitFor((await startJob({ kind: "PRUNE", sourceId: ids.small, params: { keep: { last: 1 }, dryRun: true } })).id);
    expect(dry.error).toBeNull();
    expect((dry.result as { forgotten: unknown[] }).forgotten).toHaveLength(normal.length - 2);
    expect(await db().backupSet.count({ where: { sourceId: ids.small } })).toBe(sets.length);

    // A restore still waiting for its turn keeps its backup: retention forgets it only once nothing needs it.
    const waiting = await db().job.create({ data: { kind: "RESTORE", sourceId: ids.small, params: { backupSetId: normal[1].id, mode: "new", database: "tm_never_run" } } });
    const held = await waitFor((await startJob({ kind: "PRUNE", sourceId: ids.small, params: { keep: { last: 1 } } })).id);
    expect(held.error).toBeNull();
    expect((await getJobWithEvents(held.id))!.events.map((e) => e.message)).toContain("Keeping 1 snapshot that queued or running restores, comparisons, drills or copies still read");
    expect((await db().backupSet.findMany({ where: { sourceId: ids.small }, orderBy: { consistentAt: "asc" } })).map((r) => r.id)).toEqual(inOrder([normal[0].id, normal[1].id, normal.at(-1)!.id]));
    await db().job.update({ where: { id: waiting.id }, data: { status: "CANCELLED", finishedAt: new Date() } });

    const real = await waitFor((await startJob({ kind: "PRUNE", sourceId: ids.small, params: { keep: { last: 1 } } })).id);
    expect(real.error).toBeNull();
    expect((real.result as { chunksRemoved: number }).chunksRemoved).toBeGreaterThanOrEqual(0);
    const remaining = await db().backupSet.findMany({ where: { sourceId: ids.small }, orderBy: { consistentAt: "asc" } });
    expect(remaining.map((r) => r.id)).toEqual(inOrder([normal[0].id, normal.at(-1)!.id]));

    for (const set of remaining) {
      const database = uniqueName("tm_afterprune");
      restored.push(database);
      const done = await waitFor((await startJob({ kind: "RESTORE", sourceId: ids.small, params: { backupSetId: set.id, mode: "new", database } })).id);
      expect(done.error).toBeNull();
      expect(done.result).toMatchObject({ verified: true });
    }
  });

  it("a policy's schedule fires once a minute however many workers run, then applies its retention", async () => {
    // pg-boss files cron occurrences in one-minute slots, so policies have minute resolution.
    const policy = await createPolicy({ sourceId: ids.small, name: "every minute", cron: "* * * * *", timezone: "UTC", backupType: "INCREMENTAL", retention: { last: 2 } });
    expect(await workers[0].syncSchedules()).toBe(1);
    const firedJobs = () => db().job.findMany({ where: { kind: "BACKUP", params: { path: ["policyId"], equals: policy.id } }, orderBy: { createdAt: "asc" } });
    const deadline = Date.now() + 80_000;
    while ((await firedJobs()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    // Both workers check every second; give the slower one time to (wrongly) send the same occurrence again.
    await new Promise((r) => setTimeout(r, 6_000));
    await updatePolicy(policy.id, { enabled: false });
    await workers[1].syncSchedules();

    // One job per minute: two in the same minute would be a double firing (the wait may span a minute boundary).
    const fired = await firedJobs();
    const minutes = fired.map((j) => Math.floor(j.createdAt.getTime() / 60_000));
    expect(fired.length).toBeGreaterThanOrEqual(1);
    expect(new Set(minutes).size).toBe(fired.length);
    for (const job of fired) expect((await waitFor(job.id)).status).toBe("SUCCEEDED");
    const prunes = await db().job.findMany({ where: { kind: "PRUNE", sourceId: ids.small, createdAt: { gte: fired[0].createdAt } } });
    expect(prunes).toHaveLength(fired.length);
    for (const prune of prunes) {
      const done = await waitFor(prune.id);
      expect(done.status).toBe("SUCCEEDED");
      expect(prune.params).toMatchObject({ sourcePolicies: true });
      // The policy's "last 2", plus the backup pinned in the test above and the recent pre-restore backups.
      const kept = (done.result as { kept: { reasons: string[] }[] }).kept;
      const byRules = kept.filter((k) => !k.reasons.includes("pinned") && !k.reasons.some((r) => r.startsWith("undo of an in-place restore")));
      expect(byRules.length).toBeLessThanOrEqual(2);
    }
    // Disabled: nothing more fires.
    expect(await db().job.count({ where: { kind: "BACKUP", params: { path: ["policyId"], equals: policy.id } } })).toBe(fired.length);
  });

  it("skips a schedule pg-boss refuses, says which, and still syncs the others (drill schedules too)", async () => {
    // Rows saved before today's checks (the form refuses them now); pg-boss's cron parser throws on them.
    const bad = await createPolicy({ sourceId: ids.small, name: "seven fields", cron: "0 0 4 * * 0 *", timezone: "UTC" });
    const good = await createPolicy({ sourceId: ids.small, name: "weekly", cron: "0 4 * * 0", timezone: "UTC", drillCron: "0 5 * * 0" });
    try {
      // The bad row first had an accepted drill schedule: once refused, that one must not keep firing either.
      await updatePolicy(bad.id, { cron: "0 4 * * 1", drillCron: "0 6 * * 1" });
      await workers[0].syncSchedules();
      await updatePolicy(bad.id, { cron: "0 0 4 * * 0 *", drillCron: "0 4 15W * *" });
      await workers[0].syncSchedules();
      const rows = await sql<{ key: string; cron: string }>(meta.current().url, "SELECT key, cron FROM pgboss.schedule WHERE name = 'tidemark-schedules'");
      expect(rows).toEqual(expect.arrayContaining([{ key: `${good.id}.backup`, cron: "0 4 * * 0" }, { key: `${good.id}.drill`, cron: "0 5 * * 0" }]));
      expect(rows.map((r) => r.key)).not.toContain(`${bad.id}.backup`);
      expect(rows.map((r) => r.key)).not.toContain(`${bad.id}.drill`);
      expect(workerLog).toContainEqual(expect.stringContaining(`schedule skipped: policy ${bad.id}: its backup schedule "0 0 4 * * 0 *" (UTC) was not accepted, so it does not run`));
      expect(workerLog).toContainEqual(expect.stringContaining(`schedule skipped: policy ${bad.id}: its drill schedule "0 4 15W * *" (UTC) was not accepted`));
    } finally {
      await updatePolicy(bad.id, { enabled: false });
      await updatePolicy(good.id, { enabled: false });
      await workers[0].syncSchedules();
    }
  });

  it("rebuilds the catalog of a storage target from its repository alone", async () => {
    const source = await db().dataSource.findUniqueOrThrow({ where: { id: ids.small } });
    const before = await db().backupSet.findMany({ where: { sourceId: ids.small }, orderBy: { snapshotId: "asc" }, include: { tables: true } });
    await db().backupSet.deleteMany({ where: { sourceId: ids.small } });
    const result = await rebuildCatalog(source.storageTargetId!);
    expect(result).toMatchObject({ snapshots: before.length, imported: before.length, alreadyKnown: 0, unmatched: {} });
    const after = await db().backupSet.findMany({ where: { sourceId: ids.small }, orderBy: { snapshotId: "asc" }, include: { tables: true } });
    const summary = (sets: typeof before) => sets.map((s) => [s.snapshotId, s.type, s.consistentAt?.toISOString(), s.rowCount, s.tables.map((t) => [t.name, t.rowCount, t.digest])]);
    expect(summary(after)).toEqual(summary(before));
    expect((await rebuildCatalog(source.storageTargetId!)).alreadyKnown).toBe(before.length);
  });

  it("fails a job whose worker stopped sending heartbeats, with the reason", async () => {
    const job = await db().job.create({ data: { kind: "BACKUP", status: "RUNNING", sourceId: ids.small, workerId: "gone-worker", heartbeatAt: new Date(Date.now() - 5 * 60_000) } });
    expect((await failAbandonedJobs(60_000)).map((j) => j.id)).toContain(job.id);
    const failed = await getJob(job.id);
    expect(failed).toMatchObject({ status: "FAILED" });
    expect(failed!.error).toMatch(/gone-worker\) stopped responding/);
  });

  it("a restore handed out again after an interrupted attempt is failed, not re-run, and that attempt's lock is freed", async () => {
    const job = await db().job.create({
      data: { kind: "RESTORE", status: "RUNNING", sourceId: ids.small, params: { backupSetId: "gone-set", mode: "new", database: "tm_never_restored" }, workerId: "killed", heartbeatAt: new Date() },
    });
    const target = (await db().dataSource.findUniqueOrThrow({ where: { id: ids.small } })).storageTargetId!;
    const storage = targetStorage(await storageAccess(target));
    await lockContext.run({ jobId: job.id }, () => acquireLock(storage, "shared", "restore (the cut-off attempt)"));
    await runJob(job.id, "test-runner", { retryCount: 1, signal: new AbortController().signal });
    const done = await getJobWithEvents(job.id);
    expect(done).toMatchObject({ status: "FAILED" });
    expect(done!.error).toMatch(/^An earlier attempt of this restore was interrupted .* not run again/);
    expect((await listLocks(storage)).filter((l) => l.info.jobId === job.id)).toEqual([]);
    expect(done!.events.map((e) => e.message)).toContainEqual(expect.stringMatching(/^An earlier attempt was interrupted: removed the shared lock/));
  });

  it("fails bad input at once without retrying", async () => {
    const job = await startJob({ kind: "VERIFY", params: { backupSetId: "no-such-set" } });
    const done = await waitFor(job.id);
    expect(done).toMatchObject({ status: "FAILED", error: "That backup set no longer exists.", attempts: 1 });
  });
});
