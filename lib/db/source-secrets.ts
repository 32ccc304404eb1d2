// The decrypted connection of a source and the passphrase of its storage: only the worker and CLI-side code call this.
import { NotFound } from "../errors";
import type { StorageConfig } from "../repository/storage/index";
import { decryptJson, decryptSecret } from "../secrets";
import { db } from "./client";
import type { StorageTarget } from "./generated/client";

/** A storage target with its backend settings and passphrase decrypted: for the worker only, never the browser. */
export interface StorageTargetAccess {
  id: string;
  name: string;
  kind: "LOCAL" | "S3";
  location: string;
  config: StorageConfig;
  passphrase: string;
}

function targetAccess(t: StorageTarget): StorageTargetAccess {
  return { id: t.id, name: t.name, kind: t.kind, location: t.location, config: decryptJson<StorageConfig>(t.configEnc), passphrase: decryptSecret(t.passphraseEnc) };
}

export interface SourceAccess {
  id: string;
  name: string;
  engine: string;
  url: string;
  storage: StorageTargetAccess | null;
}

export async function sourceAccess(sourceId: string): Promise<SourceAccess> {
  const source = await db().dataSource.findUnique({ where: { id: sourceId }, include: { storageTarget: true } });
  if (!source) throw new NotFound("That data source no longer exists.");
  const { url } = decryptJson<{ url: string }>(source.connectionEnc);
  const t = source.storageTarget;
  return {
    id: source.id,
    name: source.name,
    engine: source.engine,
    url,
    storage: t ? targetAccess(t) : null,
  };
}

export async function storageAccess(storageTargetId: string): Promise<StorageTargetAccess> {
  const t = await db().storageTarget.findUnique({ where: { id: storageTargetId } });
  if (!t) throw new NotFound("That storage target no longer exists.");
  return targetAccess(t);
}
