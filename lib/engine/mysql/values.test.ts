// MySQL value handling without a server: row-packet transcoding, LOAD DATA mapping, key splitting, FK qualification, grants.
import { describe, expect, it } from "vitest";
import { encodeRow } from "../../codec/copy-text";
import { qualifyReferences } from "./restore/replace";
import { canReadRoutines, grantedOn } from "./server-info";
import { RowTranscoder } from "./row-transcoder";
import { splitTableDdl } from "./schema";
import { bitWidth, copyToLoadData, kindOf, loadColumns } from "./values";

/** A text-protocol row packet payload: length-encoded fields, 0xfb for NULL. */
function packet(fields: (Buffer | string | null)[]): Buffer {
  return Buffer.concat(
    fields.map((f) => {
      if (f === null) return Buffer.from([0xfb]);
      const b = Buffer.from(f);
      return Buffer.concat([b.length < 251 ? Buffer.from([b.length]) : Buffer.from([0xfc, b.length & 0xff, b.length >> 8]), b]);
    }),
  );
}

describe("MySQL value encoding", () => {
  it("transcodes row packets: byte types as bytea hex, BIT(M) as M binary digits, text escaped as COPY does", () => {
    const types = ["varbinary(10)", "bit(12)", "int(11)", "point", "bit(1)", "text"];
    const t = new RowTranscoder(types.map(kindOf), types.map(bitWidth));
    const long = "x\t".repeat(200);
    for (const row of [
      [Buffer.from([0, 0x5c, 0xff]), Buffer.from([0x0a, 0xaa]), "7", null, Buffer.from([1]), "a\\b\u000b"],
      [Buffer.alloc(0), Buffer.from([0, 0]), "-1", Buffer.from([1, 2]), Buffer.from([0]), long],
    ]) {
      const p = packet(row);
      const framed = Buffer.concat([Buffer.alloc(4), p]);
      t.push(framed, 4, framed.length);
    }
    expect(t.take()!.toString()).toBe(
      encodeRow(["\\x005cff", "101010101010", "7", null, "1", "a\\b\u000b"]).toString() + encodeRow(["\\x", "000000000000", "-1", "\\x0102", "0", long]).toString(),
    );
    expect(t.take()).toBe(null);
    expect(["longblob", "geometry", "json", "enum('a')", "bit"].map(kindOf)).toEqual(["hex", "hex", "text", "text", "bit"]);
  });

  it("maps COPY escapes LOAD DATA lacks (\\v, \\f) to raw bytes and leaves the rest", () => {
    const input = encodeRow(["a\u000bb\u000c", "t\tn\n\\", null]);
    expect(copyToLoadData(input)).toEqual(Buffer.from("a\u000bb\u000c\tt\\tn\\n\\\\\t\\N\n"));
    const plain = Buffer.from("x\\\\v\n");
    expect(copyToLoadData(plain)).toBe(plain);
  });

  it("loads byte and bit columns through user variables", () => {
    const q = (s: string) => `\`${s}\``;
    expect(loadColumns([{ name: "a", type: "int" }, { name: "b", type: "blob" }, { name: "c", type: "bit(3)" }], q)).toEqual({
      list: "`a`, @v1, @v2",
      set: " SET `b` = UNHEX(SUBSTRING(@v1, 3)), `c` = CAST(CONV(@v2, 2, 10) AS UNSIGNED)",
    });
  });

  it("splits secondary and foreign keys out of SHOW CREATE TABLE, keeping FULLTEXT and CHECK in the table", () => {
    const ddl = [
      "CREATE TABLE `t` (",
      "  `id` int(11) NOT NULL,",
      "  `c` int(11) DEFAULT NULL,",
      "  `s` text,",
      "  PRIMARY KEY (`id`),",
      "  UNIQUE KEY `u` (`c`),",
      "  KEY `k` (`c`,`id`),",
      "  FULLTEXT KEY `f` (`s`),",
      "  CONSTRAINT `fk` FOREIGN KEY (`c`) REFERENCES `p` (`id`) ON DELETE CASCADE,",
      "  CONSTRAINT `chk` CHECK (`c` > 0)",
      ") ENGINE=InnoDB",
    ].join("\n");
    expect(splitTableDdl(ddl)).toEqual({
      table: "CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `c` int(11) DEFAULT NULL,\n  `s` text,\n  PRIMARY KEY (`id`),\n  FULLTEXT KEY `f` (`s`),\n  CONSTRAINT `chk` CHECK (`c` > 0)\n) ENGINE=InnoDB",
      keys: ["UNIQUE KEY `u` (`c`)", "KEY `k` (`c`,`id`)"],
      foreign: ["CONSTRAINT `fk` FOREIGN KEY (`c`) REFERENCES `p` (`id`) ON DELETE CASCADE"],
    });
  });

  it("keeps a partitioned table's unique keys in the table: PARTITION BY KEY () may be defined by one", () => {
    const ddl = [
      "CREATE TABLE `q` (",
      "  `code` varchar(20) NOT NULL,",
      "  `c` int(11) DEFAULT NULL,",
      "  UNIQUE KEY `code` (`code`),",
      "  KEY `k` (`c`)",
      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci",
      " PARTITION BY KEY ()",
      "PARTITIONS 4",
    ].join("\n");
    expect(splitTableDdl(ddl)).toEqual({
      table: ddl.replace(",\n  KEY `k` (`c`)", ""),
      keys: ["KEY `k` (`c`)"],
      foreign: [],
    });
  });

  it("keeps a partitioned table's PARTITION BY lines (MariaDB) and version comment (MySQL 8) intact", () => {
    const maria = [
      "CREATE TABLE `p` (",
      "  `id` int(11) NOT NULL,",
      "  `c` int(11) DEFAULT NULL,",
      "  PRIMARY KEY (`id`),",
      "  KEY `k` (`c`)",
      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci",
      " PARTITION BY RANGE (`id`)",
      "(PARTITION `p0` VALUES LESS THAN (10) ENGINE = InnoDB,",
      " PARTITION `p1` VALUES LESS THAN MAXVALUE ENGINE = InnoDB)",
    ].join("\n");
    expect(splitTableDdl(maria)).toEqual({
      table: [
        "CREATE TABLE `p` (",
        "  `id` int(11) NOT NULL,",
        "  `c` int(11) DEFAULT NULL,",
        "  PRIMARY KEY (`id`)",
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci",
        " PARTITION BY RANGE (`id`)",
        "(PARTITION `p0` VALUES LESS THAN (10) ENGINE = InnoDB,",
        " PARTITION `p1` VALUES LESS THAN MAXVALUE ENGINE = InnoDB)",
      ].join("\n"),
      keys: ["KEY `k` (`c`)"],
      foreign: [],
    });
    const mysql8 = [
      "CREATE TABLE `p` (",
      "  `id` int NOT NULL,",
      "  `j` json DEFAULT NULL,",
      "  PRIMARY KEY (`id`),",
      "  KEY `f` ((cast(json_extract(`j`,_utf8mb4'$.a') as unsigned array))) /*!80000 INVISIBLE */",
      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci",
      "/*!50100 PARTITION BY HASH (`id`)",
      "PARTITIONS 4 */",
    ].join("\n");
    const split = splitTableDdl(mysql8);
    expect(split.table).toBe(mysql8.replace("  PRIMARY KEY (`id`),\n  KEY `f` ((cast(json_extract(`j`,_utf8mb4'$.a') as unsigned array))) /*!80000 INVISIBLE */\n", "  PRIMARY KEY (`id`)\n"));
    expect(split.keys).toEqual(["KEY `f` ((cast(json_extract(`j`,_utf8mb4'$.a') as unsigned array))) /*!80000 INVISIBLE */"]);
  });

  it("points foreign keys at the target's tables outside a chosen-tables restore", () => {
    const ddl = "CONSTRAINT `fk` FOREIGN KEY (`c`) REFERENCES `customers` (`id`),\n CONSTRAINT `fk2` FOREIGN KEY (`o`) REFERENCES `or``ders` (`id`)";
    expect(qualifyReferences(ddl, "shop", new Set(["or`ders"]))).toBe(
      "CONSTRAINT `fk` FOREIGN KEY (`c`) REFERENCES `shop`.`customers` (`id`),\n CONSTRAINT `fk2` FOREIGN KEY (`o`) REFERENCES `or``ders` (`id`)",
    );
  });

  it("reads privileges from SHOW GRANTS, wildcards included", () => {
    const have = grantedOn(["GRANT USAGE ON *.* TO `u`@`%`", "GRANT SELECT, SHOW VIEW ON `shop\\_%`.* TO `u`@`%`", "GRANT TRIGGER ON `other`.* TO `u`@`%`"], "shop_eu");
    expect([...have].sort()).toEqual(["GLOBAL USAGE", "SELECT", "SHOW VIEW", "USAGE"]);
    expect(grantedOn(["GRANT SELECT ON `shop\\_%`.* TO `u`@`%`"], "shopxeu").has("SELECT")).toBe(false);
    expect(grantedOn(["GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost`"], "x").has("RELOAD")).toBe(true);
  });

  it("reads MySQL 8's dynamic privilege lines and knows who can read routine bodies", () => {
    const mysql8 = ["GRANT SELECT, RELOAD, REPLICATION CLIENT ON *.* TO `bk`@`%`", "GRANT BACKUP_ADMIN,SHOW_ROUTINE ON *.* TO `bk`@`%`"];
    const have = grantedOn(mysql8, "shop");
    expect(["SELECT", "RELOAD", "REPLICATION CLIENT", "GLOBAL SHOW_ROUTINE", "GLOBAL BACKUP_ADMIN"].every((p) => have.has(p))).toBe(true);
    expect(canReadRoutines(mysql8, have, false)).toBe(true);
    const dbOnly = ["GRANT USAGE ON *.* TO `bk`@`%`", "GRANT SELECT, SHOW VIEW ON `shop`.* TO `bk`@`%`"];
    expect(canReadRoutines(dbOnly, grantedOn(dbOnly, "shop"), false)).toBe(false);
    expect(canReadRoutines(dbOnly, grantedOn(dbOnly, "shop"), true)).toBe(false);
    const proc = [...dbOnly, "GRANT SELECT ON `mysql`.`proc` TO `bk`@`%`"];
    expect(canReadRoutines(proc, grantedOn(proc, "shop"), true)).toBe(true);
    const root = ["GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"];
    expect(canReadRoutines(root, grantedOn(root, "shop"), true)).toBe(true);
  });
});
