#!/usr/bin/env bash
# Cold start, ReadyToRun against the default publish: bash bench/coldstart/run.sh [starts of each, default 3]
source "$(dirname "$0")/../../scripts/lib.sh"
cd "$ROOT"
ensure_tools
out=$(mktemp -d)
dotnet publish src/LocalHost -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/r2r" -nologo -clp:ErrorsOnly
dotnet publish src/LocalHost -c Release -r linux-x64 --self-contained false -o "$out/jit" -nologo -clp:ErrorsOnly
echo "package size: ReadyToRun $(du -sh "$out/r2r" | cut -f1), default $(du -sh "$out/jit" | cut -f1)"
start_azurite "$(free_port)" "$(free_port)" "$(free_port)"
trap 'stop_pid "$AZURITE_PID"; rm -rf "$out"' EXIT
LIANHUA_TEST_STORAGE="$STORAGE" python3 bench/coldstart/coldstart.py "$out/r2r" "$out/jit" "${1:-3}"
