// The small storage interface every backend implements (local directory now, S3-compatible later).
import type { Readable } from "node:stream";

/**
 * Keys are slash-separated relative paths ("config", "data/ab/abcd…", "snapshots/…", "locks/…").
 * Writes are atomic: a reader sees either nothing or the whole object, never a torn one.
 */
export interface Storage {
  /** Human-readable location for messages ("/backups/repo", "s3://bucket/prefix"). */
  readonly location: string;
  /** Writes the whole object atomically. With ifAbsent, fails with StorageExistsError if the key exists. */
  put(key: string, body: Buffer | Readable, options?: { ifAbsent?: boolean }): Promise<void>;
  /** The whole object; throws StorageNotFoundError when absent. */
  get(key: string): Promise<Buffer>;
  /** The object as a stream, for large objects; errors with StorageNotFoundError when absent. */
  getStream(key: string): Readable;
  exists(key: string): Promise<boolean>;
  /** Every key under the prefix (recursively), in no particular order. */
  list(prefix: string): AsyncIterable<string>;
  /** Removes the object; removing an absent key is not an error. */
  delete(key: string): Promise<void>;
}

export class StorageNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`Object ${key} not found`);
    this.name = "StorageNotFoundError";
  }
}

export class StorageExistsError extends Error {
  constructor(readonly key: string) {
    super(`Object ${key} already exists`);
    this.name = "StorageExistsError";
  }
}
