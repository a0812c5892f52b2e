#!/usr/bin/env bash
# Copies the evidence of one deployment (reviewed plan comment and plans, the plans compared before
# apply, apply logs, SHA256SUMS) to the delivery-evidence/ prefix of the log archive's CloudTrail
# bucket in the home Region, where Object Lock keeps it for the audit retention
# (docs/decisions/0506-delivery-evidence-retention.md). Objects are only ever added, under a key
# that names the commit: nothing is overwritten.
set -euo pipefail
prefix="delivery-evidence/$(date -u +%Y)/${GITHUB_SHA}"
aws s3 cp evidence/ "s3://${EVIDENCE_BUCKET}/${prefix}/" --recursive --only-show-errors
echo "evidence kept at s3://${EVIDENCE_BUCKET}/${prefix}/ ($(find evidence -type f | wc -l) files)"
