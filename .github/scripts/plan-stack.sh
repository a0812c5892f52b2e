#!/usr/bin/env bash
# Plans one synthesized stack with the read-only plan role and writes plans/<stack>.json, redacted:
# `terraform show -json` prints sensitive values in clear text, so the raw JSON and the binary plan
# file (which holds them too) never leave this runner. A failure is recorded in plans/<stack>.failed
# (first error lines) instead of stopping the other stacks of the batch: the plan comment then names
# the stack that could not be planned. PLAN_MODE=drift adds -detailed-exitcode and records drift in
# plans/<stack>.drifted (exit 2: the plan has changes).
set -uo pipefail
stack="$1"
dir="cdktf.out/stacks/${stack}"
mkdir -p plans
log="plans/${stack}.log"
session="plan-${PLAN_SESSION_TAG:-pr-${PR_NUMBER:-0}}"
detailed=()
if [ "${PLAN_MODE:-review}" = "drift" ]; then detailed=(-detailed-exitcode); fi
status=0
{
  node bin/lz.js provider-override "${dir}" --role lz-plan-readonly --session-name "${session}" &&
    terraform -chdir="${dir}" init -input=false -no-color
} >"${log}" 2>&1 || status=1
if [ "${status}" -eq 0 ]; then
  terraform -chdir="${dir}" plan -input=false -no-color -lock-timeout=5m "${detailed[@]}" -out=tfplan >>"${log}" 2>&1
  status=$?
  if [ "${status}" -eq 2 ]; then
    touch "plans/${stack}.drifted"
    status=0
  fi
fi
if [ "${status}" -eq 0 ]; then
  raw="$(mktemp)"
  { terraform -chdir="${dir}" show -json tfplan >"${raw}" && node bin/lz.js redact-plan "${raw}" --out "plans/${stack}.json"; } >>"${log}" 2>&1 || status=1
  rm -f "${raw}"
fi
rm -f "${dir}/tfplan"
if [ "${status}" -ne 0 ]; then
  grep -m 3 -E 'Error' "${log}" | tr '\n' ' ' >"plans/${stack}.failed" || echo "terraform exited ${status}" >"plans/${stack}.failed"
  echo "::error title=plan failed::${stack}: see ${log}"
fi
exit 0
