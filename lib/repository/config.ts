// The repository's `config` object: format version, repo id, chunker and KDF parameters, and the wrapped master keys.
import { randomBytes } from "node:crypto";
import { DEFAULT_CHUNKER, type ChunkerParams } from "./chunker";
import { deriveKey, importAesKey, newKdfParams, open, seal, type KdfParams } from "./crypto";
import { UnsupportedFormatError, WrongPassphraseError } from "./errors";

export const FORMAT_VERSION = 1;

export interface RepositoryConfig {
  format: "tidemark-repository";
  version: number;
  /** 32 hex characters, random at init. */
  id: string;
  createdAt: string;
  chunker: ChunkerParams;
  kdf: KdfParams;
  /** The master keys (data key ‖ chunk-id key), AES-256-GCM sealed under the passphrase-derived key, base64. */
  keys: string;
}

export interface MasterKeys {
  /** AES-256-GCM key for chunks and manifests. */
  dataKey: Buffer;
  /** HMAC-SHA-256 key for chunk ids. */
  idKey: Buffer;
}

/** The config fields the wrapped keys are bound to: tampering with the chunker or KDF makes unwrapping fail. */
function keysAad(c: Pick<RepositoryConfig, "version" | "id" | "chunker" | "kdf">): Buffer {
  return Buffer.from(JSON.stringify({ version: c.version, id: c.id, chunker: c.chunker, kdf: c.kdf }));
}

/** `keys`: the master keys of another repository, for a copy destination whose objects are byte-identical (copy.ts). */
export async function createConfig(passphrase: string, chunker: ChunkerParams = DEFAULT_CHUNKER, keys: MasterKeys = { dataKey: randomBytes(32), idKey: randomBytes(32) }) {
  const base = { version: FORMAT_VERSION, id: randomBytes(16).toString("hex"), chunker, kdf: newKdfParams() };
  const wrapKey = await importAesKey(await deriveKey(passphrase, base.kdf));
  const sealed = await seal(wrapKey, Buffer.concat([keys.dataKey, keys.idKey]), keysAad(base));
  const config: RepositoryConfig = {
    format: "tidemark-repository",
    ...base,
    createdAt: new Date().toISOString(),
    keys: sealed.toString("base64"),
  };
  return { config, keys };
}

export function parseConfig(raw: Buffer): RepositoryConfig {
  let config: RepositoryConfig;
  try {
    config = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new UnsupportedFormatError("unreadable", FORMAT_VERSION);
  }
  if (config?.format !== "tidemark-repository") throw new UnsupportedFormatError("unknown (not a Tidemark config)", FORMAT_VERSION);
  if (config.version !== FORMAT_VERSION) throw new UnsupportedFormatError(config.version, FORMAT_VERSION);
  return config;
}

export async function unwrapKeys(config: RepositoryConfig, passphrase: string, location: string): Promise<MasterKeys> {
  const wrapKey = await importAesKey(await deriveKey(passphrase, config.kdf));
  const plain = await open(wrapKey, Buffer.from(config.keys, "base64"), keysAad(config));
  if (!plain || plain.length !== 64) throw new WrongPassphraseError(location);
  return { dataKey: plain.subarray(0, 32), idKey: plain.subarray(32) };
}
