// PostgreSQL COPY text format: the canonical row encoding every connector produces and every reader parses.
// A row is fields joined by raw TAB bytes and ended by one raw LF byte; `\N` alone is NULL; inside a field
// backslash escapes stand for the control bytes, so raw TAB/LF never appear inside data.

export type CopyValue = string | Buffer | null;

const TAB = 0x09;
const LF = 0x0a;
const BACKSLASH = 0x5c;

/** Escape letter for each byte COPY TO escapes itself (same set, so encoded rows equal PostgreSQL's bytes). */
export const ESCAPE_FOR_BYTE: (number | 0)[] = new Array(256).fill(0);
ESCAPE_FOR_BYTE[0x08] = 0x62; // \b
ESCAPE_FOR_BYTE[0x09] = 0x74; // \t
ESCAPE_FOR_BYTE[0x0a] = 0x6e; // \n
ESCAPE_FOR_BYTE[0x0b] = 0x76; // \v
ESCAPE_FOR_BYTE[0x0c] = 0x66; // \f
ESCAPE_FOR_BYTE[0x0d] = 0x72; // \r
ESCAPE_FOR_BYTE[BACKSLASH] = BACKSLASH;

const BYTE_FOR_ESCAPE: (number | -1)[] = new Array(256).fill(-1);
BYTE_FOR_ESCAPE[0x62] = 0x08;
BYTE_FOR_ESCAPE[0x74] = 0x09;
BYTE_FOR_ESCAPE[0x6e] = 0x0a;
BYTE_FOR_ESCAPE[0x76] = 0x0b;
BYTE_FOR_ESCAPE[0x66] = 0x0c;
BYTE_FOR_ESCAPE[0x72] = 0x0d;

const NULL_MARKER = Buffer.from("\\N");

/** Escapes one field's bytes (text as UTF-8) into `out`, returning the new write offset. */
function escapeInto(src: Buffer, out: Buffer, at: number): number {
  for (let i = 0; i < src.length; i++) {
    const b = src[i];
    const e = ESCAPE_FOR_BYTE[b];
    if (e !== 0) {
      out[at++] = BACKSLASH;
      out[at++] = e;
    } else {
      out[at++] = b;
    }
  }
  return at;
}

/** Encodes one row (including its terminating LF). Strings are written as UTF-8; Buffers as their bytes. */
export function encodeRow(values: readonly CopyValue[]): Buffer {
  const parts: (Buffer | null)[] = values.map((v) => (v === null ? null : typeof v === "string" ? Buffer.from(v, "utf8") : v));
  // Worst case every byte doubles; one allocation per row, trimmed with subarray.
  let max = parts.length + 1;
  for (const p of parts) max += p === null ? 2 : p.length * 2;
  const out = Buffer.allocUnsafe(max);
  let at = 0;
  parts.forEach((p, i) => {
    if (i > 0) out[at++] = TAB;
    if (p === null) at += NULL_MARKER.copy(out, at);
    else at = escapeInto(p, out, at);
  });
  out[at++] = LF;
  return out.subarray(0, at);
}

/** Encodes many rows into one buffer (what a connector emits per batch). */
export function encodeRows(rows: Iterable<readonly CopyValue[]>): Buffer {
  const bufs: Buffer[] = [];
  for (const r of rows) bufs.push(encodeRow(r));
  return Buffer.concat(bufs);
}

function isOctal(b: number): boolean {
  return b >= 0x30 && b <= 0x37;
}

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  return -1;
}

/** Decodes the escapes of one field (COPY FROM semantics: \digits octal, \xhh hex, \<other> = other). */
export function unescapeField(src: Buffer, start = 0, end = src.length): Buffer {
  const out = Buffer.allocUnsafe(end - start);
  let at = 0;
  let i = start;
  while (i < end) {
    const b = src[i++];
    if (b !== BACKSLASH || i >= end) {
      out[at++] = b;
      continue;
    }
    const c = src[i++];
    const mapped = BYTE_FOR_ESCAPE[c];
    if (mapped !== -1) {
      out[at++] = mapped;
    } else if (isOctal(c)) {
      let v = c - 0x30;
      for (let n = 0; n < 2 && i < end && isOctal(src[i]); n++) v = v * 8 + (src[i++] - 0x30);
      out[at++] = v & 0xff;
    } else if (c === 0x78 && i < end && hexValue(src[i]) >= 0) {
      let v = hexValue(src[i++]);
      if (i < end && hexValue(src[i]) >= 0) v = v * 16 + hexValue(src[i++]);
      out[at++] = v;
    } else {
      out[at++] = c;
    }
  }
  return out.subarray(0, at);
}

/** Splits one row into raw (still escaped) field slices; a trailing LF is ignored. */
function fieldRanges(buf: Buffer): [number, number][] {
  let end = buf.length;
  if (end > 0 && buf[end - 1] === LF) end--;
  const ranges: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < end; i++) {
    if (buf[i] === TAB) {
      ranges.push([start, i]);
      start = i + 1;
    }
  }
  ranges.push([start, end]);
  return ranges;
}

function isNullField(buf: Buffer, s: number, e: number): boolean {
  return e - s === 2 && buf[s] === BACKSLASH && buf[s + 1] === 0x4e;
}

/** Parses one row into field bytes: null for `\N`, otherwise the unescaped bytes. */
export function parseRowBytes(line: Buffer | string): (Buffer | null)[] {
  const buf = typeof line === "string" ? Buffer.from(line, "utf8") : line;
  return fieldRanges(buf).map(([s, e]) => {
    if (isNullField(buf, s, e)) return null;
    const slash = buf.indexOf(BACKSLASH, s);
    if (slash === -1 || slash >= e) return buf.subarray(s, e);
    return unescapeField(buf, s, e);
  });
}

/** Parses one row into text values (UTF-8), null for `\N`. Empty string and NULL stay distinct. */
export function parseRow(line: Buffer | string): (string | null)[] {
  return parseRowBytes(line).map((b) => (b === null ? null : b.toString("utf8")));
}

/** Escapes a single text value the way COPY TO does (no row terminator). */
export function escapeValue(value: string | Buffer | null): string {
  return encodeRow([value]).subarray(0, -1).toString("utf8");
}
