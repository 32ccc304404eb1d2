// Error classes for the repository: each names its cause so the CLI and the job log can say what went wrong.

/** Base class: every repository failure a user can act on. */
export class RepositoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class RepositoryNotFoundError extends RepositoryError {
  constructor(readonly location: string) {
    super(`No Tidemark repository at ${location} (missing config) — create one with \`tidemark repo init --repo ${location}\``);
  }
}

export class RepositoryExistsError extends RepositoryError {
  constructor(readonly location: string) {
    super(`A Tidemark repository already exists at ${location}`);
  }
}

export class WrongPassphraseError extends RepositoryError {
  constructor(readonly location: string) {
    super(`Wrong passphrase for the repository at ${location}`);
  }
}

export class UnsupportedFormatError extends RepositoryError {
  constructor(readonly found: unknown, readonly supported: number, what = "repository") {
    super(
      `Unsupported ${what} format version ${String(found)}: this Tidemark reads version ${supported} — upgrade Tidemark to open it`,
    );
  }
}

/** Where a chunk was needed: lets the message name the snapshot and table, not only the chunk id. */
export interface ChunkContext {
  snapshot?: string;
  table?: string;
}

function where(ctx: ChunkContext | undefined): string {
  const parts: string[] = [];
  if (ctx?.snapshot) parts.push(`snapshot ${ctx.snapshot}`);
  if (ctx?.table) parts.push(`table ${ctx.table}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

export class MissingChunkError extends RepositoryError {
  constructor(
    readonly chunkId: string,
    readonly context?: ChunkContext,
  ) {
    super(`Missing chunk ${chunkId}${where(context)}: the repository has lost data this snapshot needs`);
  }
}

export class CorruptChunkError extends RepositoryError {
  constructor(
    readonly chunkId: string,
    readonly context?: ChunkContext,
    readonly detail = "authentication failed (the stored bytes were altered)",
  ) {
    super(`Corrupted chunk ${chunkId}${where(context)}: ${detail}`);
  }
}

export class SnapshotNotFoundError extends RepositoryError {
  constructor(readonly snapshot: string) {
    super(`No snapshot ${snapshot} in the repository (list them with \`tidemark snapshots\`)`);
  }
}

export class AmbiguousSnapshotError extends RepositoryError {
  constructor(readonly prefix: string, candidates: string[]) {
    super(`Snapshot prefix ${prefix} matches ${candidates.length} snapshots (${candidates.slice(0, 4).join(", ")}…): give more characters`);
  }
}

export class CorruptManifestError extends RepositoryError {
  constructor(readonly snapshot: string) {
    super(`Snapshot ${snapshot} is corrupted: its manifest fails authentication`);
  }
}

export class RepositoryLockedError extends RepositoryError {
  constructor(
    message: string,
    /** Whether the conflicting holder is still running (worth waiting for) rather than dead or stale. */
    readonly holderAlive = false,
  ) {
    super(message);
  }
}
