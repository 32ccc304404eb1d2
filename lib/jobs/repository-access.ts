// Opens the backup repository of a storage target, creating it on first use.
import { Repository } from "../repository/repository";
import { storageFor } from "../repository/open";
import { RepositoryNotFoundError } from "../repository/errors";

export async function openOrInitRepository(location: string, passphrase: string): Promise<Repository> {
  const storage = storageFor(location);
  try {
    return await Repository.open(storage, passphrase);
  } catch (error) {
    if (error instanceof RepositoryNotFoundError) return Repository.init(storage, passphrase);
    throw error;
  }
}
