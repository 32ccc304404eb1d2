// Maps a --repo location to a storage backend: local directories now; s3:// URLs fit the same interface later.
import { LocalStorage } from "./storage/local";
import type { Storage } from "./storage/types";
import { RepositoryError } from "./errors";

export function storageFor(location: string): Storage {
  if (/^s3:\/\//i.test(location)) throw new RepositoryError(`S3 repositories (${location}) are not supported yet: use a local directory`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) throw new RepositoryError(`Unsupported repository location ${location}`);
  return new LocalStorage(location);
}
