// The only place a PrismaClient is built: one per process, over node-postgres via the Prisma 7 adapter.
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl } from "../env";
import { PrismaClient } from "./generated/client";

const globalForPrisma = globalThis as unknown as { tidemarkPrisma?: PrismaClient };

export function db(): PrismaClient {
  if (!globalForPrisma.tidemarkPrisma) {
    const adapter = new PrismaPg({ connectionString: databaseUrl(), max: 10 });
    globalForPrisma.tidemarkPrisma = new PrismaClient({ adapter });
  }
  return globalForPrisma.tidemarkPrisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.tidemarkPrisma?.$disconnect();
  globalForPrisma.tidemarkPrisma = undefined;
}

export type { PrismaClient };
