#!/usr/bin/env bash
# Applies one synthesized stack as the apply role. Member-account stacks chain into the execution
# role with sts:SourceIdentity set to the GitHub actor and commit, which the apply role requires.
set -euo pipefail
stack="$1"
dir="cdktf.out/stacks/${stack}"
node bin/lz.js provider-override "${dir}" --source-identity "${SOURCE_IDENTITY}" --session-name "${SOURCE_IDENTITY}"
terraform -chdir="${dir}" init -input=false -no-color
terraform -chdir="${dir}" apply -input=false -no-color -auto-approve -lock-timeout=10m
