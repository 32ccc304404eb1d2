// The MySQL/MariaDB connector (MySQL 8, MariaDB 10.6+): InnoDB consistent snapshots read with mysql2,
// SHOW CREATE schema capture, restores into a new database or in place by one RENAME TABLE swap.
import type { Connection } from "mysql2/promise";
import type { Connector, DatabaseShape, RestoreTarget, RestoreWriter, ServerInfo, SnapshotReader, TableRef } from "../types";
import { readShape } from "./introspect";
import { openRestore } from "./restore/index";
import { serverInfo } from "./server-info";
import { closeQuietly, connect, parseUrl, urlForDatabase } from "./session";
import { MySnapshotReader } from "./snapshot";

class MysqlConnector implements Connector {
  readonly engine = "mysql" as const;

  constructor(private readonly url: string) {
    parseUrl(url); // validates the URL now, with a message that does not echo it
  }

  private async withConnection<T>(fn: (c: Connection) => Promise<T>): Promise<T> {
    const c = await connect(this.url);
    try {
      return await fn(c);
    } finally {
      await closeQuietly(c);
    }
  }

  test(): Promise<ServerInfo> {
    return this.withConnection(serverInfo);
  }

  introspect(): Promise<DatabaseShape> {
    return this.withConnection((c) => readShape(c));
  }

  openSnapshot(options?: { tables?: TableRef[] }): Promise<SnapshotReader> {
    return MySnapshotReader.open(this.url, options?.tables);
  }

  openRestore(target: RestoreTarget): Promise<RestoreWriter> {
    return openRestore(this.url, target);
  }

  forDatabase(database: string): Connector {
    return new MysqlConnector(urlForDatabase(this.url, database));
  }

  async close(): Promise<void> {
    // Every operation opens and closes its own connections.
  }
}

/** A connector for mysql://user:pass@host:port/db (mariadb:// too). */
export function mysqlConnector(url: string): Connector {
  return new MysqlConnector(url);
}
