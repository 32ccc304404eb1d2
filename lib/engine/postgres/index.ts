// The PostgreSQL connector (12+): consistent snapshots read with COPY, full-fidelity schema from the catalogs,
// restores into a new database (parallel) or in place (one transaction).
import type { Connector, DatabaseShape, RestoreTarget, RestoreWriter, ServerInfo, SnapshotReader, TableRef } from "../types";
import { readShape } from "./introspect";
import { openRestore } from "./restore";
import { serverInfo } from "./server-info";
import { closeQuietly, connect, describeUrl, urlForDatabase } from "./session";
import { PgSnapshotReader } from "./snapshot";

class PostgresConnector implements Connector {
  readonly engine = "postgres" as const;

  constructor(private readonly url: string) {
    describeUrl(url); // validates the URL now, with a message that does not echo it
  }

  private async withClient<T>(fn: (c: Awaited<ReturnType<typeof connect>>) => Promise<T>): Promise<T> {
    const c = await connect(this.url);
    try {
      return await fn(c);
    } finally {
      await closeQuietly(c);
    }
  }

  test(): Promise<ServerInfo> {
    return this.withClient(serverInfo);
  }

  introspect(): Promise<DatabaseShape> {
    return this.withClient((c) => readShape(c));
  }

  openSnapshot(options?: { tables?: TableRef[] }): Promise<SnapshotReader> {
    return PgSnapshotReader.open(this.url, options?.tables);
  }

  openRestore(target: RestoreTarget): Promise<RestoreWriter> {
    return openRestore(this.url, target);
  }

  forDatabase(database: string): Connector {
    return new PostgresConnector(urlForDatabase(this.url, database));
  }

  async close(): Promise<void> {
    // Every operation opens and closes its own connections; nothing is pooled at connector level.
  }
}

/**
 * A connector for postgres://user:pass@host:port/db.
 *
 * Usage notes for orchestrators: read two or three tables at once from one SnapshotReader (each rows()
 * stream gets its own connection on the shared snapshot, up to 3); in "new" mode writeRows() may also be
 * called for several tables at once (up to 3 connections, big tables split over two), while "replace"
 * queues them on its single transaction. After any failure call abort().
 */
export function postgresConnector(url: string): Connector {
  return new PostgresConnector(url);
}
