// SQL export in MySQL's dialect: a file `mysql`/`mariadb` replays into an empty database without Tidemark.
import { parseRowBytes } from "../../codec/copy-text";
import { splitRows } from "../../codec/row-splitter";
import type { SchemaObject, SqlDialect, SqlExportInfo } from "../types";
import { quoteIdent, quoteLiteral } from "./quote";
import { kindOf } from "./values";

/** Rows per INSERT statement: big enough for speed, well under the default max_allowed_packet (16 MB) for ordinary rows. */
const BATCH_BYTES = 1 << 20;
const RESET = "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION';\nSET NAMES utf8mb4;\nSET time_zone = '+00:00';\n";

function literal(kind: "text" | "hex" | "bit", v: Buffer | null): string {
  if (v === null) return "NULL";
  if (kind === "hex") return `X'${v.subarray(2).toString("latin1")}'`; // the field is `\x` + hex digits
  if (kind === "bit") return `b'${v.toString("latin1")}'`;
  return quoteLiteral(v.toString("utf8"));
}

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
    const sets = Object.entries(o.session)
      .filter(([, v]) => v !== "")
      .map(([k, v]) => `SET SESSION ${k} = ${quoteLiteral(v)};`)
      .join("\n");
    return `${sets}\nDELIMITER ;;\n${ddl};;\nDELIMITER ;\n${RESET}`;
  },

  async *tableRows(table, data) {
    const cols = table.columns.filter((c) => !c.generated);
    const kinds = cols.map((c) => kindOf(c.type));
    const head = `INSERT INTO ${quoteIdent(table.ref.name)} (${cols.map((c) => quoteIdent(c.name)).join(", ")}) VALUES\n`;
    let batch: string[] = [];
    let size = 0;
    for await (const line of splitRows(data)) {
      const tuple = `(${parseRowBytes(line).map((v, i) => literal(kinds[i], v)).join(",")})`;
      batch.push(tuple);
      size += tuple.length;
      if (size >= BATCH_BYTES) {
        yield Buffer.from(`${head}${batch.join(",\n")};\n`);
        batch = [];
        size = 0;
      }
    }
    if (batch.length) yield Buffer.from(`${head}${batch.join(",\n")};\n`);
  },

  epilogue(): string {
    return "SET FOREIGN_KEY_CHECKS = 1;\nSET UNIQUE_CHECKS = 1;\n";
  },
};
