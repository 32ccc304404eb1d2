// Opens the backup repository of a storage target (local directory or S3), creating it on first use.
import type { StorageTargetAccess } from "../db/source-secrets";
import { Repository } from "../repository/repository";
import { storageFor } from "../repository/open";
import { storageFromConfig } from "../repository/storage/index";
import { RepositoryNotFoundError } from "../repository/errors";
import type { Storage } from "../repository/storage/types";

/** What opening needs from a storage target: its kind and decrypted settings (lib/db/source-secrets.ts). */
export type RepositoryTarget = Pick<StorageTargetAccess, "kind" | "config" | "passphrase">;

export function targetStorage(target: Pick<StorageTargetAccess, "kind" | "config">): Storage {
  return storageFromConfig(target.kind, target.config);
}

/** A storage target as the worker sees it; a plain directory (with its passphrase) for scripts and tests. */
export async function openOrInitRepository(target: RepositoryTarget): Promise<Repository>;
export async function openOrInitRepository(directory: string, passphrase: string): Promise<Repository>;
export async function openOrInitRepository(target: RepositoryTarget | string, passphrase?: string): Promise<Repository> {
  const storage = typeof target === "string" ? storageFor(target) : targetStorage(target);
  const secret = typeof target === "string" ? passphrase! : target.passphrase;
  try {
    return await Repository.open(storage, secret);
  } catch (error) {
    if (error instanceof RepositoryNotFoundError) return Repository.init(storage, secret);
    throw error;
  }
}
