#!/bin/sh
# Stand-in for Prisma's schema engine, which cannot be downloaded here; prisma generate never calls it.
echo "schema engine not available: Tidemark applies its own SQL migrations (npm run db:migrate)" >&2
exit 1
