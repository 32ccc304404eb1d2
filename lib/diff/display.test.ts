// Diff values as a DBA reads them: NULL apart from empty, binary as size + hex, long text cut but recoverable.
import { describe, expect, it } from "vitest";
import { displayValue, groupDigits, valueText } from "./display";

describe("displayValue", () => {
  it("keeps NULL and the empty string apart", () => {
    expect(displayValue(null)).toMatchObject({ kind: "null", text: "NULL" });
    expect(displayValue("")).toMatchObject({ kind: "empty", text: "(empty)" });
    expect(displayValue("NULL", "text")).toMatchObject({ kind: "text", text: "NULL" });
    expect([valueText(null), valueText(""), valueText("NULL")]).toEqual(["NULL", '""', '"NULL"']);
  });

  it("shows bytea and BLOB values as size and a hex prefix", () => {
    const hex = "\\x" + "ab".repeat(2000);
    expect(displayValue(hex, "bytea")).toEqual({ kind: "binary", text: "2.0 KB  " + "ab".repeat(16) + "…", truncated: true, length: 2000 });
    expect(displayValue("\\x00ff", "longblob")).toEqual({ kind: "binary", text: "2 B  00ff", truncated: false, length: 2 });
    // The same text in a text column is text.
    expect(displayValue("\\x00ff", "text").kind).toBe("text");
  });

  it("cuts long text at a character (not byte) boundary and says so", () => {
    const long = "é".repeat(300);
    const d = displayValue(long, "text", 10);
    expect(d).toEqual({ kind: "text", text: "é".repeat(10) + "…", truncated: true, length: 300 });
    expect(displayValue("short", "text", 10).truncated).toBe(false);
  });

  it("groups digits the way the preview summary prints counts", () => {
    expect([groupDigits(0), groupDigits(999), groupDigits(1203), groupDigits(1234567)]).toEqual(["0", "999", "1 203", "1 234 567"]);
  });
});
