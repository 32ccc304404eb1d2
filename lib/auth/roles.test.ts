import { expect, it } from "vitest";
import { canManageUsers, canRestore, hasRole } from "./roles";

it("orders roles admin > operator > viewer", () => {
  expect(hasRole("ADMIN", "OPERATOR")).toBe(true);
  expect(hasRole("OPERATOR", "OPERATOR")).toBe(true);
  expect(hasRole("VIEWER", "OPERATOR")).toBe(false);
  expect(hasRole("OPERATOR", "ADMIN")).toBe(false);
  expect(canManageUsers("OPERATOR")).toBe(false);
  expect(canRestore("OPERATOR")).toBe(true);
  expect(canRestore("VIEWER")).toBe(false);
});
