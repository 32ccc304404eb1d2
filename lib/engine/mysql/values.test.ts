import { describe, expect, it } from "vitest";
import { encodeRow } from "../../codec/copy-text";
import { qualifyReferences } from "./restore/replace";
import { grantedOn } from "./server-info";
import { copyToLoadData, kindOf, loadColumns, rowEncoder } from "./values";

describe("MySQL value encoding", () => {
  it("writes byte types as bytea hex and BIT(M) as M binary digits", () => {
    const encode = rowEncoder(["varbinary(10)", "bit(12)", "int(11)", "point", "bit(1)"]);
    const row = encode([Buffer.from([0, 0x5c, 0xff]), Buffer.from([0x0a, 0xaa]), Buffer.from("7"), null, Buffer.from([1])]);
    expect(encodeRow(row).toString()).toBe("\\\\x005cff\t101010101010\t7\t\\N\t1\n");
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
