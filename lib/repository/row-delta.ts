// Row-level delta between two COPY-text chunks: copy/skip/insert byte runs, for chunks that changed in a few rows.

const COPY = 0; // next `len` bytes of the base
const SKIP = 1; // drop `len` bytes of the base
const INSERT = 2; // `len` literal bytes follow
/** Rows looked ahead on either side to find where two streams agree again after a difference. */
const LOOKAHEAD = 16;

/** Unsigned LEB128 over plain numbers (lengths can pass 2^31, so no bitwise operators). */
function pushVarint(out: number[], value: number): void {
  while (value >= 0x80) {
    out.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  out.push(value);
}

function rowEnd(buf: Buffer, from: number): number {
  const nl = buf.indexOf(10, from);
  return nl < 0 ? buf.length : nl + 1;
}

/**
 * Encodes `next` as operations on `base`, row by row: equal rows extend a copy; on a difference it checks
 * whether a base row was deleted or a new row inserted before counting the row as replaced, so sparse edits
 * resynchronise at once. Returns null when more than `maxLiteral` bytes would be literal (not worth a delta).
 * Both buffers hold key-ordered rows, so a linear walk finds what changed; comparisons are native memcmp.
 */
export function encodeRowDelta(base: Buffer, next: Buffer, maxLiteral: number): Buffer | null {
  const header: number[] = [];
  const parts: Buffer[] = [];
  let literal = 0;
  let copy = 0;
  let insStart = -1;
  let insEnd = -1;
  const flushCopy = () => {
    if (copy > 0) pushVarint(header, copy * 4 + COPY);
    copy = 0;
  };
  const flushInsert = () => {
    if (insStart < 0) return;
    pushVarint(header, (insEnd - insStart) * 4 + INSERT);
    parts.push(Buffer.from(header.splice(0)), next.subarray(insStart, insEnd));
    insStart = insEnd = -1;
  };
  const insert = (from: number, to: number) => {
    flushCopy();
    if (insStart >= 0 && insEnd === from) insEnd = to;
    else {
      flushInsert();
      insStart = from;
      insEnd = to;
    }
    literal += to - from;
  };
  const skip = (len: number) => {
    flushCopy();
    flushInsert();
    pushVarint(header, len * 4 + SKIP);
  };
  const same = (i: number, ie: number, j: number, je: number) => ie - i === je - j && next.compare(base, j, je, i, ie) === 0;

  /** Where the row next[i, ie) starts in base at or after j within `window` bytes, or -1 (native memmem). */
  const find = (i: number, ie: number, j: number, window: number) => {
    const row = next.subarray(i, ie);
    const area = base.subarray(j, Math.min(base.length, j + window + (ie - i)));
    for (let at = area.indexOf(row); at >= 0; at = area.indexOf(row, at + 1)) {
      if (j + at === 0 || base[j + at - 1] === 10) return j + at;
    }
    return -1;
  };
  /** Rows are in key order and the key usually leads: equal first fields mean the row was updated in place. */
  const sameKey = (i: number, ie: number, j: number, je: number) => {
    const ti = next.indexOf(9, i);
    const tj = base.indexOf(9, j);
    if (ti < 0 || ti >= ie || tj < 0 || tj >= je) return false;
    return ti - i === tj - j && next.compare(base, j, tj, i, ti) === 0;
  };

  let i = 0;
  let j = 0;
  // The bases may start before this chunk (several parent chunks are concatenated): begin where its first rows are.
  for (let r = 0, ri = 0; r < 4 && ri < next.length; r++) {
    const re = rowEnd(next, ri);
    const at = find(ri, re, 0, base.length);
    if (at >= 0) {
      if (ri > 0) insert(0, ri);
      if (at > 0) skip(at);
      i = ri;
      j = at;
      break;
    }
    ri = re;
  }
  while (i < next.length && j < base.length) {
    // Most rows are unchanged: skip the whole run of equal rows with native compares, not one row at a time.
    const equal = equalRowsPrefix(next, i, base, j);
    if (equal > 0) {
      flushInsert();
      copy += equal;
      i += equal;
      j += equal;
      if (i >= next.length || j >= base.length) break;
    }
    const ie = rowEnd(next, i);
    const je = rowEnd(base, j);
    if (same(i, ie, j, je)) {
      flushInsert();
      copy += ie - i;
      i = ie;
      j = je;
      continue;
    }
    if (sameKey(i, ie, j, je)) {
      insert(i, ie); // updated in place
      skip(je - j);
      i = ie;
      j = je;
      if (literal > maxLiteral) return null;
      continue;
    }
    // Resynchronise: is this new row a little further on in the base (base rows deleted), or this base row a
    // little further on in the new chunk (rows inserted)? Otherwise the row was replaced.
    let k = je;
    let found = -1;
    for (let n = 0; n < LOOKAHEAD && k < base.length; n++) {
      const ke = rowEnd(base, k);
      if (same(i, ie, k, ke)) {
        found = k;
        break;
      }
      k = ke;
    }
    if (found >= 0) {
      skip(found - j);
      j = found;
      continue;
    }
    k = ie;
    for (let n = 0; n < LOOKAHEAD && k < next.length; n++) {
      const ke = rowEnd(next, k);
      if (same(k, ke, j, je)) {
        found = k;
        break;
      }
      k = ke;
    }
    if (found >= 0) {
      insert(i, found);
      i = found;
      continue;
    }
    // Further away (a run of deleted rows): search the next stretch of the base directly.
    found = ie - i > 8 ? find(i, ie, je, 64 << 10) : -1;
    if (found >= 0) {
      skip(found - j);
      j = found;
      continue;
    }
    insert(i, ie); // row replaced
    skip(je - j);
    i = ie;
    j = je;
    if (literal > maxLiteral) return null;
  }
  if (i < next.length) insert(i, next.length);
  if (literal > maxLiteral) return null;
  flushCopy();
  flushInsert();
  if (header.length) parts.push(Buffer.from(header));
  return Buffer.concat(parts);
}

/** Blocks compared at once while looking for the first differing byte. */
const PREFIX_BLOCK = 16 << 10;

/**
 * Length of the longest run of whole rows that next[i…] and base[j…] share (both start at a row): the common
 * byte prefix found block by block, then by halving inside the first differing block, cut back to a row end.
 */
export function equalRowsPrefix(next: Buffer, i: number, base: Buffer, j: number): number {
  const max = Math.min(next.length - i, base.length - j);
  let lo = 0;
  while (lo < max) {
    const len = Math.min(PREFIX_BLOCK, max - lo);
    if (next.compare(base, j + lo, j + lo + len, i + lo, i + lo + len) !== 0) break;
    lo += len;
  }
  if (lo < max) {
    // The first difference lies in [lo, lo + len): halve until one byte is left.
    let hi = Math.min(lo + PREFIX_BLOCK, max);
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (next.compare(base, j + lo, j + mid, i + lo, i + mid) === 0) lo = mid;
      else hi = mid;
    }
    if (next[i + lo] === base[j + lo]) lo++;
  }
  if (lo === max && (i + lo === next.length ? j + lo === base.length || base[j + lo - 1] === 10 : next[i + lo - 1] === 10)) return lo;
  // Cut back to the end of the last row both hold whole.
  const nl = lo > 0 ? next.lastIndexOf(10, i + lo - 1) : -1;
  return nl < i ? 0 : nl + 1 - i;
}

export function applyRowDelta(base: Buffer, delta: Buffer): Buffer {
  const parts: Buffer[] = [];
  let j = 0;
  let total = 0;
  for (const op of rowDeltaOps(delta)) {
    if (op.op === "copy") {
      if (j + op.len > base.length) throw new Error("row delta copies past its base");
      parts.push(base.subarray(j, j + op.len));
      j += op.len;
      total += op.len;
    } else if (op.op === "insert") {
      parts.push(op.bytes);
      total += op.bytes.length;
    } else j += op.len;
  }
  return Buffer.concat(parts, total);
}

/** The operations of a row delta in order, without applying them: COPY/SKIP lengths in base bytes, INSERT's literal bytes. */
export function* rowDeltaOps(delta: Buffer): Generator<{ op: "copy" | "skip"; len: number } | { op: "insert"; bytes: Buffer }> {
  let p = 0;
  while (p < delta.length) {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (p >= delta.length) throw new Error("truncated row delta");
      const b = delta[p++];
      value += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
    }
    const op = value % 4;
    const len = Math.floor(value / 4);
    if (op === COPY) yield { op: "copy", len };
    else if (op === SKIP) yield { op: "skip", len };
    else if (op === INSERT) {
      if (p + len > delta.length) throw new Error("truncated row delta");
      yield { op: "insert", bytes: delta.subarray(p, p + len) };
      p += len;
    } else throw new Error("bad row delta op");
  }
}
