// Delta base alignment and --tables name resolution.
import { describe, expect, it } from "vitest";
import { BaseAligner, selectTables } from "./select-tables";

const refs = (sizes: number[]) => sizes.map((size, i) => ({ id: `p${i}`, size, rows: 1 }));

describe("BaseAligner", () => {
  it("follows the parent chunk by chunk, through byte drift and a boundary that vanished", () => {
    const parent = refs([1000, 1200, 800, 1500, 900, 1100]);
    const a = new BaseAligner(parent);
    const picks: string[][] = [];
    // New stream: chunk 0 lost 50 bytes (deleted rows); parent chunks 2 and 3 merged into one.
    let offset = 0;
    for (const size of [950, 1201, 2300, 900, 1100]) {
      picks.push(a.pick(offset, size));
      offset += size;
    }
    expect(picks[0]).toEqual(["p0"]);
    expect(picks[1]).toEqual(["p1"]);
    expect(picks[2]).toEqual(["p2", "p3"]);
    expect(picks[3]).toEqual(["p4"]);
    expect(picks[4]).toEqual(["p5"]);
  });
});

describe("selectTables", () => {
  const all = [{ ref: { schema: "public", name: "orders" } }, { ref: { schema: "audit", name: "orders" } }, { ref: { schema: "public", name: "customers" } }];
  it("accepts schema.name and unambiguous bare names, and names what is wrong", () => {
    expect(selectTables(all, ["customers", "audit.orders"]).map((t) => t.ref.schema)).toEqual(["public", "audit"]);
    expect(() => selectTables(all, ["orders"])).toThrow(/ambiguous/);
    expect(() => selectTables(all, ["nope"])).toThrow(/No table nope/);
  });
});
