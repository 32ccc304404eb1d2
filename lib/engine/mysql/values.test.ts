// MySQL value handling without a server: row-packet transcoding, LOAD DATA mapping, key splitting, FK qualification, grants.
import { describe, expect, it } from "vitest";
import { encodeRow } from "../../codec/copy-text";
import { qualifyReferences } from "./restore/replace";
import { grantedOn } from "./server-info";
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
});
