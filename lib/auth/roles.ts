// The three roles and what each may do; checked on the server, the UI only mirrors it.
export const ROLES = ["ADMIN", "OPERATOR", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { VIEWER: 0, OPERATOR: 1, ADMIN: 2 };

export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

export const canManageUsers = (role: Role) => hasRole(role, "ADMIN");
export const canManageSources = (role: Role) => hasRole(role, "ADMIN");
export const canManageStorage = (role: Role) => hasRole(role, "ADMIN");
export const canRunJobs = (role: Role) => hasRole(role, "OPERATOR");
export const canRestore = (role: Role) => hasRole(role, "OPERATOR");

export const ROLE_LABEL: Record<Role, string> = { ADMIN: "Admin", OPERATOR: "Operator", VIEWER: "Viewer" };
