// The control catalogue: every control the landing zone provides, helps with, or leaves to the trust,
// with the framework items it contributes to, the synthesized resources that implement it (by type and
// attribute, never by name) and the tests that prove it. `lz evidence` renders it; the docs cite it
// with `<!-- control: id -->` markers (test/docs/claims.test.ts). Framework IDs: lib/compliance/frameworks.ts.
// FSBP IDs are AWS Security Hub control IDs; CIS numbers are CIS AWS Foundations Benchmark v3.0.0.
//
// One file per area, composed here in the order `lz evidence` lists them.
import { AUDIT_CONTROLS } from './audit';
import { DETECTION_CONTROLS } from './detection';
import { IDENTITY_CONTROLS } from './identity';
import { GUARDRAIL_CONTROLS } from './guardrails';
import { NETWORK_CONTROLS } from './network';
import { CHANGE_AND_RESILIENCE_CONTROLS } from './change-and-resilience';
import { CUSTOMER_CONTROLS } from './customer';
import type { Control } from '../types';

export const CONTROLS: readonly Control[] = [
  ...AUDIT_CONTROLS,
  ...DETECTION_CONTROLS,
  ...IDENTITY_CONTROLS,
  ...GUARDRAIL_CONTROLS,
  ...NETWORK_CONTROLS,
  ...CHANGE_AND_RESILIENCE_CONTROLS,
  ...CUSTOMER_CONTROLS,
];
