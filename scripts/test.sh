#!/usr/bin/env bash
# Runs every test: builds, starts Azurite on free ports (in memory), runs the test projects, the contract smoke
# against a real LocalHost process, and the Bicep checks. Stops Azurite whatever happens; non-zero on any failure.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_tools
export LIANHUA_CHROMIUM="${LIANHUA_CHROMIUM:-$(command -v chromium)}" # the dashboard browser tests (Playwright)
echo "== dotnet build"
dotnet build Lianhua.Commerce.sln -c Release -nologo -clp:ErrorsOnly

start_azurite "$(free_port)" "$(free_port)" "$(free_port)"
HOST_PID=""
trap 'stop_pid "$HOST_PID"; stop_pid "$AZURITE_PID"' EXIT
export LIANHUA_TEST_STORAGE="$STORAGE"
echo "== Azurite on 127.0.0.1 (pid $AZURITE_PID)"

passed=0; failed=0; status=0
count() { # adds the counts of dotnet test's "Passed!/Failed! - Failed: F, Passed: P" lines and smoke's "N passed, N failed"
  local f p
  while read -r f p; do passed=$((passed + p)); failed=$((failed + f)); done < <(
    sed -nE 's/.*(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+).*/\2 \3/p; s/^([0-9]+) passed, ([0-9]+) failed$/\2 \1/p' "$1")
}

for project in tests/Lianhua.Commerce.Core.Tests tests/Lianhua.Commerce.IntegrationTests; do
  echo "== dotnet test $project"
  log=$(mktemp)
  set +e
  dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee "$log" | grep -vE '^\s*$'
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  set -e
  grep -qE '(Passed|Failed)! +- ' "$log" || { echo "no test results from $project"; status=1; }
  count "$log"
done

echo "== contract smoke against a LocalHost process"
port=$(free_port)
county_key="smoke-county-$(date +%s%N)"
AzureWebJobsStorage="$STORAGE" ASPNETCORE_URLS="http://127.0.0.1:$port" Commerce__CountyApiKey="$county_key" \
  dotnet src/LocalHost/bin/Release/net10.0/Lianhua.Commerce.LocalHost.dll >"$(mktemp --suffix=.localhost.log)" 2>&1 &
HOST_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.5; done
log=$(mktemp)
smoke="${SMOKE_SCRIPT:-$ROOT/../shared/contract/smoke.py}"
if [ -f "$smoke" ]; then
  python3 "$smoke" "http://127.0.0.1:$port/api" "$county_key" --only "${SMOKE_PARTS:-keys,listings,orders,delivery,households,summaries,operations,dashboard}" 2>&1 | tee "$log" || status=1
  count "$log"
else
  echo "contract smoke not found at $smoke (it lives in the shared/ folder beside the repo); skipped"
fi
stop_pid "$HOST_PID"; HOST_PID=""

echo "== Bicep build and lint"
if bash scripts/check-bicep.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

# --- OpenAPI: one check = src/Functions/openapi.json passes Redocly lint (recommended rules, no errors)
# and openapi-typescript generates TypeScript types from it (into a temp dir). Both pinned in package.json.
echo "== OpenAPI lint (Redocly) and TypeScript types (openapi-typescript)"
types=$(mktemp -d)
if REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true node_modules/.bin/redocly lint src/Functions/openapi.json \
   && node_modules/.bin/openapi-typescript src/Functions/openapi.json -o "$types/lianhua-api.d.ts"; then
  passed=$((passed + 1))
else
  echo "OpenAPI check failed"; failed=$((failed + 1)); status=1
fi
rm -rf "$types"
# --- end OpenAPI

[ "$passed" -gt 0 ] || { echo "no tests ran"; status=1; }
echo "tests: $passed passed, $failed failed"
exit "$status"
