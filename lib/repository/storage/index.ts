// A storage backend from a storage target's kind and (decrypted) settings, and the "Test storage" probe.
import { randomBytes } from "node:crypto";
import { LocalStorage } from "./local";
import { S3Storage, type S3Config, type S3Tuning } from "./s3";
import type { Storage } from "./types";

export type StorageKind = "LOCAL" | "S3";
export interface LocalConfig {
  path: string;
}
export type { S3Config };
export type StorageConfig = LocalConfig | S3Config;

const clients = new Map<string, S3Storage>();

/** With `tuning`, a new backend the caller owns (and may destroy); without, a shared one per configuration. */
export function storageFromConfig(kind: StorageKind, config: StorageConfig, tuning?: S3Tuning): Storage {
  if (kind === "LOCAL") {
    const { path } = config as LocalConfig;
    if (!path) throw new Error("A local storage target needs a directory path.");
    return new LocalStorage(path);
  }
  if (kind === "S3") {
    const c = config as S3Config;
    const missing = (["region", "bucket", "accessKeyId", "secretAccessKey"] as const).filter((k) => !c[k]);
    if (missing.length) throw new Error(`An S3 storage target needs ${missing.join(", ")}.`);
    if (tuning) return new S3Storage(c, tuning);
    // One client per bucket and key in a long-running worker: a new one per job would leave its sockets behind.
    const id = JSON.stringify([c.endpoint, c.region, c.bucket, c.prefix, c.accessKeyId, c.secretAccessKey, c.forcePathStyle]);
    let storage = clients.get(id);
    if (!storage) {
      storage = new S3Storage(c);
      clients.set(id, storage);
    }
    return storage;
  }
  throw new Error(`Unknown storage kind ${String(kind)}`);
}

/**
 * Can Tidemark write, list, read back and delete an object there? Runs the same calls a backup makes, on a probe
 * object under `locks/` (which backups ignore), and names the cause when one fails.
 */
export async function checkStorage(kind: StorageKind, config: StorageConfig): Promise<{ ok: true } | { ok: false; error: string }> {
  let storage: Storage;
  try {
    // Two tries, not six: the person waiting for "Test storage" wants the answer, not our patience.
    storage = storageFromConfig(kind, config, { retry: { attempts: 2, baseDelayMs: 200, maxDelayMs: 1_000 } });
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  const key = `locks/probe-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
  const body = Buffer.from("tidemark storage check\n");
  let step = "write a test object";
  try {
    await storage.put(key, body);
    step = "list objects";
    let listed = false;
    for await (const k of storage.list("locks")) if (k === key) listed = true;
    if (!listed) return { ok: false, error: `${storage.location}: a test object was written but does not appear in a listing — the prefix or the server's listing is not usable` };
    step = "read the test object back";
    if (!(await storage.get(key)).equals(body)) return { ok: false, error: `${storage.location}: the test object read back differs from what was written` };
    step = "delete the test object";
    await storage.delete(key);
    return { ok: true };
  } catch (err) {
    const message = (err as Error).message;
    return { ok: false, error: kind === "LOCAL" ? `Cannot ${step} in ${storage.location}: ${message}` : message };
  } finally {
    if (storage instanceof S3Storage) storage.destroy();
  }
}
