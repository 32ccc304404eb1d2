// How diff values are shown: NULL apart from the empty string, binary as size + hex prefix, long text cut.
// Shared by the compare page, the restore wizard, the diff route and the CLI; plain TypeScript, no React.
import type { Value } from "./types";

/** Engine types whose canonical text is "\x" + hex (bytea, BLOB, BINARY/VARBINARY). */
const BINARY_TYPE = /^(bytea|(tiny|medium|long)?blob|(var)?binary)\b/i;

export const TEXT_PREVIEW_CHARS = 120;
const HEX_PREFIX_BYTES = 16;

export interface DisplayValue {
  kind: "null" | "empty" | "text" | "binary";
  /** What to show: "NULL", "(empty)", the text (cut), or "16 B  0a0b…". */
  text: string;
  /** The shown text is shorter than the value: the full value is available on demand. */
  truncated: boolean;
  /** Bytes of a binary value; characters of a text value. */
  length: number;
}

export function isBinaryType(type: string | undefined): boolean {
  return type !== undefined && BINARY_TYPE.test(type.trim());
}

/** "1 203": digits grouped by thin-space-free plain spaces, as DBAs read counts in summaries. */
export function groupDigits(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function displayValue(value: Value, type?: string, maxChars = TEXT_PREVIEW_CHARS): DisplayValue {
  if (value === null) return { kind: "null", text: "NULL", truncated: false, length: 0 };
  if (value === "") return { kind: "empty", text: "(empty)", truncated: false, length: 0 };
  if (isBinaryType(type) && value.startsWith("\\x")) {
    const hex = value.slice(2);
    const bytes = Math.floor(hex.length / 2);
    const prefix = hex.slice(0, HEX_PREFIX_BYTES * 2);
    return { kind: "binary", text: `${sizeText(bytes)}  ${prefix}${bytes > HEX_PREFIX_BYTES ? "…" : ""}`, truncated: bytes > HEX_PREFIX_BYTES, length: bytes };
  }
  const chars = [...value];
  if (chars.length <= maxChars) return { kind: "text", text: value, truncated: false, length: chars.length };
  return { kind: "text", text: `${chars.slice(0, maxChars).join("")}…`, truncated: true, length: chars.length };
}

/** One line for logs and the CLI: NULL bare, text quoted, binary as size + hex. */
export function valueText(value: Value, type?: string, maxChars = TEXT_PREVIEW_CHARS): string {
  const d = displayValue(value, type, maxChars);
  return d.kind === "text" ? JSON.stringify(d.text) : d.kind === "empty" ? '""' : d.text;
}
