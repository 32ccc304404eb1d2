// The data directory (.data): the embedded database, generated secrets and the demo files live here.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Traversable by the embedded server's own user, not listable by others; secrets inside are 0600 files. */
export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o711);
}

/** Reads a secret file, creating it (mode 0600) with a random value on first use. Returns [value, created]. */
export function secretFile(dir: string, name: string, bytes = 32): [string, boolean] {
  const file = path.join(dir, name);
  if (existsSync(file)) return [readFileSync(file, "utf8").trim(), false];
  const value = randomBytes(bytes).toString("base64url");
  writeFileSync(file, `${value}\n`, { mode: 0o600, flag: "wx" });
  return [value, true];
}

export function writePrivateFile(file: string, content: string): void {
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
}
