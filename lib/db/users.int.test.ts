// User management rules that protect the installation: unique e-mails and always one enabled admin.
import { expect, it } from "vitest";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { createUser, setUserDisabled, setUserRole } from "./users";

withMetadataDatabase();

it("refuses a duplicate e-mail regardless of case", async () => {
  await createUser({ email: "dup@example.com", name: "A", role: "VIEWER", passwordHash: null });
  await expect(createUser({ email: "DUP@example.com", name: "B", role: "VIEWER", passwordHash: null })).rejects.toThrow(/already exists/);
});

it("never leaves the installation without an enabled admin", async () => {
  const admin = await createUser({ email: "root@example.com", name: "Root", role: "ADMIN", passwordHash: null });
  await expect(setUserRole(admin.id, "VIEWER")).rejects.toThrow(/only enabled admin/);
  await expect(setUserDisabled(admin.id, true)).rejects.toThrow(/only enabled admin/);
  const second = await createUser({ email: "second@example.com", name: "Second", role: "ADMIN", passwordHash: null });
  await expect(setUserRole(admin.id, "OPERATOR")).resolves.toMatchObject({ role: "OPERATOR" });
  await expect(setUserDisabled(second.id, true)).rejects.toThrow(/only enabled admin/);
});
