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

/** The repository must exist: a missing one is reported, never silently replaced by a new, empty one. */
export async function openExistingRepository(target: RepositoryTarget): Promise<Repository> {
  try {
    return await Repository.open(targetStorage(target), target.passphrase);
  } catch (error) {
    if (!(error instanceof RepositoryNotFoundError)) throw error;
    throw new Invalid(
      `${describe(target)} (its config file is missing): the directory or bucket was moved, unmounted or emptied. ` +
        `Bring it back, or restore from a copy ("Read from" in the restore wizard) if the backup has one.`,
    );
  }
}

/**
 * For a backup: creates the repository on the target's first use. A target the catalog already has backups on is
 * never re-created: an unmounted disk or a wrong bucket would otherwise get a new repository with new keys, and
 * the backups would seem to continue while every earlier one became unreadable from here.
 */
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
  const earlier = await db().backupSet.count({ where: { storageTargetId: target.id } });
  if (earlier > 0) {
    throw new Invalid(
      `${describe(target)} any more, though ${earlier} backup${earlier === 1 ? " was" : "s were"} written to it: the directory or ` +
        `bucket was moved, unmounted or emptied. Bring it back; Tidemark does not start a new repository in its place.`,
    );
  }
  // First use: workers starting their first backups together must not each write a config with its own keys.
  return withStorageInitLock(target.id, () => openOrInit(storage, target.passphrase));
}
