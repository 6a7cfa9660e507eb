#!/usr/bin/env bash
# The lint step of the iamlint GitHub Action. It never fails: it records iamlint's exit status in
# $GITHUB_OUTPUT (exit-code) with the SARIF path (sarif-file), so the upload runs before the job fails.
#
# Inputs (environment): INPUT_PATHS, INPUT_CONFIG, INPUT_FAIL_ON, INPUT_CATEGORY, INPUT_SARIF_FILE,
# INPUT_VERSION. Runner variables: GITHUB_OUTPUT, RUNNER_TEMP, GITHUB_ACTION_PATH.
set -u

output() { printf '%s=%s\n' "$1" "$2" >> "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"; }

action_path="${GITHUB_ACTION_PATH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
sarif="${INPUT_SARIF_FILE:-}"
[ -n "$sarif" ] || sarif="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/iamlint.sarif"
rm -f -- "$sarif"

if ! command -v node >/dev/null 2>&1; then
  echo "::error title=iamlint::Node.js is not on PATH; add actions/setup-node (Node >= 20.19) before this action."
  output exit-code 2
  exit 0
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "::error title=iamlint::iamlint needs Node.js >= 20.19 (found $(node --version)); add actions/setup-node before this action."
  output exit-code 2
  exit 0
fi

# The bundled build when the action carries one (and no version was asked for), else the npm package.
bundled="$action_path/dist/bundle/main.cjs"
version="${INPUT_VERSION:-}"
if [ -z "$version" ] && [ -f "$bundled" ]; then
  cmd=(node "$bundled")
else
  if [ -z "$version" ]; then
    version="$(node -e 'process.stdout.write(require(process.argv[1]).version)' "$action_path/package.json" 2>/dev/null || true)"
    version="${version:-latest}"
  fi
  cmd=(npx --yes "iamlint@$version")
fi

args=(--format sarif --output "$sarif" --fail-on "${INPUT_FAIL_ON:-error}")
[ -n "${INPUT_CATEGORY:-}" ] && args+=(--sarif-category "$INPUT_CATEGORY")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")

# Whitespace-separated paths; no shell globbing (iamlint expands globs itself).
set -f
# shellcheck disable=SC2206
paths=(${INPUT_PATHS:-.})
set +f
[ "${#paths[@]}" -gt 0 ] || paths=(.)

echo "iamlint: ${cmd[*]} ${args[*]} -- ${paths[*]}"
"${cmd[@]}" "${args[@]}" -- "${paths[@]}"
rc=$?
output exit-code "$rc"

if [ -s "$sarif" ]; then
  output sarif-file "$sarif"
  node -e '
    const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const results = log.runs.flatMap((r) => r.results || []);
    const open = results.filter((r) => !(r.suppressions || []).length);
    const by = {};
    for (const r of open) by[r.level || "warning"] = (by[r.level || "warning"] || 0) + 1;
    const counts = Object.entries(by).map(([k, n]) => n + " " + k).join(", ");
    console.log("iamlint: " + open.length + " result(s)" + (counts ? " (" + counts + ")" : "") + ", " + (results.length - open.length) + " suppressed; SARIF written to " + process.argv[1]);
  ' "$sarif" || true
else
  output sarif-file ""
  echo "iamlint: no SARIF file was written (exit code $rc)."
fi
echo "iamlint: exit code $rc (fail-on: ${INPUT_FAIL_ON:-error})"
exit 0
