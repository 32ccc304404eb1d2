// User management rules that protect the installation: unique e-mails and always one enabled admin.
import { describe, expect, it } from "vitest";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { createUser, oidcAccount, setUserDisabled, setUserRole } from "./users";

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

describe("oidcAccount", () => {
  it("never opens an account that has a password for an e-mail the identity provider did not verify", async () => {
    const admin = await createUser({ email: "first.admin@example.com", name: "Admin", role: "ADMIN", passwordHash: "scrypt$1$1$1$c2FsdA==$aGFzaA==" });
    expect(await oidcAccount("First.Admin@example.com", "Mallory", "VIEWER", false)).toBeNull();
    expect(await oidcAccount("first.admin@example.com", "Admin", "VIEWER", true)).toMatchObject({ created: false, user: { id: admin.id, role: "ADMIN" } });
    // A new address creates an account with the default role; an account without a password is the provider's anyway.
    const created = await oidcAccount("newcomer@example.com", "New", "VIEWER", false);
    expect(created).toMatchObject({ created: true, user: { email: "newcomer@example.com", role: "VIEWER", passwordHash: null } });
    expect(await oidcAccount("newcomer@example.com", "New", "ADMIN", false)).toMatchObject({ created: false, user: { role: "VIEWER" } });
  });
});
