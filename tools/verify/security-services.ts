// The security-service checks of the verifier: GuardDuty and Security Hub on in every account and
// Region, and each IAM Access Analyzer active.
import { ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { GetDetectorCommand, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { DescribeHubCommand } from '@aws-sdk/client-securityhub';
import type { EstateTargets } from './estate';
import type { InAccount } from './types';

export function verifySecurityServices(estate: EstateTargets, inAccount: InAccount): void {
  for (const account of estate.accounts) {
    for (const region of estate.regions) {
      inAccount('guardduty-enabled', account.name, region, account.name, async (aws) => {
        const { DetectorIds: detectors = [] } = await aws.guardDuty().send(new ListDetectorsCommand({}));
        if (!detectors.length) return ['fail', 'no detector'];
        const detector = await aws.guardDuty().send(new GetDetectorCommand({ DetectorId: detectors[0] }));
        if (detector.Status !== 'ENABLED') return ['fail', `detector ${detectors[0]} Status ${detector.Status}`];
        return ['pass', `detector ${detectors[0]} ENABLED`];
      });
      inAccount('securityhub-enabled', account.name, region, account.name, async (aws) => {
        try {
          const hub = await aws.securityHub().send(new DescribeHubCommand({}));
          return ['pass', `subscribed since ${hub.SubscribedAt ?? 'unknown'}`];
        } catch (error) {
          if ((error as Error).name === 'InvalidAccessException') return ['fail', 'not subscribed to Security Hub'];
          throw error;
        }
      });
    }
  }

  for (const analyzer of estate.analyzers) {
    inAccount('access-analyzer-active', analyzer.account, analyzer.region, analyzer.name, async (aws) => {
      const { analyzers = [] } = await aws.accessAnalyzer().send(new ListAnalyzersCommand({ type: analyzer.type }));
      const found = analyzers.find((candidate) => candidate.name === analyzer.name);
      if (!found) return ['fail', `${analyzer.type === 'ORGANIZATION' ? 'organization' : 'account'} analyzer not found`];
      if (found.status !== 'ACTIVE')
        return ['fail', `status ${found.status}${found.statusReason?.code ? ` (${found.statusReason.code})` : ''}`];
      return ['pass', 'ACTIVE'];
    });
  }
}
