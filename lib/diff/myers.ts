// Myers O(ND) longest common subsequence: aligns chunk id lists (fast path) and DDL lines (schema diff).

/** Index pairs [i, j] with a[i] === b[j], increasing in both, forming a longest common subsequence. */
export function commonPairs<T>(a: readonly T[], b: readonly T[], maxEdits = 2000): [number, number][] {
  // Prefix and suffix first: the usual case (a few edits in a long list) then costs O(N) whatever maxEdits is.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const pairs: [number, number][] = [];
  for (let i = 0; i < pre; i++) pairs.push([i, i]);
  // Past maxEdits the middle is left unmatched: fewer skips, still a correct alignment, never O(N²) memory.
  const mid = middle(a.slice(pre, a.length - suf), b.slice(pre, b.length - suf), maxEdits) ?? [];
  for (const [i, j] of mid) pairs.push([i + pre, j + pre]);
  for (let s = suf; s > 0; s--) pairs.push([a.length - s, b.length - s]);
  return pairs;
}

function middle<T>(a: readonly T[], b: readonly T[], limit: number): [number, number][] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(limit, n + m);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d..d] after step d, so memory is O(D²), not O(D·N).
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(off - d, off + d + 1));
        return backtrack(trace, n, m);
      }
    }
    trace.push(v.slice(off - d, off + d + 1));
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): [number, number][] {
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1];
    const at = (k: number) => prev[k + d - 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const startX = prevK === k + 1 ? prevX : prevX + 1;
    while (x > startX) pairs.push([--x, --y]);
    x = prevX;
    y = prevX - prevK;
  }
  while (x > 0) pairs.push([--x, --y]);
  return pairs.reverse();
}

/** Line-based unified diff (every line, prefixed "-", "+" or " "); DDL is short enough to show whole. */
export function unifiedDiff(from: string, to: string): string {
  const a = from.split("\n");
  const b = to.split("\n");
  const out: string[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...commonPairs(a, b), [a.length, b.length] as [number, number]]) {
    while (i < pi) out.push(`-${a[i++]}`);
    while (j < pj) out.push(`+${b[j++]}`);
    if (pi < a.length) out.push(` ${a[pi]}`);
    i = pi + 1;
    j = pj + 1;
  }
  return out.join("\n");
}
