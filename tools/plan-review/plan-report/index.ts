// Turns `terraform show -json` plans (every JSON plan format Terraform has produced: 0.1 to 1.2)
// into one Markdown pull-request comment that makes the dangerous part of a change impossible to
// miss: destroys and replacements with Terraform's reason, changes to guardrails, audit, keys,
// landing-zone roles and HSCN routing, and a verdict a workflow can act on. Pure functions only:
// reading files and exit codes belong to the command in cli/commands/plan-report.ts.
export * from './categories';
export * from './parse';
export * from './render';
export { changedAttributes } from './attributes';
