// Captured sql_modes replayed on the other server family: modes the target lacks are left out, and only the
// ones whose absence changes behaviour are reported.
import { describe, expect, it } from "vitest";
import { isMariaDbVersion } from "./server-info";
import { adaptSqlMode, sessionSettings } from "./sql-mode";

describe("sql_mode for the restore target", () => {
  it("drops what MySQL 8 removed from MariaDB's default mode without a notice", () => {
    const mariaDefault = "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION";
    expect(adaptSqlMode(mariaDefault, false)).toEqual({ mode: "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION", changed: [] });
    expect(adaptSqlMode(mariaDefault, true)).toEqual({ mode: mariaDefault, changed: [] });
  });

  it("reports MariaDB-only modes that change how a body runs on MySQL", () => {
    expect(adaptSqlMode("PIPES_AS_CONCAT,EMPTY_STRING_IS_NULL,SIMULTANEOUS_ASSIGNMENT,TIME_ROUND_FRACTIONAL,NO_KEY_OPTIONS", false)).toEqual({
      mode: "PIPES_AS_CONCAT",
      changed: ["EMPTY_STRING_IS_NULL", "SIMULTANEOUS_ASSIGNMENT"],
    });
  });

  it("drops every mode MySQL 8 does not know, reporting MariaDB's own emulation modes (ORACLE changes how || treats NULL)", () => {
    expect(adaptSqlMode("STRICT_TRANS_TABLES,IGNORE_BAD_TABLE_OPTIONS,EXTENDED_ALIASES", false)).toEqual({
      mode: "STRICT_TRANS_TABLES",
      changed: ["EXTENDED_ALIASES"],
    });
    const oracle = "PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE,ORACLE,NO_KEY_OPTIONS,NO_TABLE_OPTIONS,NO_FIELD_OPTIONS,NO_AUTO_CREATE_USER,SIMULTANEOUS_ASSIGNMENT";
    expect(adaptSqlMode(oracle, false)).toEqual({ mode: "PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE", changed: ["ORACLE", "SIMULTANEOUS_ASSIGNMENT"] });
    expect(adaptSqlMode("MSSQL,ANSI_QUOTES", false).changed).toEqual(["MSSQL"]);
    expect(adaptSqlMode("MYSQL40,HIGH_NOT_PRECEDENCE", false)).toEqual({ mode: "HIGH_NOT_PRECEDENCE", changed: [] });
    expect(adaptSqlMode("TRADITIONAL,STRICT_ALL_TABLES", false).mode).toBe("TRADITIONAL,STRICT_ALL_TABLES");
  });

  it("drops MySQL's TIME_TRUNCATE_FRACTIONAL on MariaDB, which truncates anyway, and keeps everything else", () => {
    expect(adaptSqlMode("ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,TIME_TRUNCATE_FRACTIONAL", true)).toEqual({ mode: "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES", changed: [] });
    expect(adaptSqlMode("ONLY_FULL_GROUP_BY,TIME_TRUNCATE_FRACTIONAL", false).mode).toBe("ONLY_FULL_GROUP_BY,TIME_TRUNCATE_FRACTIONAL");
  });

  it("keeps an empty mode empty", () => {
    expect(adaptSqlMode("", false)).toEqual({ mode: "", changed: [] });
  });

  it("sets an empty sql_mode for stored programs but not for views, and leaves other empty settings out", () => {
    const session = { sql_mode: "", character_set_client: "utf8mb4", collation_connection: "utf8mb4_0900_ai_ci", time_zone: "" };
    expect(sessionSettings({ kind: "procedure", session })).toEqual([["sql_mode", ""], ["character_set_client", "utf8mb4"], ["collation_connection", "utf8mb4_0900_ai_ci"]]);
    expect(sessionSettings({ kind: "view", session })).toEqual([["character_set_client", "utf8mb4"], ["collation_connection", "utf8mb4_0900_ai_ci"]]);
    expect(sessionSettings({ kind: "table" })).toEqual([]);
  });

  it("tells MariaDB from MySQL by VERSION() or the handshake's version", () => {
    expect(["10.11.9-MariaDB", "10.11.19-MariaDB-0+deb12u1-log", "5.5.5-10.6.18-MariaDB"].map(isMariaDbVersion)).toEqual([true, true, true]);
    expect(["8.0.36", "8.4.3", "8.0.36-0ubuntu0.22.04.1", "8.0.35-27", "9.1.0"].map(isMariaDbVersion)).toEqual([false, false, false, false, false]);
  });
});
