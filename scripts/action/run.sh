#!/usr/bin/env bash
# The step of the GitHub Action (action.yml): runs `secret-hints scan` with the action's inputs, writes the
# report, annotates and summarises the findings, and exits with the CLI's exit code — after the report is
# written, so a later `upload-sarif` step (if: !cancelled()) uploads it either way.
# Inputs are INPUT_* variables, as action.yml passes them: INPUT_PATHS (spaces, or one per line), INPUT_FORMAT,
# INPUT_OUTPUT (empty: the report goes to the log), INPUT_FAIL_ON, INPUT_ARGS (spaces, no shell quoting: never
# evaluated), INPUT_ANNOTATIONS. Run locally the same way: INPUT_PATHS=k8s bash scripts/action/run.sh
set -uo pipefail
action_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
format="${INPUT_FORMAT:-sarif}"
output="${INPUT_OUTPUT-secret-hints.sarif}"
fail_on="${INPUT_FAIL_ON:-}"

paths=()
if [[ "${INPUT_PATHS:-}" == *$'\n'* ]]; then
  while IFS= read -r line; do
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    if [ -n "$line" ]; then paths+=("$line"); fi
  done <<<"$INPUT_PATHS"
else
  read -r -a paths <<<"${INPUT_PATHS:-}"
fi
if [ "${#paths[@]}" = 0 ]; then paths=(.); fi
extra=()
read -r -a extra <<<"${INPUT_ARGS:-}"

# The CLI of this checkout: dist/ is built by `npm run build` (or shipped by a release); a checkout of the
# action's sources without it is built once, from its own lockfile (no install scripts run).
cli="${SECRET_HINTS_CLI:-$action_root/dist/cli.js}"
if [ ! -f "$cli" ]; then
  echo "::group::Building secret-hints from the action's checkout"
  if ! (cd "$action_root" && npm ci --no-audit --no-fund --ignore-scripts && node scripts/build.mjs --production) >&2; then
    echo "::endgroup::"
    echo "::error title=secret-hints::Could not build the CLI in $action_root."
    exit 2
  fi
  echo "::endgroup::"
fi

cmd=(node "$cli" scan "${paths[@]}" --format "$format")
if [ -n "$fail_on" ]; then cmd+=(--fail-on "$fail_on"); fi
cmd+=("${extra[@]}")
if [ -n "$output" ]; then
  mkdir -p "$(dirname "$output")"
  "${cmd[@]}" >"$output"
else
  "${cmd[@]}"
fi
code=$?

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$code"
    echo "output=$output"
  } >>"$GITHUB_OUTPUT"
fi
if [ "$format" = sarif ] && [ -n "$output" ] && [ -s "$output" ]; then
  # Annotations and the job summary are a convenience: their failure never changes the exit code.
  node "$action_root/scripts/action/summary.mjs" "$output" "$code" || true
fi
echo "secret-hints: exit code $code${output:+, report in $output}"
exit "$code"
