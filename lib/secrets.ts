// AES-256-GCM encryption of secrets at rest (source credentials, passphrases, webhook URLs), keyed by TIDEMARK_SECRET.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { tidemarkSecret } from "./env";

const VERSION = "v1";
let cachedKey: { secret: string; key: Buffer } | undefined;

function key(secret = tidemarkSecret()): Buffer {
  if (cachedKey?.secret === secret) return cachedKey.key;
  const derived = Buffer.from(hkdfSync("sha256", secret, "tidemark", "secrets-at-rest v1", 32));
  cachedKey = { secret, key: derived };
  return derived;
}

/** "v1:<base64 iv|tag|ciphertext>" */
export function encryptSecret(plaintext: string, secret?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function decryptSecret(sealed: string, secret?: string): string {
  const [version, payload] = sealed.split(":", 2);
  if (version !== VERSION || !payload) throw new Error("Stored secret has an unknown format.");
  const raw = Buffer.from(payload, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("Cannot decrypt a stored secret: TIDEMARK_SECRET differs from the one it was encrypted with.");
  }
}

export function encryptJson(value: unknown, secret?: string): string {
  return encryptSecret(JSON.stringify(value), secret);
}

export function decryptJson<T>(sealed: string, secret?: string): T {
  return JSON.parse(decryptSecret(sealed, secret)) as T;
}
