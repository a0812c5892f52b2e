// backup: the backup account, its central vaults and the organization backup policies.
import { z } from 'zod';
import { coreAccount } from './primitives';

export const backupSchema = z
  .strictObject({
    account: coreAccount.describe(
      'The backup account: holds the central, Vault-Locked vaults that every member account copies into. Usually in the Security OU.',
    ),
    vaultLock: z
      .strictObject({
        mode: z
          .enum(['GOVERNANCE', 'COMPLIANCE'])
          .default('COMPLIANCE')
          .describe(
            'Vault Lock mode of the central vaults. COMPLIANCE: after changeableForDays nobody, not even root or AWS, can remove the lock or delete a recovery point early (needs acknowledgeComplianceModeCannotBeUndone); GOVERNANCE: a principal with backup:DeleteBackupVaultLockConfiguration can lift it. Default: COMPLIANCE.',
          ),
        minRetentionDays: z
          .number()
          .int()
          .min(1)
          .max(36500)
          .default(7)
          .describe(
            'Shortest retention a recovery point copied into a central vault may have, 1-36500 days; a copy with less is refused. Default: 7.',
          ),
        maxRetentionDays: z
          .number()
          .int()
          .min(1)
          .max(36500)
          .default(3653)
          .describe(
            'Longest retention a recovery point in a central vault may have, 1-36500 days, at least minRetentionDays. Default: 3653 (10 years).',
          ),
        changeableForDays: z
          .number()
          .int()
          .min(3)
          .max(36500)
          .default(3)
          .describe(
            'COMPLIANCE only: days after the first apply during which the lock can still be removed (AWS minimum 3); after that it is immutable. Default: 3.',
          ),
        acknowledgeComplianceModeCannotBeUndone: z
          .boolean()
          .optional()
          .describe(
            'Must be true to use COMPLIANCE mode: once changeableForDays pass, nobody can shorten retention or remove the lock. Default: unset.',
          ),
      })
      .default({ mode: 'COMPLIANCE', minRetentionDays: 7, maxRetentionDays: 3653, changeableForDays: 3 })
      .describe('Vault Lock on the central vaults. Default: COMPLIANCE, 7-3653 days, changeable for 3 days (needs the acknowledgement).'),
    classificationTiers: z
      .record(z.string(), z.enum(['critical', 'standard', 'none']))
      .default({})
      .describe(
        'Default backup tier (critical, standard or none) per data classification, e.g. { OFFICIAL-SENSITIVE: critical }; lz backup-report uses it for resources without an lz:backup tag. A classification not listed defaults to standard.',
      ),
  })
  .optional()
  .describe(
    'AWS Backup: the backup account, its central vaults, and the organization backup and tag policies (docs/backup-and-recovery.md). Omit for an estate without organization backups.',
  );
