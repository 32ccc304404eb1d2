// Rebuilds the backup catalog of a storage target from its repository alone: every snapshot found is recorded as a
// backup set of the registered source it came from (matched by its credential-free identity).
import { recordBackupSet } from "../db/backup-sets";
import { sourceAccess, storageAccess } from "../db/source-secrets";
import { sourceIdsUsingStorage } from "../db/sources";
import { sourceOf } from "../engine/connect";
import { openOrInitRepository } from "./repository-access";

export interface CatalogImport {
  snapshots: number;
  imported: number;
  alreadyKnown: number;
  /** Snapshots of sources not registered here, by identity. */
  unmatched: Record<string, number>;
}

export async function rebuildCatalog(storageTargetId: string): Promise<CatalogImport> {
  const storage = await storageAccess(storageTargetId);
  const repo = await openOrInitRepository(storage);
  const byIdentity = new Map<string, string>();
  for (const id of await sourceIdsUsingStorage(storageTargetId)) {
    const source = await sourceAccess(id);
    byIdentity.set(sourceOf(source.url).identity, id);
  }
  const result: CatalogImport = { snapshots: 0, imported: 0, alreadyKnown: 0, unmatched: {} };
  // Oldest first, so each snapshot's parent is already in the catalog when it is recorded.
  for (const manifest of await repo.listSnapshots()) {
    result.snapshots++;
    const sourceId = byIdentity.get(manifest.source.identity);
    if (!sourceId) {
      result.unmatched[manifest.source.identity] = (result.unmatched[manifest.source.identity] ?? 0) + 1;
      continue;
    }
    const { created } = await recordBackupSet({ sourceId, storageTargetId, manifest, startedAt: new Date(manifest.createdAt) });
    if (created) result.imported++;
    else result.alreadyKnown++;
  }
  return result;
}
