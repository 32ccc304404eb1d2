// Prisma CLI configuration. Only `prisma generate` is used: migrations are our own SQL (lib/db/migrate.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
