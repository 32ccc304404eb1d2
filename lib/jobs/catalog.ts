// Rebuilds the backup catalog of a storage target from its repository alone: every snapshot found is recorded as a
// backup set of the registered source it came from (matched by its credential-free identity). Disaster recovery of
// the dashboard: with `registerMissingSources`, sources nobody re-registered come back too, without credentials.
import { recordBackupSet } from "../db/backup-sets";
import { backupSetOfSnapshotElsewhere, recordFoundCopy } from "../db/copies";
import { sourceAccess, storageAccess, type StorageTargetAccess } from "../db/source-secrets";
import { Invalid } from "../errors";
import { createSourceIfMissing, listSources } from "../db/sources";
import { sourceOf } from "../engine/connect";
import { RepositoryNotFoundError } from "../repository/errors";
import type { SourceIdentity } from "../repository/manifest";
import { Repository } from "../repository/repository";
import { targetStorage } from "./repository-access";

export interface CatalogImport {
  snapshots: number;
  imported: number;
  alreadyKnown: number;
  /** Snapshots whose backup set already lives in another target: recorded as copies there. */
  copies: number;
  /** Sources created from the repository (they need their credentials before their next backup). */
  registered: string[];
  /** Snapshots of sources not registered here, by identity. */
  unmatched: Record<string, number>;
}

const ENGINE = { postgres: "POSTGRES", mysql: "MYSQL", sqlite: "SQLITE" } as const;

/** A source rebuilt from a manifest: the credential-free identity as its connection, named after its database. */
async function registerFromManifest(source: SourceIdentity, storageTargetId: string): Promise<{ id: string; name: string }> {
  const where = source.identity.replace(/^[a-z]+:(\/\/)?/, "");
  const base = `${source.database.split("/").pop()} (${where})`.slice(0, 120);
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base} #${n}`;
    const { source: row, created } = await createSourceIfMissing({ name, engine: ENGINE[source.engine], url: source.identity, displayTarget: where, storageTargetId });
    if (created) return { id: row.id, name };
    const existing = await sourceAccess(row.id);
    if (sourceOf(existing.url).identity === source.identity) return { id: row.id, name };
  }
}

/** A rebuild only reads: a mistyped location must fail, not leave a new empty repository behind. */
async function openExisting(target: StorageTargetAccess): Promise<Repository> {
  try {
    return await Repository.open(targetStorage(target), target.passphrase);
  } catch (error) {
    if (error instanceof RepositoryNotFoundError) throw new Invalid(`No Tidemark repository at ${target.location}: check the bucket, prefix or path.`);
    throw error;
  }
}

export async function rebuildCatalog(storageTargetId: string, options: { registerMissingSources?: boolean } = {}): Promise<CatalogImport> {
  const storage = await storageAccess(storageTargetId);
  const repo = await openExisting(storage);
  // Every registered source, whatever its own storage target: admins may register sources before the rebuild, and a
  // copy destination is nobody's primary storage.
  const byIdentity = new Map<string, string>();
  for (const { id } of await listSources()) {
    const identity = sourceOf((await sourceAccess(id)).url).identity;
    if (!byIdentity.has(identity)) byIdentity.set(identity, id);
  }
  const result: CatalogImport = { snapshots: 0, imported: 0, alreadyKnown: 0, copies: 0, registered: [], unmatched: {} };
  // Oldest first, so each snapshot's parent is already in the catalog when it is recorded.
  for (const manifest of await repo.listSnapshots()) {
    result.snapshots++;
    // A second destination's repository holds copies of snapshots another target already has as backup sets.
    const primary = await backupSetOfSnapshotElsewhere(manifest.id, storageTargetId);
    if (primary) {
      if (await recordFoundCopy(primary.id, storageTargetId)) result.copies++;
      else result.alreadyKnown++;
      continue;
    }
    let sourceId = byIdentity.get(manifest.source.identity);
    if (!sourceId && options.registerMissingSources) {
      const made = await registerFromManifest(manifest.source, storageTargetId);
      sourceId = made.id;
      byIdentity.set(manifest.source.identity, made.id);
      if (!result.registered.includes(made.name)) result.registered.push(made.name);
    }
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
