// SQLite values ⇄ canonical COPY text, keeping each value's storage class (SQLite lets a column mix them).
//
// Every column has a "natural" class from its declared type's affinity (INTEGER, REAL, TEXT, BLOB for
// none/ANY, and INTEGER or REAL for NUMERIC). A value of a natural class is written plain:
//   INTEGER  decimal digits                       42, -7
//   REAL     shortest exact repr, always with a   1.0, 0.1, 1e+21, -0.0, Infinity
//            "." or an exponent (never digits only)
//   TEXT     the text itself
//   BLOB     PostgreSQL bytea hex form             \x00ff
// A value of any other class is tagged with its class letter and a colon: "i:42", "r:1.5", "t:abc",
// "b:\x00ff". The plain forms of INTEGER, REAL and BLOB never start with a letter and a colon, so a tag is
// unambiguous there; in a TEXT column a text value that itself starts with "i:", "r:", "t:" or "b:" is
// tagged "t:" too. Decoding therefore restores the exact class and value, and unchanged rows keep
// identical bytes (dedup) because the form depends only on the value and the declared type.
import type { CopyValue } from "../../codec/copy-text";

export type StorageClass = "integer" | "real" | "text" | "blob";
export type Natural = "integer" | "real" | "numeric" | "text" | "blob";
export type SqliteValue = bigint | number | string | Uint8Array | null;

/** SQLite's affinity rules (datatype3.html §3.1), applied in their order. */
export function naturalOf(declared: string): Natural {
  const t = declared.toUpperCase();
  if (t.includes("INT")) return "integer";
  if (t.includes("CHAR") || t.includes("CLOB") || t.includes("TEXT")) return "text";
  if (t.includes("BLOB") || t.trim() === "" || t.trim() === "ANY") return "blob";
  if (t.includes("REAL") || t.includes("FLOA") || t.includes("DOUB")) return "real";
  return "numeric";
}

const INTEGER = /^-?\d+$/;
const REAL = /^-?(?:Infinity|\d+\.\d+(?:e[+-]\d+)?|\d+(?:\.\d+)?e[+-]\d+)$/;
const TAGGED = /^[irtb]:/;

export function realText(x: number): string {
  if (Object.is(x, -0)) return "-0.0";
  const s = String(x);
  return INTEGER.test(s) ? `${s}.0` : s;
}

function classOf(v: Exclude<SqliteValue, null>): StorageClass {
  if (typeof v === "bigint") return "integer";
  if (typeof v === "number") return "real";
  if (typeof v === "string") return "text";
  return "blob";
}

function plain(v: Exclude<SqliteValue, null>): string {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return realText(v);
  if (typeof v === "string") return v;
  return `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("hex")}`;
}

function isNatural(cls: StorageClass, natural: Natural): boolean {
  return cls === natural || (natural === "numeric" && (cls === "integer" || cls === "real"));
}

/** One value (as node:sqlite returns it with read-bigints on) → its canonical field. */
export function encodeValue(v: SqliteValue, natural: Natural): CopyValue {
  if (v === null) return null;
  const cls = classOf(v);
  const text = plain(v);
  if (isNatural(cls, natural) && !(cls === "text" && TAGGED.test(text))) return text;
  return `${cls[0]}:${text}`;
}

function fromPlain(cls: StorageClass, s: string): Exclude<SqliteValue, null> {
  switch (cls) {
    case "integer":
      return BigInt(s);
    case "real":
      return Number(s);
    case "text":
      return s;
    case "blob":
      return Buffer.from(s.slice(2), "hex");
  }
}

const CLASS_OF_TAG: Record<string, StorageClass> = { i: "integer", r: "real", t: "text", b: "blob" };

/** A canonical field → the value to bind, of the same storage class it was read with. */
export function decodeValue(s: string | null, natural: Natural): SqliteValue {
  if (s === null) return null;
  switch (natural) {
    case "text":
      if (!TAGGED.test(s)) return s;
      break;
    case "integer":
      if (INTEGER.test(s)) return BigInt(s);
      break;
    case "real":
      if (REAL.test(s)) return Number(s);
      break;
    case "numeric":
      if (INTEGER.test(s)) return BigInt(s);
      if (REAL.test(s)) return Number(s);
      break;
    case "blob":
      if (s.startsWith("\\x")) return fromPlain("blob", s);
      break;
  }
  const cls = CLASS_OF_TAG[s[0]];
  if (!cls || s[1] !== ":") throw new Error(`Not a canonical SQLite value for a ${natural} column: ${JSON.stringify(s.slice(0, 40))}`);
  return fromPlain(cls, s.slice(2));
}
