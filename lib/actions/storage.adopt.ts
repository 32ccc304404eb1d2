// Adding a storage target over a location that already holds a Tidemark repository (a `config` object): it must be
// opened with its own passphrase, never given a new one that could not read it. createStorageAction calls this.
import { Repository } from "../repository/repository";
import { WrongPassphraseError } from "../repository/errors";
import { storageFromConfig, type StorageConfig, type StorageKind } from "../repository/storage/index";
import { Invalid } from "../errors";

export interface ExistingRepository {
  snapshots: number;
}

/**
 * null when the location holds no repository yet (or an S3 bucket cannot be asked now: saving it before it is reachable
 * stays allowed, the first backup creates the repository then). Otherwise checks the typed passphrase opens it.
 */
export async function existingRepository(kind: StorageKind, config: StorageConfig, location: string, passphrase: string): Promise<ExistingRepository | null> {
  const storage = storageFromConfig(kind, config);
  let present: boolean;
  try {
    present = await storage.exists("config");
  } catch (error) {
    if (kind === "S3") return null;
    throw error;
  }
  if (!present) return null;
  if (!passphrase) {
    throw new Invalid(`${location} already holds a Tidemark repository: enter its passphrase to add it (a newly generated one could not open its backups).`, { passphrase: "required" });
  }
  try {
    const repo = await Repository.open(storage, passphrase);
    return { snapshots: (await repo.snapshotIds()).length };
  } catch (error) {
    if (error instanceof WrongPassphraseError) {
      throw new Invalid(`That passphrase does not open the existing repository at ${location}: enter the passphrase it was created with.`, { passphrase: "wrong" });
    }
    throw new Invalid(`${location} holds a repository Tidemark cannot open: ${error instanceof Error ? error.message : String(error)}`, { path: "unreadable" });
  }
}
