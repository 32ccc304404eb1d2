// The SQLite storage-class encoding: every class round-trips exactly in every kind of column.
import { describe, expect, it } from "vitest";
import { decodeValue, encodeValue, naturalOf, type Natural, type SqliteValue } from "./values";

describe("SQLite storage-class encoding", () => {
  it("follows SQLite's affinity rules", () => {
    expect(["INTEGER", "BIGINT", "VARCHAR(10)", "CLOB", "BLOB", "", "ANY", "DOUBLE PRECISION", "FLOAT", "NUMERIC", "DECIMAL(5,2)", "DATE"].map(naturalOf)).toEqual([
      "integer", "integer", "text", "text", "blob", "blob", "blob", "real", "real", "numeric", "numeric", "numeric",
    ]);
  });

  const cases: [Natural, SqliteValue, string | null][] = [
    ["integer", 42n, "42"],
    ["integer", "abc", "t:abc"],
    ["integer", 1.5, "r:1.5"],
    ["real", 1, "1.0"],
    ["real", -0, "-0.0"],
    ["real", 1e21, "1e+21"],
    ["real", Infinity, "Infinity"],
    ["real", 0.1, "0.1"],
    ["numeric", 9223372036854775807n, "9223372036854775807"],
    ["numeric", 2.5, "2.5"],
    ["numeric", "12abc", "t:12abc"],
    ["text", "plain", "plain"],
    ["text", "t:looks tagged", "t:t:looks tagged"],
    ["text", "\\x00", "\\x00"],
    ["text", 5n, "i:5"],
    ["blob", Buffer.from([0, 255]), "\\x00ff"],
    ["blob", "text", "t:text"],
    ["blob", 7n, "i:7"],
    ["blob", 1, "r:1.0"],
    ["blob", null, null],
  ];
  it.each(cases)("%s column: %o ⇄ %o", (natural, value, text) => {
    expect(encodeValue(value, natural)).toEqual(text);
    const back = decodeValue(text, natural);
    if (value instanceof Uint8Array) expect(Buffer.from(back as Uint8Array).equals(value)).toBe(true);
    else expect(Object.is(back, value) || back === value).toBe(true);
  });

  it("names a field that is not canonical for its column", () => {
    expect(() => decodeValue("abc", "integer")).toThrow('Not a canonical SQLite value for a integer column: "abc"');
  });
});
