// Opens the backup repository of a storage target (local directory or S3), creating it on first use.
import type { StorageTargetAccess } from "../db/source-secrets";
import { withStorageInitLock } from "../db/storage-init-lock";
import { Repository } from "../repository/repository";
import { storageFor } from "../repository/open";
import { storageFromConfig } from "../repository/storage/index";
import { RepositoryNotFoundError } from "../repository/errors";
import type { Storage } from "../repository/storage/types";

/** What opening needs from a storage target: its kind and decrypted settings (lib/db/source-secrets.ts). */
export type RepositoryTarget = Pick<StorageTargetAccess, "kind" | "config" | "passphrase"> & { id?: string };

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

/** A storage target as the worker sees it; a plain directory (with its passphrase) for scripts and tests. */
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
  // First use: workers starting their first backups together must not each write a config with its own keys.
  if (!target.id) return openOrInit(storage, target.passphrase);
  return withStorageInitLock(target.id, () => openOrInit(storage, target.passphrase));
}
