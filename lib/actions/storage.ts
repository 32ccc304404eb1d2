"use server";
// Admins add storage targets (the passphrase is shown once), test them, and start verify and prune jobs on them.
import { randomBytes } from "node:crypto";
import { posix } from "node:path";
import { revalidatePath } from "next/cache";
import { backupSetsDueForVerify, createStorageTarget, getStorageTarget, storageAtLocation, storageNameTaken } from "../db/storage";
import { Conflict, Invalid, NotFound } from "../errors";
import { startJob } from "../jobs/enqueue";
import { checkStorage, type StorageConfig } from "../repository/storage/index";
import { adminAction } from "./client";
import { existingRepository } from "./storage.adopt";
import { createStorageInput, pruneStorageInput, storageJobInput, testStorageInput, type StorageFields } from "./storage.schema";

/** What the backend gets (the SCALE contract's shape) and the location people read. */
function backendOf(t: StorageFields): { location: string; config: StorageConfig } {
  if (t.kind === "LOCAL") {
    const path = posix.normalize(t.path).replace(/\/+$/, "") || "/";
    return { location: path, config: { path } };
  }
  const prefix = t.prefix.replace(/\/+$/, "");
  return {
    location: `s3://${t.bucket}${prefix ? `/${prefix}` : ""}`,
    config: { ...(t.endpoint ? { endpoint: t.endpoint } : {}), region: t.region, bucket: t.bucket, ...(prefix ? { prefix } : {}), accessKeyId: t.accessKeyId, secretAccessKey: t.secretAccessKey, forcePathStyle: t.forcePathStyle },
  };
}

export const testStorageAction = adminAction(testStorageInput, async ({ input, audit }) => {
  const { location, config } = backendOf(input.target);
  const result = await checkStorage(input.target.kind, config);
  await audit({ action: "storage.tested", targetType: "storage", details: { location, ok: result.ok } });
  if (!result.ok) throw new Invalid(result.error);
  return { location };
});

/** Creates the target; the returned passphrase is the only time anyone sees it. */
export const createStorageAction = adminAction(createStorageInput, async ({ input, audit }) => {
  if (await storageNameTaken(input.name)) throw new Conflict(`A storage target named "${input.name}" already exists: choose another name.`);
  const { location, config } = backendOf(input.target);
  const sameLocation = await storageAtLocation(location);
  if (sameLocation) throw new Conflict(`${location} is already the storage target "${sameLocation.name}": two targets on one repository would prune each other's chunks. Use that one.`);
  // A local directory is checked before saving (a typo would only show at the first backup); an S3 target may be saved
  // before its bucket is reachable, with "Test storage" naming what is wrong.
  if (input.target.kind === "LOCAL") {
    const check = await checkStorage("LOCAL", config);
    if (!check.ok) throw new Invalid(check.error, { path: "unusable" });
  }
  const existing = await existingRepository(input.target.kind, config, location, input.passphrase);
  const passphrase = input.passphrase || randomBytes(24).toString("base64url");
  const target = await createStorageTarget({ name: input.name, kind: input.target.kind, location, config, passphrase });
  await audit({ action: "storage.created", targetType: "storage", targetId: target.id, details: { name: target.name, kind: input.target.kind, location, passphraseGenerated: !input.passphrase, adoptedSnapshots: existing?.snapshots ?? null } });
  revalidatePath("/storage");
  const adopted = existing
    ? `Existing repository with ${existing.snapshots} snapshot${existing.snapshots === 1 ? "" : "s"} adopted; run catalog rebuild (npm run catalog:rebuild -- --storage "${target.name}") to list its backups.`
    : null;
  return { id: target.id, name: target.name, location, passphrase, generated: !input.passphrase, adopted };
});

const VERIFY_PER_CLICK = 20;

export const verifyStorageAction = adminAction(storageJobInput, async ({ user, input, audit }) => {
  const target = await getStorageTarget(input.id);
  if (!target) throw new NotFound("That storage target no longer exists.");
  const due = await backupSetsDueForVerify(target.id, VERIFY_PER_CLICK);
  if (!due.rows.length) return { queued: 0, remaining: 0, jobIds: [] as string[] };
  const jobIds: string[] = [];
  for (const set of due.rows) jobIds.push((await startJob({ kind: "VERIFY", sourceId: set.sourceId, requestedById: user.id, params: { backupSetId: set.id } })).id);
  await audit({ action: "storage.verify_requested", targetType: "storage", targetId: target.id, details: { name: target.name, backupSets: jobIds.length } });
  revalidatePath("/jobs");
  return { queued: jobIds.length, remaining: due.total - jobIds.length, jobIds };
});

export const pruneStorageAction = adminAction(pruneStorageInput, async ({ user, input, audit }) => {
  const target = await getStorageTarget(input.id);
  if (!target) throw new NotFound("That storage target no longer exists.");
  if (input.confirmName !== target.name) throw new Invalid(`Type the target's name exactly ("${target.name}") to prune it.`, { confirmName: "mismatch" });
  // A whole-target prune: forgets no snapshot and removes only chunks no snapshot in the repository references, so it
  // also frees copy destinations and targets whose sources were deleted (their snapshots stay until forgotten).
  const job = await startJob({ kind: "PRUNE", sourceId: null, requestedById: user.id, params: { storageTargetId: target.id } });
  await audit({ action: "storage.prune_requested", targetType: "storage", targetId: target.id, details: { name: target.name, jobId: job.id } });
  revalidatePath("/jobs");
  return { jobId: job.id };
});
