#!/usr/bin/env bash
# Builds and lints every Bicep file under infra/ with the Bicep CLI from the NuGet package
# Azure.Bicep.CommandLine.linux-x64 (restored by infra/tools/BicepCli.csproj; nothing else is
# downloaded). Fails on any error or warning, from the compiler or the linter.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
infra="$repo/infra"
package="azure.bicep.commandline.linux-x64"
started=$SECONDS
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { echo "check-bicep: FAILED: $*" >&2; exit 1; }

version="$(sed -n 's/.*Include="Azure\.Bicep\.CommandLine\.linux-x64" Version="\([^"]*\)".*/\1/p' \
  "$infra/tools/Directory.Packages.props")"
[[ -n "$version" ]] || fail "no Azure.Bicep.CommandLine.linux-x64 version in infra/tools/Directory.Packages.props"

if ! dotnet restore "$infra/tools/BicepCli.csproj" </dev/null >"$work/restore.log" 2>&1; then
  cat "$work/restore.log" >&2
  fail "dotnet restore of infra/tools/BicepCli.csproj"
fi

# The global packages folder: NUGET_PACKAGES, else ~/.nuget/packages, else whatever NuGet.Config says.
bicep="${NUGET_PACKAGES:-${HOME:-}/.nuget/packages}/$package/$version/tools/bicep"
if [[ ! -f "$bicep" ]]; then
  globalPackages="$(dotnet nuget locals global-packages --list </dev/null | sed -n 's/^global-packages: *//p')"
  bicep="${globalPackages%/}/$package/$version/tools/bicep"
fi
[[ -f "$bicep" ]] || fail "bicep binary not found after restore (looked for $package/$version/tools/bicep)"
[[ -x "$bicep" ]] || chmod +x "$bicep"

diagnostics=0
# Runs one bicep command; its output is shown, and any "(line,col) : Warning|Error" line counts.
run() {
  local output status=0
  output="$("$bicep" "$@" </dev/null 2>&1)" || status=$?
  local found
  found="$(grep -cE '\([0-9]+,[0-9]+\) : (Warning|Error) ' <<<"$output" || true)"
  if [[ -n "$output" ]]; then echo "$output"; fi
  diagnostics=$((diagnostics + found))
  if ((status != 0 && found == 0)); then
    diagnostics=$((diagnostics + 1))
    echo "bicep $1 exited with $status" >&2
  fi
}

run build "$infra/main.bicep" --outdir "$work/build"

# One process lints every file (each CLI start costs seconds).
fileCount="$(find "$infra" -name '*.bicep' | wc -l)"
run lint --pattern "$infra/**/*.bicep"

# main.parameters.json must match main.bicep (names, types, allowed values). Its secret values are
# placeholders that main.bicep rejects on purpose (too short), so stand-ins replace them here.
if "$bicep" decompile-params "$infra/main.parameters.json" --bicep-file "$infra/main.bicep" \
  --outfile "$work/params/main.bicepparam" </dev/null >"$work/decompile.log" 2>&1; then
  standIn="$(printf 'x%.0s' {1..44})"
  sed -i "s/'OVERRIDE-ON-COMMAND-LINE'/'$standIn'/" "$work/params/main.bicepparam"
  run build-params "$work/params/main.bicepparam" --outfile "$work/params/main.parameters.json"
else
  cat "$work/decompile.log" >&2
  diagnostics=$((diagnostics + 1))
fi

elapsed=$((SECONDS - started))
if ((diagnostics > 0)); then
  fail "$diagnostics diagnostic(s) (errors or warnings) in infra/ [bicep $version, ${elapsed}s]"
fi
echo "check-bicep: OK: bicep $version built main.bicep, linted $fileCount files, checked main.parameters.json; 0 warnings, 0 errors (${elapsed}s)"
