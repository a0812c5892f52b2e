#!/usr/bin/env bash
# Plans one synthesized stack with the read-only plan role and writes plans/<stack>.json.
# A failure is recorded in plans/<stack>.failed (first error lines) instead of stopping the other
# stacks of the wave: the plan comment then names the stack that could not be planned.
set -uo pipefail
stack="$1"
dir="cdktf.out/stacks/${stack}"
mkdir -p plans
log="plans/${stack}.log"
{
  node bin/lz.js provider-override "${dir}" --role lz-plan-readonly --session-name "plan-pr-${PR_NUMBER:-0}" &&
    terraform -chdir="${dir}" init -input=false -no-color &&
    terraform -chdir="${dir}" plan -input=false -no-color -lock-timeout=5m -out=tfplan &&
    terraform -chdir="${dir}" show -json tfplan >"plans/${stack}.json"
} >"${log}" 2>&1
status=$?
if [ "${status}" -ne 0 ]; then
  grep -m 3 -E 'Error' "${log}" | tr '\n' ' ' >"plans/${stack}.failed" || echo "terraform exited ${status}" >"plans/${stack}.failed"
  echo "::error title=plan failed::${stack}: see ${log}"
fi
exit 0
