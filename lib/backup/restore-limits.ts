// Size limits of a restore's inputs, shared by the restore action, the restore-preview job and the restore job,
// so a restore the wizard accepts is one the preview and the worker accept too.

/** Most tables one restore (and its preview) may name. */
export const MAX_RESTORE_TABLES = 10_000;
/** Longest table key ("schema.name"). */
export const MAX_TABLE_KEY = 300;
/** Longest new database name or SQLite file path; each engine's own, shorter limit is checked by newDatabaseProblem. */
export const MAX_DATABASE_NAME = 1024;
/** Identifier limits: PostgreSQL 63 bytes (names here are ASCII, so characters), MySQL 64 characters. */
export const MAX_IDENT = { POSTGRES: 63, MYSQL: 64 } as const;
