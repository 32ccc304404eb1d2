import { describe, expect, it } from "vitest";
import { failureOutcome } from "./failure";

describe("failureOutcome", () => {
  it("says nothing was changed when the job failed before committing", () => {
    expect(failureOutcome(null, "replace")).toEqual({ committed: false });
    expect(failureOutcome({ committed: false }, "new")).toEqual({ committed: false });
  });

  it("names the database, the tables that did not verify and the undo of an in-place restore", () => {
    const o = failureOutcome({ committed: true, database: "shop", mismatched: ["public.orders"], targetSourceId: "src1", preRestore: { backupSetId: "bs9", snapshotId: "s" } }, "replace");
    expect(o).toEqual({ committed: true, database: "shop", mismatched: ["public.orders"], undoHref: "/sources/src1/backups/bs9", dropNew: false });
  });

  it("tells to drop a new database that committed but did not verify", () => {
    const o = failureOutcome({ committed: true, database: "shop_restored", mismatched: ["t"], targetSourceId: "src1", preRestore: null }, "new");
    expect(o).toMatchObject({ committed: true, undoHref: null, dropNew: true });
  });
});
