#!/usr/bin/env bash
# The deployment's outcome for the job summary: per wave, the stacks applied, the stack that failed
# or was refused, and the stacks not applied; then how to resume. Reads affected.json (lz affected)
# and the evidence/applied-<batch>.txt and evidence/failed-<batch>.txt files the wave jobs wrote.
set -euo pipefail
applied="$(cat evidence/applied-*.txt 2>/dev/null | sort -u || true)"
failed="$(cat evidence/failed-*.txt 2>/dev/null | sort -u || true)"
echo "## Deployment of ${GITHUB_SHA::12}"
echo ""
echo "| wave | applied | failed or refused | not applied |"
echo "|---|---|---|---|"
waves="$(node -e 'const a = require("./affected.json"); a.waves.forEach((w, i) => console.log(i + " " + w.join(" ")))')"
not_applied_total=0
while read -r index stacks; do
  [ -n "${index}" ] || continue
  done_here=(); failed_here=(); left_here=()
  for stack in ${stacks}; do
    if grep -qx "${stack}" <<<"${applied}"; then done_here+=("${stack}")
    elif grep -qx "${stack}" <<<"${failed}"; then failed_here+=("${stack}")
    else left_here+=("${stack}"); not_applied_total=$((not_applied_total + 1)); fi
  done
  echo "| ${index} | ${done_here[*]:-} | ${failed_here[*]:-} | ${left_here[*]:-} |"
done <<<"${waves}"
echo ""
if [ -z "${failed}" ] && [ "${not_applied_total}" -eq 0 ]; then
  echo "Every affected stack was applied as reviewed."
  exit 0
fi
echo "**Not finished.** Stacks applied stay applied. To resume:"
echo ""
echo "- if the plan differed from the reviewed one (lz plan-compare, exit 6, in the failed job's log): the"
echo "  change that would be applied was not reviewed. Open a pull request (an empty commit will do) so"
echo "  that it is planned and reviewed, and merge it: the deploy applies the affected stacks again."
echo "- if AWS or Terraform failed: fix forward with a pull request, or, for a transient error, use"
echo "  *Re-run failed jobs* on this run. Stacks already applied plan no changes and are skipped; a"
echo "  partly applied stack may apply what is left of its reviewed changes, and nothing else."
