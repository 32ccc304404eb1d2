// The snapshot manifest: what one backup contains, sealed (zstd + AES-256-GCM) and written last.
import type { ColumnInfo, EngineKind, SchemaObjects, TableRef } from "../engine/types";
import { compress, decompress, open, seal, type AesKey } from "./crypto";
import { CorruptManifestError, UnsupportedFormatError } from "./errors";

export const MANIFEST_VERSION = 1;
export type BackupType = "full" | "differential" | "incremental";

export interface ChunkRef {
  id: string;
  /** Plaintext bytes. */
  size: number;
  rows: number;
}

export interface TableManifest {
  ref: TableRef;
  columns: ColumnInfo[];
  keyColumns: string[];
  rows: number;
  bytes: number;
  /** SHA-256 (hex) of the table's row bytes, in order: the restore is read back and compared with it. */
  digest: string;
  /** Every chunk of the table in order, whether this backup stored it or found it already present. */
  chunks: ChunkRef[];
}

export interface SourceIdentity {
  /** The connection without credentials, e.g. "postgres://db.example:5432/shop": groups a source's snapshots. */
  identity: string;
  engine: EngineKind;
  database: string;
  serverVersion: string;
}

export interface SnapshotStats {
  chunks: number;
  /** Chunks this backup wrote (full: all; others: the ones missing from their base set). */
  chunksStored: number;
  /** Of those, stored as deltas against a chunk of the parent. */
  deltaChunks: number;
  /** Bytes this backup added to storage (sealed object sizes). */
  bytesStored: number;
  bytesRead: number;
  durationMs: number;
}

export interface Manifest {
  format: "tidemark-snapshot";
  version: number;
  id: string;
  createdAt: string;
  type: BackupType;
  /** The snapshot this one was compared with: the last full (differential) or the previous snapshot (incremental). */
  parent: string | null;
  source: SourceIdentity;
  consistentAt: string;
  position?: string;
  /** Restricted to these tables when the backup was asked for a subset. */
  partial: boolean;
  schema: SchemaObjects;
  tables: TableManifest[];
  stats: SnapshotStats;
  tool: string;
}

export function snapshotKey(id: string): string {
  return `snapshots/${id}`;
}

const HEADER = Buffer.from([MANIFEST_VERSION, 0x4d]); // version, "M"

export async function sealManifest(key: AesKey, m: Manifest): Promise<Buffer> {
  const plain = await compress(Buffer.from(JSON.stringify(m)));
  return seal(key, plain, Buffer.concat([HEADER, Buffer.from(m.id)]), HEADER);
}

export async function openManifest(key: AesKey, id: string, obj: Buffer): Promise<Manifest> {
  if (obj.length >= 2 && obj[1] === 0x4d && obj[0] !== MANIFEST_VERSION) {
    throw new UnsupportedFormatError(obj[0], MANIFEST_VERSION, "snapshot");
  }
  const plain = obj.length > 2 ? await open(key, obj.subarray(2), Buffer.concat([obj.subarray(0, 2), Buffer.from(id)])) : null;
  if (!plain) throw new CorruptManifestError(id);
  const m = JSON.parse((await decompress(plain)).toString("utf8")) as Manifest;
  if (m.version !== MANIFEST_VERSION) throw new UnsupportedFormatError(m.version, MANIFEST_VERSION, "snapshot");
  return m;
}
