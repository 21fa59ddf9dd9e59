# Shared by run.sh and test.sh: tool set-up and an Azurite on 127.0.0.1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
AZURITE_ACCOUNT_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

ensure_tools() {
  if [ ! -x "$ROOT/node_modules/.bin/azurite" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    echo "== npm ci (Azurite)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  # The dashboard's browser tests drive Debian's Chromium (Playwright's own browser download cannot reach the internet here),
  # with CJK fonts so its screenshots show the Chinese page rather than boxes.
  if ! command -v chromium >/dev/null || [ ! -d /usr/share/fonts/opentype/noto ]; then
    echo "== apt-get install chromium fonts-noto-cjk (dashboard browser tests)"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
  fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_port() { # host port seconds
  local deadline=$(( $(date +%s) + $3 ))
  until (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "nothing listens on $1:$2 after $3 s" >&2; return 1; }
    sleep 0.2
  done
}

# start_azurite BLOB QUEUE TABLE [DATA_DIR]: in memory without DATA_DIR. Sets AZURITE_PID and STORAGE.
start_azurite() {
  local args=(--skipApiVersionCheck --loose --disableTelemetry --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1
              --blobPort "$1" --queuePort "$2" --tablePort "$3")
  if [ -n "${4:-}" ]; then mkdir -p "$4"; args+=(--location "$4"); else args+=(--inMemoryPersistence); fi
  "$ROOT/node_modules/.bin/azurite" "${args[@]}" --silent >"${AZURITE_LOG:-/dev/null}" 2>&1 &
  AZURITE_PID=$!
  wait_port 127.0.0.1 "$1" 30 && wait_port 127.0.0.1 "$2" 30 && wait_port 127.0.0.1 "$3" 30
  STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_ACCOUNT_KEY;BlobEndpoint=http://127.0.0.1:$1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$2/devstoreaccount1;TableEndpoint=http://127.0.0.1:$3/devstoreaccount1;"
}

# stop_pid PID: TERM, up to 10 s to exit, then KILL (Azurite can linger on TERM).
stop_pid() {
  [ -n "${1:-}" ] || return 0
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
