// The LCS behind chunk alignment and DDL diffs: always a valid common subsequence of maximal length.
import { describe, expect, it } from "vitest";
import { commonPairs, unifiedDiff } from "./myers";

function lcsLength(a: string[], b: string[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
  return t[0][0];
}

describe("commonPairs", () => {
  it("matches a brute-force LCS on random sequences", () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let round = 0; round < 300; round++) {
      const a = Array.from({ length: rnd(15) }, () => "abcd"[rnd(4)]);
      const b = Array.from({ length: rnd(15) }, () => "abcd"[rnd(4)]);
      const pairs = commonPairs(a, b);
      expect(pairs.length).toBe(lcsLength(a, b));
      pairs.forEach(([i, j], n) => {
        expect(a[i]).toBe(b[j]);
        if (n > 0) expect(i > pairs[n - 1][0] && j > pairs[n - 1][1]).toBe(true);
      });
    }
  });

  it("gives up on the middle past maxEdits but keeps prefix and suffix", () => {
    expect(commonPairs(["x", "a", "b", "y"], ["x", "b", "a", "y"], 1)).toEqual([
      [0, 0],
      [3, 3],
    ]);
  });
});

describe("unifiedDiff", () => {
  it("marks removed, added and kept lines", () => {
    expect(unifiedDiff("a\nb\nc", "a\nc\nd")).toBe(" a\n-b\n c\n+d");
  });
});
