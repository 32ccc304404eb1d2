// Fixed settings of the e2e installation: its own metadata database, data directory and first admin.
export const E2E_PORT = 3211;
export const E2E_DATABASE = "tidemark_e2e";
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password" };
export const E2E_DATA_DIR = "/tmp/tidemark-e2e-data";
