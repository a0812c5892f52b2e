#!/usr/bin/env bash
# Keeps one open issue labelled lz-drift: updated with the report lz drift-report wrote when
# something drifted, opened when none is open, closed with a note when there is no report (nothing
# drifted). Needs GH_TOKEN with issues:write.
set -euo pipefail
label="lz-drift"
existing="$(gh issue list --repo "${GITHUB_REPOSITORY}" --label "${label}" --state open --limit 1 --json number --jq '.[0].number // empty')"
if [ -f drift.md ]; then
  if [ -n "${existing}" ]; then
    gh issue edit "${existing}" --repo "${GITHUB_REPOSITORY}" --body-file drift.md
    echo "updated drift issue #${existing}"
  else
    gh label create "${label}" --repo "${GITHUB_REPOSITORY}" --color B60205 --description "Estate differs from main" 2>/dev/null || true
    gh issue create --repo "${GITHUB_REPOSITORY}" --label "${label}" --title "Drift detected in the landing zone" --body-file drift.md
  fi
elif [ -n "${existing}" ]; then
  gh issue close "${existing}" --repo "${GITHUB_REPOSITORY}" --comment "No drift in the run of $(date -u +%Y-%m-%d); closing."
fi
