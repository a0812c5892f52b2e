// Every exit status of `lz`, in one table, so scripts and the workflows can rely on them and no two
// commands give one number two meanings. 64-74 follow BSD sysexits.h.

/** Success: the command did what was asked (for `simulate`, the request is allowed). */
export const EXIT_OK = 0;
/** `simulate`: a guardrail denies the request. `verify`: a live check failed. `evidence`: a control's status is not backed. */
export const EXIT_DENIED = 1;
/** The configuration is invalid; every problem is printed with file, line and field. */
export const EXIT_CONFIG_INVALID = 2;
/** `plan-report`: a plan would destroy a protected resource (accepted with --allow-destroy). */
export const EXIT_PROTECTED_DESTROY = 3;
/** `plan-report`: at least one stack failed to plan. */
export const EXIT_PLAN_FAILED = 4;
/** `posture`: a predicted Security Hub score is below its threshold (securityPosture.minimumScores). */
export const EXIT_POSTURE_BELOW_THRESHOLD = 5;
/** `plan-compare`: the fresh plan differs from the reviewed one; the deploy refuses to apply. */
export const EXIT_PLAN_DIFFERS = 6;
/** Bad flags or arguments (sysexits EX_USAGE). */
export const EXIT_USAGE = 64;
/** An input file is not what the command expects, e.g. not a Terraform JSON plan (EX_DATAERR). */
export const EXIT_BAD_PLAN = 65;
/** An input file or folder does not exist or cannot be read (EX_NOINPUT). */
export const EXIT_NO_INPUT = 66;
/** An output file or folder cannot be created (EX_CANTCREAT). */
export const EXIT_CANNOT_CREATE = 73;
/** dist/ is older than the TypeScript source: build (npm run build) and retry (EX_TEMPFAIL). bin/lz.js repeats the number. */
export const EXIT_STALE_BUILD = 75;
/** `verify`: the caller has no usable AWS credentials (EX_NOPERM). */
export const EXIT_NO_CREDENTIALS = 77;

/** The table printed by `lz --help` and checked by the tests: status, meaning. */
export const EXIT_STATUS_TABLE: readonly (readonly [number, string])[] = [
  [EXIT_OK, 'success (simulate: allowed)'],
  [EXIT_DENIED, 'simulate: denied by a guardrail; verify: a live check failed; evidence: a control is not backed'],
  [EXIT_CONFIG_INVALID, 'invalid configuration (file:line: field: message)'],
  [EXIT_PROTECTED_DESTROY, 'plan-report: a protected resource would be destroyed'],
  [EXIT_PLAN_FAILED, 'plan-report: a stack failed to plan'],
  [EXIT_POSTURE_BELOW_THRESHOLD, 'posture: a predicted Security Hub score is below its threshold'],
  [EXIT_PLAN_DIFFERS, 'plan-compare: the plan differs from the reviewed plan'],
  [EXIT_USAGE, 'bad flags or arguments'],
  [EXIT_BAD_PLAN, 'an input file is not in the expected format'],
  [EXIT_NO_INPUT, 'an input file or folder is missing or unreadable'],
  [EXIT_CANNOT_CREATE, 'an output file or folder cannot be written'],
  [EXIT_STALE_BUILD, 'the compiled program (dist/) is older than its source: npm run build'],
  [EXIT_NO_CREDENTIALS, 'verify: no usable AWS credentials'],
];
