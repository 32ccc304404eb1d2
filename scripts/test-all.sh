#!/usr/bin/env bash
# `npm test`: every tier — lint (with import boundaries), typecheck, unit, integration, build, e2e —
# then one line totalling them all. Every tier runs even when an earlier one fails, so one run shows everything.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
out=.test-results
rm -rf "$out" && mkdir -p "$out"
passed=0 failed=0 summary=()

tier() { # name, then the command; counts the tier as one check
  local name=$1; shift
  echo "━━ $name"
  if "$@"; then passed=$((passed + 1)); summary+=("$name: ok"); else failed=$((failed + 1)); summary+=("$name: FAILED"); fi
}

count_json() { # name, json file, kind (vitest|playwright), exit status of the run
  local name=$1 file=$2 kind=$3 status=$4 p f
  read -r p f < <(node -e '
    const fs = require("fs"); const [file, kind] = process.argv.slice(1);
    if (!fs.existsSync(file)) { console.log("0 1"); process.exit(0); }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    if (kind === "vitest") console.log(`${r.numPassedTests} ${r.numFailedTests + (r.numTotalTestSuites && !r.success && r.numFailedTests === 0 ? 1 : 0)}`);
    else console.log(`${r.stats.expected} ${r.stats.unexpected + r.stats.flaky + (r.errors?.length ? 1 : 0)}`);
  ' "$file" "$kind")
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  summary+=("$name: $p passed, $f failed")
}

vitest_tier() { # name, project
  echo "━━ $1"
  npx vitest run --project "$2" --reporter=default --reporter=json --outputFile.json="$out/$2.json"
  count_json "$1" "$out/$2.json" vitest $?
}

tier "lint" npx eslint .
tier "typecheck" npx tsc --noEmit
vitest_tier "unit" unit
vitest_tier "integration" int
tier "build" npx next build
echo "━━ e2e"
PLAYWRIGHT_JSON_OUTPUT_FILE="$out/e2e.json" npx playwright test --reporter=list,json
count_json "e2e" "$out/e2e.json" playwright $?

echo
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
