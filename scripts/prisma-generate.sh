#!/usr/bin/env bash
# Generates the Prisma client offline: Prisma's CLI insists on a schema-engine binary it would download,
# which `generate` never runs, so a stub stands in for it.
set -euo pipefail
cd "$(dirname "$0")/.."
PRISMA_SCHEMA_ENGINE_BINARY="$PWD/scripts/prisma-schema-engine-stub.sh" PRISMA_HIDE_UPDATE_MESSAGE=1 \
  exec prisma generate "$@"
