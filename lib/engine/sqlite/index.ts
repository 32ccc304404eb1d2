// The SQLite connector (node:sqlite): a read transaction as the snapshot, schema from sqlite_schema,
// restores that write a complete new file and rename it into place, or replace chosen tables inside the live file.
import fs from "node:fs";
import type { Connector, DatabaseShape, RestoreTarget, RestoreWriter, ServerInfo, SnapshotReader, TableRef } from "../types";
import { fileOf, openDatabase, readTables } from "./database";
import { FileRestore } from "./restore";
import { LiteSnapshotReader } from "./snapshot";

class SqliteConnector implements Connector {
  readonly engine = "sqlite" as const;
  private readonly file: string;

  constructor(url: string) {
    this.file = fileOf(url);
  }

  private mustExist(): void {
    if (!fs.existsSync(this.file)) throw new Error(`SQLite database ${this.file} does not exist`);
  }

  async test(): Promise<ServerInfo> {
    this.mustExist();
    const db = openDatabase(this.file, true);
    try {
      const version = (db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v;
      const tables = readTables(db);
      const warnings: string[] = [];
      const journal = String(Object.values(db.prepare("PRAGMA journal_mode").get() as object)[0]);
      if (journal !== "wal") warnings.push(`journal_mode is ${journal}: writers wait while a backup reads (WAL mode lets them carry on)`);
      return { engine: "sqlite", version: `SQLite ${version}`, database: this.file, sizeBytes: fs.statSync(this.file).size, missingPrivileges: [], warnings: tables.length ? warnings : [...warnings, "The database has no tables"] };
    } finally {
      db.close();
    }
  }

  async introspect(): Promise<DatabaseShape> {
    this.mustExist();
    const db = openDatabase(this.file, true);
    try {
      return { database: this.file, tables: readTables(db) };
    } finally {
      db.close();
    }
  }

  async openSnapshot(options?: { tables?: TableRef[] }): Promise<SnapshotReader> {
    this.mustExist();
    return LiteSnapshotReader.open(this.file, options?.tables);
  }

  async openRestore(target: RestoreTarget): Promise<RestoreWriter> {
    const file = target.database ?? this.file;
    if (target.mode === "new") {
      if (target.tables) throw new Error("A restore into a new file restores every table; choose tables only when replacing");
      if (fs.existsSync(file)) throw new Error(`${file} already exists — choose another file or restore in place`);
    } else if (!fs.existsSync(file)) {
      throw new Error(`${file} does not exist — restore into a new file instead`);
    }
    return new FileRestore(file, target);
  }

  forDatabase(database: string): Connector {
    return new SqliteConnector(`sqlite:${database}`);
  }

  async close(): Promise<void> {}
}

/** A connector for sqlite:/path/file.db. */
export function sqliteConnector(url: string): Connector {
  return new SqliteConnector(url);
}
