// The decrypted connection of a source and the passphrase of its storage: only the worker and CLI-side code call this.
import { NotFound } from "../errors";
import { decryptJson, decryptSecret } from "../secrets";
import { db } from "./client";

export interface SourceAccess {
  id: string;
  name: string;
  engine: string;
  url: string;
  storage: { id: string; location: string; passphrase: string } | null;
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
    storage: t ? { id: t.id, location: t.location, passphrase: decryptSecret(t.passphraseEnc) } : null,
  };
}

export async function storageAccess(storageTargetId: string) {
  const t = await db().storageTarget.findUnique({ where: { id: storageTargetId } });
  if (!t) throw new NotFound("That storage target no longer exists.");
  return { id: t.id, location: t.location, passphrase: decryptSecret(t.passphraseEnc) };
}
