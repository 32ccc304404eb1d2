// Keys and primitives: scrypt key derivation, AES-256-GCM and HMAC-SHA-256 through node:crypto, zstd through node:zlib.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scrypt as scryptCb } from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { noteNativeWork } from "./native-memory";

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

export interface KdfParams {
  algorithm: "scrypt";
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
}

export function newKdfParams(): KdfParams {
  return { algorithm: "scrypt", N: 2 ** 15, r: 8, p: 1, salt: randomBytes(16).toString("base64") };
}

export async function deriveKey(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  if (kdf.algorithm !== "scrypt") throw new Error(`Unknown KDF ${kdf.algorithm}`);
  return scrypt(passphrase, Buffer.from(kdf.salt, "base64"), 32, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.N * kdf.r + (32 << 20),
  });
}

/**
 * AES-256-GCM runs synchronously through node:crypto: it sees only compressed bytes (≈ 0.4 MB per chunk) at
 * ≈ 3 GB/s, ~0.15 ms per chunk, less than WebCrypto's copy in, copy out and thread hop would cost.
 */
export interface AesKey {
  readonly raw: Buffer;
}
export interface HmacKey {
  readonly raw: Buffer;
}

export async function importAesKey(raw: Buffer): Promise<AesKey> {
  if (raw.length !== 32) throw new Error("AES-256 needs a 32-byte key");
  return { raw: Buffer.from(raw) };
}

/**
 * HMAC runs synchronously through node:crypto (SHA-NI, ≈ 2 GB/s: ≈ 0.5 ms per 1 MiB chunk). WebCrypto's
 * `subtle.sign` hashed on the libuv pool but first copied every plaintext byte into a new ArrayBuffer on the
 * main thread: that copy and the garbage it left cost the main thread more than hashing in place.
 */
export async function importHmacKey(raw: Buffer): Promise<HmacKey> {
  if (raw.length !== 32) throw new Error("HMAC-SHA-256 id key must be 32 bytes");
  return { raw: Buffer.from(raw) };
}

/** prefix ‖ nonce ‖ ciphertext ‖ tag, in one allocation. */
export async function seal(key: AesKey, plain: Uint8Array, aad: Uint8Array, prefix?: Uint8Array): Promise<Buffer> {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.raw, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = cipher.update(plain);
  const tail = cipher.final();
  return Buffer.concat([...(prefix ? [prefix] : []), nonce, body, tail, cipher.getAuthTag()]);
}

/** Returns null when authentication fails: callers turn that into the error that fits (wrong passphrase, corrupt chunk). */
export async function open(key: AesKey, box: Uint8Array, aad: Uint8Array): Promise<Buffer | null> {
  if (box.length < NONCE_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.raw, box.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(box.subarray(box.length - TAG_BYTES));
    const body = decipher.update(box.subarray(NONCE_BYTES, box.length - TAG_BYTES));
    const tail = decipher.final();
    return tail.length ? Buffer.concat([body, tail]) : body;
  } catch {
    return null;
  }
}

export function hmacHex(key: HmacKey, data: Uint8Array): string {
  return createHmac("sha256", key.raw).update(data).digest("hex");
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

const P = zlib.constants;
type ZstdFn = (buf: Uint8Array, opts: zlib.ZstdOptions) => Promise<Buffer>;
// node:zlib has zstd from Node 23.8/22.15 (dictionaries from 24.6): fail with a clear message, not at import.
function needZstd(fn: unknown): ZstdFn {
  if (typeof fn !== "function") {
    return () => Promise.reject(new Error(`Tidemark needs Node 24 or newer for zstd (running ${process.version}): use bin/tidemark.js or npm run tidemark`));
  }
  return promisify(fn as never) as ZstdFn;
}
const zstdCompress = needZstd(zlib.zstdCompress);
const zstdDecompress = needZstd(zlib.zstdDecompress);

export const ZSTD_LEVEL = 1;
// The async one-shot API hops back to the main thread once per `chunkSize` of output (16 KiB by default):
// sizing it to the whole result makes one hop per chunk instead of dozens.
const outputSize = (n: number) => Math.max(64 << 10, n + (n >> 3) + 1024);
// Row data compresses ≈ 3:1: half the input holds the frame in one hop without allocating 1.1× the input.
const compressedSize = (n: number) => Math.max(64 << 10, (n >> 1) + (64 << 10));

export async function compress(plain: Uint8Array): Promise<Buffer> {
  const out = await zstdCompress(plain, { chunkSize: compressedSize(plain.length), params: { [P.ZSTD_c_compressionLevel]: ZSTD_LEVEL } });
  noteNativeWork(plain.length);
  return out;
}

/** `sizeHint`: the expected plaintext size, when known (manifests record it). */
/** `sizeHint`: the expected output size, when known. */
export async function decompress(frame: Uint8Array, sizeHint = 1 << 20): Promise<Buffer> {
  const out = await zstdDecompress(frame, { chunkSize: outputSize(sizeHint) });
  noteNativeWork(out.length);
  return out;
}
