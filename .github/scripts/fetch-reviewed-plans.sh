#!/usr/bin/env bash
# Downloads the reviewed plans of the pull request that produced the pushed commit into reviewed/:
# the plans-pr-<n> artifact of the last successful plan run on that pull request's final head
# commit. Refuses (exit 1) when there is none: nothing is applied that nobody reviewed.
# Needs GH_TOKEN with actions:read and pull-requests:read.
set -euo pipefail
sha="${GITHUB_SHA}"
pr="$(gh api "repos/${GITHUB_REPOSITORY}/commits/${sha}/pulls" --jq '[.[] | select(.merged_at != null)][0].number // empty')"
if [ -z "${pr}" ]; then
  echo "::error title=no pull request::commit ${sha} did not come from a merged pull request; nothing reviewed to apply"
  exit 1
fi
head="$(gh api "repos/${GITHUB_REPOSITORY}/pulls/${pr}" --jq '.head.sha')"
run="$(gh run list --repo "${GITHUB_REPOSITORY}" --workflow plan.yml --commit "${head}" --status success --limit 1 --json databaseId --jq '.[0].databaseId // empty')"
if [ -z "${run}" ]; then
  echo "::error title=no reviewed plan::pull request #${pr} has no successful plan run for its head ${head}"
  exit 1
fi
mkdir -p reviewed
gh run download "${run}" --repo "${GITHUB_REPOSITORY}" --name "plans-pr-${pr}" --dir reviewed-artifact
# The content hashes recorded when the plans were made must still hold.
(cd reviewed-artifact && sha256sum --check --strict SHA256SUMS)
cp reviewed-artifact/plans/*.json reviewed/
cp reviewed-artifact/plan-comment.md reviewed/ 2>/dev/null || true
echo "pr=${pr}" >>"${GITHUB_OUTPUT:-/dev/null}"
echo "plan-run=${run}" >>"${GITHUB_OUTPUT:-/dev/null}"
echo "reviewed plans of pull request #${pr} (plan run ${run}, head ${head}): $(ls reviewed | wc -l) file(s)"
