#!/usr/bin/env bash
# Runs the app: Azurite (data in .azurite/) and LocalHost with the Lianhua network on http://127.0.0.1:7071. Ctrl-C stops both.
source "$(dirname "$0")/lib.sh"
ensure_tools
echo "== dotnet build"
dotnet build "$ROOT/src/LocalHost" -c Release -nologo -clp:ErrorsOnly
AZURITE_LOG="$ROOT/.azurite/azurite.log"
mkdir -p "$ROOT/.azurite"
start_azurite "${AZURITE_BLOB_PORT:-10000}" "${AZURITE_QUEUE_PORT:-10001}" "${AZURITE_TABLE_PORT:-10002}" "$ROOT/.azurite/data"
trap 'stop_pid "${HOST_PID:-}"; stop_pid "$AZURITE_PID"' EXIT
trap 'exit 130' INT TERM
export AzureWebJobsStorage="${AzureWebJobsStorage:-$STORAGE}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:7071}"
echo "== Azurite on 127.0.0.1 (pid $AZURITE_PID); starting LocalHost on $ASPNETCORE_URLS"
(cd "$ROOT" && exec dotnet "src/LocalHost/bin/Release/net10.0/Lianhua.Commerce.LocalHost.dll") &
HOST_PID=$!
wait "$HOST_PID"
