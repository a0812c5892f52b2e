#!/usr/bin/env bash
# Applies one synthesized stack as the apply role, exactly as reviewed: plans it, redacts the plan,
# compares its resource changes with the reviewed plan of the pull request (reviewed/<stack>.json)
# with `lz plan-compare`, and applies that same saved plan file only when nothing unreviewed would
# be applied. A plan without changes (already applied: a resumed deploy) applies nothing.
# Member-account stacks chain into the execution role with sts:SourceIdentity set to the GitHub actor
# and commit, which the apply role requires. Logs go to evidence/<stack>.apply.log.
set -euo pipefail
stack="$1"
dir="cdktf.out/stacks/${stack}"
mkdir -p evidence
log="evidence/${stack}.apply.log"
reviewed="reviewed/${stack}.json"
node bin/lz.js provider-override "${dir}" --source-identity "${SOURCE_IDENTITY}" --session-name "${SOURCE_IDENTITY}" >>"${log}" 2>&1
terraform -chdir="${dir}" init -input=false -no-color >>"${log}" 2>&1
set +e
terraform -chdir="${dir}" plan -input=false -no-color -lock-timeout=10m -detailed-exitcode -out=tfplan >>"${log}" 2>&1
planned=$?
set -e
if [ "${planned}" -eq 0 ]; then
  echo "${stack}: no changes (already applied)" | tee -a "${log}"
  exit 0
fi
if [ "${planned}" -ne 2 ]; then
  echo "${stack}: terraform plan failed (see ${log})" >&2
  exit 1
fi
if [ ! -f "${reviewed}" ]; then
  echo "${stack}: the pull request has no reviewed plan for this stack; not applying" | tee -a "${log}" >&2
  exit 1
fi
raw="$(mktemp)"
terraform -chdir="${dir}" show -json tfplan >"${raw}"
node bin/lz.js redact-plan "${raw}" --out "evidence/${stack}.plan.json" >>"${log}"
rm -f "${raw}"
node bin/lz.js plan-compare --reviewed "${reviewed}" --current "evidence/${stack}.plan.json" --stack "${stack}" | tee -a "${log}"
terraform -chdir="${dir}" apply -input=false -no-color -lock-timeout=10m tfplan 2>&1 | tee -a "${log}"
