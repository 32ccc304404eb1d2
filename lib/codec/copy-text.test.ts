import { describe, expect, it } from "vitest";
import { encodeRow, escapeValue, parseRow, parseRowBytes, unescapeField } from "./copy-text";

describe("encodeRow", () => {
  it("joins fields with tabs, ends with one LF, writes NULL as \\N", () => {
    expect(encodeRow(["a", null, "", "b"]).toString()).toBe("a\t\\N\t\tb\n");
  });

  it("escapes the bytes COPY TO escapes, exactly as PostgreSQL writes them", () => {
    expect(escapeValue("tab\there")).toBe("tab\\there");
    expect(escapeValue("line1\nline2\r\n")).toBe("line1\\nline2\\r\\n");
    expect(escapeValue("back\\slash")).toBe("back\\\\slash");
    expect(escapeValue("\b\f\v")).toBe("\\b\\f\\v");
    expect(escapeValue("\\N")).toBe("\\\\N");
  });

  it("keeps unicode as UTF-8 and Buffers as raw bytes", () => {
    expect(encodeRow(["żółw 🐢", Buffer.from([0x41, 0x09, 0xc3, 0xa9])])).toEqual(Buffer.from("żółw 🐢\tA\\té\n"));
  });

  it("never leaves a raw LF or TAB inside a field", () => {
    const row = encodeRow(["\n\t\n", "x"]);
    expect(row.indexOf(0x0a)).toBe(row.length - 1);
    expect(row.toString().split("\t")).toHaveLength(2);
  });
});

describe("parseRow", () => {
  it("tells NULL from the empty string and from a literal \\N", () => {
    expect(parseRow("\\N\t\t\\\\N\n")).toEqual([null, "", "\\N"]);
  });

  it("decodes every escape COPY FROM accepts", () => {
    expect(parseRow("a\\tb\\nc\\rd\\\\e\\bf\\fg\\vh")).toEqual(["a\tb\nc\rd\\e\bf\fg\vh"]);
    expect(parseRow("\\101\\x41\\x4a\\7")).toEqual(["AAJ\x07"]);
    expect(parseRow("\\q\\.")).toEqual(["q."]);
  });

  it("decodes multi-byte UTF-8 written through octal escapes", () => {
    expect(parseRow("\\303\\251t\\303\\251")).toEqual(["été"]);
  });

  it("round-trips awkward values through encodeRow", () => {
    const values = ["", null, "\\", "\t", "\n", "\r\n", "a\\nb", "日本語\tテキスト", "🙂\\N", " \u0000x".slice(2), "end\\"];
    expect(parseRow(encodeRow(values))).toEqual(values);
  });

  it("returns one empty field for an empty line", () => {
    expect(parseRow("\n")).toEqual([""]);
  });

  it("returns field slices without copying when there is nothing to unescape", () => {
    const line = Buffer.from("plain\tvalues\n");
    const [first] = parseRowBytes(line);
    expect(first?.buffer).toBe(line.buffer);
  });
});

describe("unescapeField", () => {
  it("keeps a trailing lone backslash as is", () => {
    expect(unescapeField(Buffer.from("a\\")).toString()).toBe("a\\");
  });
});
