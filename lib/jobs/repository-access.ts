// Opens the backup repository of a storage target (local directory or S3). Only a backup may create it, on a target's
// first use; everything that reads (restores, previews, diffs, drills, verification, prunes) needs it to exist.
import { db } from "../db/client";
import type { StorageTargetAccess } from "../db/source-secrets";
import { withStorageInitLock } from "../db/storage-init-lock";
import { Invalid } from "../errors";
import { Repository } from "../repository/repository";
import { storageFor } from "../repository/open";
import { storageFromConfig } from "../repository/storage/index";
import { RepositoryNotFoundError } from "../repository/errors";
import type { Storage } from "../repository/storage/types";

/** What opening needs from a storage target: its kind and decrypted settings (lib/db/source-secrets.ts). */
export type RepositoryTarget = Pick<StorageTargetAccess, "kind" | "config" | "passphrase"> & Partial<Pick<StorageTargetAccess, "id" | "name" | "location">>;

export function targetStorage(target: Pick<StorageTargetAccess, "kind" | "config">): Storage {
  return storageFromConfig(target.kind, target.config);
}

async function openOrInit(storage: Storage, passphrase: string): Promise<Repository> {
  try {
    return await Repository.open(storage, passphrase);
  } catch (error) {
    if (error instanceof RepositoryNotFoundError) return Repository.init(storage, passphrase);
    throw error;
  }
}

function describe(target: RepositoryTarget): string {
  return `Storage target ${target.name ? `"${target.name}" ` : ""}holds no Tidemark repository${target.location ? ` at ${target.location}` : ""}`;
}

/** Backups written to the target and completed copies kept there, as the catalog remembers them. */
async function catalogUse(storageTargetId: string): Promise<{ backups: number; copies: number }> {
  const [backups, copies] = await Promise.all([
    db().backupSet.count({ where: { storageTargetId } }),
    db().backupCopy.count({ where: { storageTargetId, status: "COMPLETED" } }),
  ]);
  return { backups, copies };
}

function usedFor(use: { backups: number; copies: number }): string {
  const parts = [
    use.backups ? `${use.backups} backup${use.backups === 1 ? " was" : "s were"} written to it` : "",
    use.copies ? `${use.copies} cop${use.copies === 1 ? "y is" : "ies are"} kept there` : "",
  ].filter(Boolean);
  return parts.join(" and ");
}

/** What a restore or a restore preview can do when the storage a backup was written to is gone. */
export const READ_FROM_COPY_HINT = 'If the backup has a copy, read it from there ("Read from" in the restore wizard).';

/**
 * The repository must exist: a missing one is reported, never silently replaced by a new, empty one.
 * `hint` says what the reader can do instead (a restore: read from a copy).
 */
export async function openExistingRepository(target: RepositoryTarget, hint = ""): Promise<Repository> {
  try {
    return await Repository.open(targetStorage(target), target.passphrase);
  } catch (error) {
    if (!(error instanceof RepositoryNotFoundError)) throw error;
    const use = target.id ? await catalogUse(target.id) : { backups: 1, copies: 0 };
    if (!use.backups && !use.copies) throw new Invalid(`${describe(target)} yet: no backup has been written to it.`);
    throw new Invalid(`${describe(target)} any more (its config file is missing): the directory or bucket was moved, unmounted or emptied. Bring it back.${hint ? ` ${hint}` : ""}`);
  }
}

/**
 * Refuses to start a repository where the catalog says one was: an unmounted disk or a wrong bucket would otherwise
 * get a new repository with new keys, and writing would seem to continue while everything earlier became
 * unreadable from here. Returns quietly when the repository is there or the target was never used.
 */
export async function refuseToRecreate(target: RepositoryTarget & { id: string }, lostForGood: string): Promise<void> {
  if (await targetStorage(target).exists("config")) return;
  const use = await catalogUse(target.id);
  if (!use.backups && !use.copies) return;
  throw new Invalid(
    `${describe(target)} any more, though ${usedFor(use)}: the directory or bucket was moved, unmounted or emptied. ` +
      `Bring it back; Tidemark does not start a new repository in its place. ${lostForGood}`,
  );
}

/** For a backup: creates the repository on the target's first use, never where the catalog says one was. */
export async function openOrInitRepository(target: RepositoryTarget): Promise<Repository>;
export async function openOrInitRepository(directory: string, passphrase: string): Promise<Repository>;
export async function openOrInitRepository(target: RepositoryTarget | string, passphrase?: string): Promise<Repository> {
  if (typeof target === "string") return openOrInit(storageFor(target), passphrase!);
  const storage = targetStorage(target);
  try {
    return await Repository.open(storage, target.passphrase);
  } catch (error) {
    if (!(error instanceof RepositoryNotFoundError)) throw error;
  }
  if (!target.id) return openOrInit(storage, target.passphrase);
  await refuseToRecreate({ ...target, id: target.id }, "If it is lost for good, give the source another storage target on its Edit page.");
  // First use: workers starting their first backups together must not each write a config with its own keys.
  return withStorageInitLock(target.id, () => openOrInit(storage, target.passphrase));
}
