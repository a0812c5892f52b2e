// logging: the log-archive buckets, the organization trail and alerting.
import { z } from 'zod';
import { email } from './primitives';

export const loggingSchema = z
  .strictObject({
    objectLock: z
      .strictObject({
        mode: z
          .enum(['GOVERNANCE', 'COMPLIANCE'])
          .default('GOVERNANCE')
          .describe(
            'S3 Object Lock mode of the log buckets. GOVERNANCE: a principal with s3:BypassGovernanceRetention can shorten it; COMPLIANCE: nobody can, not even root (needs acknowledgeComplianceModeCannotBeUndone). Default: GOVERNANCE.',
          ),
        retentionDays: z
          .number()
          .int()
          // Audit logs are locked at least a year, as long as the trail's CloudWatch copy is kept:
          // a 1-day lock on the audit archive validated silently before (issue 16).
          .min(365, 'must be at least 365 days: the audit archive keeps logs locked at least a year')
          .max(36500)
          .default(2922)
          .describe('Days each log object stays locked, 365-36500; logs expire the day after. Default: 2922 (8 years).'),
        acknowledgeComplianceModeCannotBeUndone: z
          .boolean()
          .optional()
          .describe('Must be true to use COMPLIANCE mode: nobody, not even root, can delete logs before retention ends. Default: unset.'),
      })
      .default({ mode: 'GOVERNANCE', retentionDays: 2922 })
      .describe('Object Lock on the log-archive buckets. Default: GOVERNANCE mode, 2922 days.'),
    cloudWatchRetentionDays: z
      .union([
        z.literal(365),
        z.literal(400),
        z.literal(545),
        z.literal(731),
        z.literal(1096),
        z.literal(1827),
        z.literal(2192),
        z.literal(2557),
        z.literal(2922),
        z.literal(3288),
        z.literal(3653),
      ])
      .default(365)
      .describe(
        "Days the organization trail's CloudWatch Logs log group keeps events: one of 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (values CloudWatch accepts, at least a year). Default: 365.",
      ),
    validationWindowDays: z
      .number()
      .int()
      .min(30)
      .max(36500)
      .default(365)
      .describe(
        'Days log objects stay in instantly readable storage (Standard, then Glacier Instant Retrieval after 90 days) before Deep Archive, 30-36500. Default: 365.',
      ),
    patientDataBucketPrefix: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,30}$/)
      .describe(
        'Bucket-name prefix, 2-31 lower-case letters, digits, dots or hyphens (e.g. pd-): buckets whose names start with it get CloudTrail S3 data events.',
      ),
    alertEmails: z
      .array(email)
      .default([])
      .describe(
        'Mailboxes subscribed to security alerts (detective alarms and findings), e.g. [security-alerts@example.nhs.uk]; each must confirm the SNS subscription. Default: none.',
      ),
  })
  .describe('Audit logging: the log-archive buckets, the organization trail and alerting.');
