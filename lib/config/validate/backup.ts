// Backup: tiers, vault lock bounds and the classifications that choose a default tier.
import type { LoadedConfig } from '../load';
import { centralCopyRetentions } from '../../backup';
import type { Reporter } from './kit';

export function validateBackup(config: LoadedConfig, report: Reporter): void {
  const lz = config.landingZone;
  const source = config.landingZoneSource;
  if (!lz.backup) return;
  const lock = lz.backup.vaultLock;
  if (lock.mode === 'COMPLIANCE' && lock.acknowledgeComplianceModeCannotBeUndone !== true) {
    report(
      { source, path: ['backup', 'vaultLock', 'mode'] },
      'is COMPLIANCE, which nobody (not even the root user or AWS) can remove once changeableForDays pass; set acknowledgeComplianceModeCannotBeUndone: true to confirm, or use GOVERNANCE',
    );
  }
  if (lock.minRetentionDays > lock.maxRetentionDays) {
    report(
      { source, path: ['backup', 'vaultLock', 'minRetentionDays'] },
      `is ${lock.minRetentionDays}, more than maxRetentionDays (${lock.maxRetentionDays}); the lock would refuse every copy`,
    );
  } else {
    for (const copy of centralCopyRetentions()) {
      const days = copy.retention.deleteAfterDays;
      if (days < lock.minRetentionDays || days > lock.maxRetentionDays) {
        report(
          { source, path: ['backup', 'vaultLock', days < lock.minRetentionDays ? 'minRetentionDays' : 'maxRetentionDays'] },
          `must admit the ${copy.tier} tier's ${copy.rule} copy to the ${copy.copy} central vault (kept ${days} days), or Vault Lock refuses those copies; allowed range is ${lock.minRetentionDays}-${lock.maxRetentionDays}`,
        );
      }
    }
  }
  for (const classification of Object.keys(lz.backup.classificationTiers)) {
    if (!lz.dataClassifications.includes(classification)) {
      report(
        { source, path: ['backup', 'classificationTiers', classification] },
        `is not one of dataClassifications (${lz.dataClassifications.join(', ')})`,
      );
    }
  }
}
