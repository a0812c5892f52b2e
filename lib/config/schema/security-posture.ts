// securityPosture: alternate contacts, posture thresholds and the Macie discovery job.
import { z } from 'zod';
import { email } from './primitives';

const alternateContact = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .max(64)
      .describe('Name of the contact, 1-64 characters: a team rather than a person, e.g. Cyber Security Operations.'),
    title: z.string().min(1).max(50).describe('Title or role, 1-50 characters, e.g. Security Operations Centre.'),
    email: email.describe('A monitored team mailbox, e.g. aws-security-contact@example.nhs.uk.'),
    phone: z
      .string()
      .regex(/^[\s0-9()+-]{1,25}$/, 'must be 1-25 digits, spaces, + ( ) or -, such as +44 20 7946 0000')
      .describe('Telephone number, 1-25 digits, spaces, + ( ) or -, e.g. +44 20 7946 0000.'),
  })
  .describe('One alternate contact of every account (AWS Account Management PutAlternateContact).');

export const securityPosture = z
  .strictObject({
    alternateContacts: z
      .strictObject({
        security: alternateContact.describe('Who AWS contacts about security issues in any account (Security Hub Account.1 needs it).'),
        operations: alternateContact.optional().describe('Who AWS contacts about operational issues. Default: none set.'),
        billing: alternateContact.optional().describe('Who AWS contacts about billing. Default: none set.'),
      })
      .optional()
      .describe('Alternate contacts set in every account of the estate. Default: none, and lz posture predicts Account.1 failing.'),
    minimumScores: z
      .strictObject({
        fsbp: z
          .number()
          .min(0)
          .max(100)
          .default(90)
          .describe('Lowest predicted AWS Foundational Security Best Practices score (percent) lz posture accepts. Default: 90.'),
        cis: z
          .number()
          .min(0)
          .max(100)
          .default(95)
          .describe('Lowest predicted CIS AWS Foundations Benchmark v3.0 score (percent) lz posture accepts. Default: 95.'),
      })
      .default({ fsbp: 90, cis: 95 })
      .describe('Thresholds below which lz posture exits non-zero. Default: FSBP 90, CIS 95.'),
    sensitiveDataDiscovery: z
      .strictObject({
        classifications: z
          .array(z.string().min(1))
          .min(1)
          .describe(
            'Data classifications that mean patient data, from dataClassifications, e.g. [OFFICIAL-SENSITIVE]: the Macie job analyses every bucket in the organization tagged data-classification with one of them.',
          ),
        frequency: z
          .enum(['DAILY', 'WEEKLY', 'MONTHLY'])
          .default('WEEKLY')
          .describe(
            'How often the job runs; each run after the first analyses only objects created or changed since the previous run. Default: WEEKLY.',
          ),
      })
      .optional()
      .describe(
        'A scheduled Amazon Macie sensitive data discovery job run by the security account (the Macie delegated administrator) for buckets of every account tagged with a patient-data classification, results kept in a KMS-encrypted bucket (ADR 0704). Default: no job.',
      ),
  })
  .default({ minimumScores: { fsbp: 90, cis: 95 } })
  .describe(
    'Day-one Security Hub posture: account contacts and the score thresholds lz posture enforces (docs/security-posture.md). Default: no contacts, thresholds FSBP 90 and CIS 95.',
  );
/** Permission-set names become IAM role names (AWSReservedSSO_<name>_<hash>): AWS allows 1-32 of these characters. */
