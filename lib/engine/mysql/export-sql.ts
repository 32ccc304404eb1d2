// SQL export in MySQL's dialect: a file `mysql`/`mariadb` replays into an empty database without Tidemark.
import type { SchemaObject, SqlDialect, SqlExportInfo } from "../types";
import { quoteLiteral } from "./quote";
import { sessionSettings } from "./sql-mode";
import { insertStatements } from "./values";

const RESET = "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION';\nSET NAMES utf8mb4;\nSET time_zone = '+00:00';\n";

export const mysqlSqlDialect: SqlDialect = {
  preamble(info: SqlExportInfo): string {
    const cs = info.settings?.character_set;
    return [
      `-- Tidemark export of snapshot ${info.snapshot} (${info.type}) of ${info.identity}`,
      `-- ${info.serverVersion}, consistent at ${info.consistentAt}`,
      "-- Restore with: mariadb (or mysql) --default-character-set=utf8mb4 <empty database> < <this file>",
      RESET.trimEnd(),
      "SET FOREIGN_KEY_CHECKS = 0;",
      "SET UNIQUE_CHECKS = 0;",
      ...(cs ? [`ALTER DATABASE CHARACTER SET ${cs}${info.settings?.collation ? ` COLLATE ${info.settings.collation}` : ""};`] : []),
      "",
    ].join("\n");
  },

  statement(o: SchemaObject): string {
    const ddl = o.ddl.trim().replace(/;$/, "");
    if (!o.session) return `${ddl};\n`;
    // Stored programs contain semicolons: the client needs another delimiter, and the session they were made in.
    const sets = sessionSettings(o)
      .map(([k, v]) => `SET SESSION ${k} = ${quoteLiteral(v)};`)
      .join("\n");
    return `${sets}\nDELIMITER ;;\n${ddl};;\nDELIMITER ;\n${RESET}`;
  },

  async *tableRows(table, data) {
    for await (const sql of insertStatements(table.ref.name, table.columns, data)) yield Buffer.from(`${sql};\n`);
  },

  epilogue(): string {
    return "SET FOREIGN_KEY_CHECKS = 1;\nSET UNIQUE_CHECKS = 1;\n";
  },
};
