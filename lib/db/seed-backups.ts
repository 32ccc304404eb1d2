// Seeded catalog rows for speed checks: a "seed-N" source whose backup sets, tables and jobs are invented (no
// snapshot exists in any repository). Never used by the app itself; scripts/seed-backups.ts calls it.
import { randomBytes } from "node:crypto";
import { Conflict } from "../errors";
import { decryptJson, encryptJson, encryptSecret } from "../secrets";
import { db } from "./client";
import type { Prisma } from "./generated/client";

const TABLES = ["public.orders", "public.order_items", "public.customers", "public.products", "public.payments", "public.audit_log"];
const HOUR = 3600_000;

/** Deterministic pseudo-random numbers so two seeds of the same size look the same. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A source the seed made: demo-marked, pointing at a never-resolving *.invalid host, on the seed's own /tmp target. */
function isSeedSource(source: { demo: boolean; connectionEnc: string; storageTargetId: string | null }, seedStorageId: string | undefined): boolean {
  if (!source.demo || !seedStorageId || source.storageTargetId !== seedStorageId) return false;
  try {
    const { url } = decryptJson<{ url: string }>(source.connectionEnc);
    return new URL(url).hostname.endsWith(".invalid");
  } catch {
    return false;
  }
}

export interface SeedResult {
  sourceId: string;
  storageTargetId: string;
  backupSets: number;
  tables: number;
  jobs: number;
  from: Date;
  to: Date;
}

export async function seedBackups(count: number, opts: { name?: string; now?: Date; years?: number } = {}): Promise<SeedResult> {
  const name = opts.name ?? `seed-${count}`;
  const now = opts.now ?? new Date();
  const span = (opts.years ?? 2) * 365 * 24 * HOUR;
  const client = db();
  const repoDir = `/tmp/tidemark-${name}-repo`;
  const seedUrl = "postgres://seed@seed.invalid:5432/seed";
  // Re-seeding wipes the source's catalog: only ever adopt rows this function made, never a real source or target
  // that happens to carry the name.
  const existingStorage = await client.storageTarget.findUnique({ where: { name: `${name} storage` } });
  if (existingStorage && (existingStorage.kind !== "LOCAL" || existingStorage.location !== repoDir)) {
    throw new Conflict(`A storage target named "${name} storage" exists at ${existingStorage.location} and was not made by the seed script: rename it or seed under another --name.`);
  }
  const existingSource = await client.dataSource.findUnique({ where: { name } });
  if (existingSource && !isSeedSource(existingSource, existingStorage?.id)) {
    throw new Conflict(`A data source named "${name}" exists and is not a seeded one (demo, host *.invalid, on "${name} storage" in ${repoDir}): seeding would delete its backups from the catalog. Rename it or seed under another --name.`);
  }
  const storage =
    existingStorage ??
    (await client.storageTarget.create({
      data: { name: `${name} storage`, kind: "LOCAL", location: repoDir, configEnc: encryptJson({ path: repoDir }), passphraseEnc: encryptSecret(randomBytes(24).toString("base64url")) },
    }));
  // An unreachable host (.invalid never resolves): nothing can back this source up by mistake.
  const source =
    existingSource ??
    (await client.dataSource.create({
      data: { name, engine: "POSTGRES", connectionEnc: encryptJson({ url: seedUrl }), displayTarget: "seed.invalid:5432/seed (seeded rows, not real backups)", demo: true, storageTargetId: storage.id },
    }));
  await client.backupSet.deleteMany({ where: { sourceId: source.id } });
  await client.job.deleteMany({ where: { sourceId: source.id } });
  if (!(await client.policy.count({ where: { sourceId: source.id } }))) {
    // Paused: the worker must never schedule backups of a seeded source.
    await client.policy.create({ data: { sourceId: source.id, name: "Seeded nightly (paused)", enabled: false, cron: "0 2 * * *", backupType: "INCREMENTAL", retention: { daily: 7, weekly: 4, monthly: 12 } } });
  }

  const rand = rng(count);
  const step = span / count;
  const from = new Date(now.getTime() - span);
  const sets: Prisma.BackupSetCreateManyInput[] = [];
  const tables: Prisma.BackupTableCreateManyInput[] = [];
  const jobs: Prisma.JobCreateManyInput[] = [];
  let lastFullId: string | null = null;
  let logical = 2 * 1024 ** 3;
  for (let i = 0; i < count; i++) {
    const at = new Date(from.getTime() + i * step + rand() * step * 0.3);
    const type = i % 40 === 0 ? "FULL" : i % 8 === 0 ? "DIFFERENTIAL" : "INCREMENTAL";
    logical = Math.round(logical * (1 + rand() * 0.0006));
    const stored = Math.round(type === "FULL" ? logical * 0.38 : logical * (type === "DIFFERENTIAL" ? 0.05 : 0.012) * (0.5 + rand()));
    const r = rand();
    const verification = r < 0.003 ? "FAILED" : r < 0.87 ? "VERIFIED" : "UNVERIFIED";
    const id = `seed${String(i).padStart(7, "0")}${randomBytes(4).toString("hex")}`;
    const jobId = `seedjob${String(i).padStart(7, "0")}${randomBytes(3).toString("hex")}`;
    const durationMs = Math.round((type === "FULL" ? 600_000 : 60_000) * (0.7 + rand()));
    const rows = Math.round(logical / 180);
    sets.push({
      id, sourceId: source.id, storageTargetId: storage.id, snapshotId: `seed-${i.toString(16).padStart(8, "0")}`, type, status: "COMPLETED",
      parentId: type === "FULL" ? null : lastFullId, consistentAt: at, startedAt: at, finishedAt: new Date(at.getTime() + durationMs), durationMs,
      logicalBytes: BigInt(logical), storedBytes: BigInt(stored), rowCount: BigInt(rows), tableCount: TABLES.length, verification,
      verifiedAt: verification === "UNVERIFIED" ? null : new Date(at.getTime() + durationMs), jobId, createdAt: at,
    });
    if (type === "FULL") lastFullId = id;
    TABLES.forEach((t, k) => {
      const [schemaName, tname] = t.split(".");
      tables.push({ backupSetId: id, schemaName, name: tname, rowCount: BigInt(Math.round(rows / (k + 2))), bytes: BigInt(Math.round(logical / (k + 2))), chunkCount: 1 + Math.round(logical / (k + 2) / 1048576), digest: randomBytes(16).toString("hex"), changed: type === "FULL" || rand() < 0.4 });
    });
    jobs.push({ id: jobId, kind: "BACKUP", status: "SUCCEEDED", sourceId: source.id, params: { type: type.toLowerCase(), seeded: true }, result: { backupSetId: id, seeded: true }, createdAt: at, startedAt: at, finishedAt: new Date(at.getTime() + durationMs), progress: { phase: "done", rowsDone: rows, rowsTotal: rows, bytesDone: logical, bytesTotal: logical } });
    // About 1 % of runs fail (no backup set): they show as ✕ on the timeline and in the success rates.
    if (rand() < 0.01) {
      const failedAt = new Date(at.getTime() + step * 0.5);
      jobs.push({ kind: "BACKUP", status: "FAILED", sourceId: source.id, params: { type: "incremental", seeded: true }, error: "Cannot connect to seed.invalid:5432: connection refused — is PostgreSQL running? (seeded failure)", createdAt: failedAt, startedAt: failedAt, finishedAt: new Date(failedAt.getTime() + 5000) });
    }
  }
  for (let i = 0; i < sets.length; i += 1000) await client.backupSet.createMany({ data: sets.slice(i, i + 1000) });
  for (let i = 0; i < tables.length; i += 5000) await client.backupTable.createMany({ data: tables.slice(i, i + 5000) });
  for (let i = 0; i < jobs.length; i += 2000) await client.job.createMany({ data: jobs.slice(i, i + 2000) });
  return { sourceId: source.id, storageTargetId: storage.id, backupSets: sets.length, tables: tables.length, jobs: jobs.length, from, to: now };
}
