// The `guardrails` section of landing-zone.yaml: choices about the preventive controls that differ
// between estates. Today only the per-OU service allow-list (lib/guardrails/service-allow-list.ts).
import { z } from 'zod';

const servicePrefix = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be an AWS service prefix such as lambda or elasticloadbalancing, or default')
  .describe(
    "An AWS service prefix (the part of an IAM action before the colon, e.g. lambda), or default for the landing zone's default workload list.",
  );

export const guardrailsSchema = z
  .strictObject({
    serviceAllowList: z
      .record(
        z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9-]*(\/[A-Za-z][A-Za-z0-9-]*)*$/, 'must be an OU path such as Workloads or Workloads/Production'),
        z.array(servicePrefix).min(1),
      )
      .optional()
      .describe(
        "Per OU path, the AWS services its accounts may use; every other service is denied by an SCP on that OU (the execution, break-glass and read-only plan roles are exempt, and the services the landing zone itself needs are always allowed). default stands for the default workload list (docs/guardrails.md), e.g. { Workloads: [default], Workloads/Production: [default] }; a nested OU's list can only narrow its parent's. Default: { Workloads: [default] }; {} for no allow-list.",
      ),
  })
  .describe('Choices about the guardrails (docs/guardrails.md). Default: the default service allow-list on the Workloads OU.');
