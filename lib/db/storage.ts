// Storage targets (backup repositories): listing for display; secrets stay encrypted.
import { encryptJson, encryptSecret } from "../secrets";
import { db } from "./client";

export async function listStorageTargets() {
  return db().storageTarget.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, location: true, createdAt: true, _count: { select: { backupSets: true, sources: true } } },
  });
}

export async function createLocalStorageIfMissing(name: string, directory: string, passphrase: string) {
  const existing = await db().storageTarget.findUnique({ where: { name } });
  if (existing) return existing;
  return db().storageTarget.create({
    data: { name, kind: "LOCAL", location: directory, configEnc: encryptJson({ path: directory }), passphraseEnc: encryptSecret(passphrase) },
  });
}
