// The verifier: applies every check of checks.ts to the estate estate.ts read, through the clients
// it is given, and returns one result per check and subject. It reads only, except for the
// optional test alert, and never stops at the first failure: an API error (including a plan role
// that cannot be assumed) is the failing result of that check, so the table shows every problem.
// The checks by area: log-delivery.ts, security-services.ts, roles.ts, alarms.ts; this file
// schedules them, a few reads at a time, and keeps the results in the order they were scheduled.
import { errorText, resolveAccountIds } from './accounts';
import { sendTestAlert, verifyAlarms, verifyAlertTopics } from './alarms';
import { checkById, type CheckId } from './checks';
import { concurrencyLimit } from './concurrency';
import type { ClientFactory } from './clients';
import type { EstateTargets } from './estate';
import { verifyLogDelivery } from './log-delivery';
import { verifyLandingZoneRoles, verifyStackSetInstances } from './roles';
import { verifySecurityServices } from './security-services';
import type { CheckResult, InAccount, Outcome, VerifyOptions } from './types';

export type { CheckResult, Outcome, VerifyOptions } from './types';

export async function verifyEstate(estate: EstateTargets, clients: ClientFactory, options: VerifyOptions = {}): Promise<CheckResult[]> {
  await clients.checkCallerCredentials();
  const results: CheckResult[] = [];
  const { ids, lookupError } = await resolveAccountIds(estate, clients);

  const record = (check: CheckId, account: string, region: string, subject: string, outcome: Outcome, detail: string) =>
    results.push({ check, account, region, subject, outcome, detail, ...(outcome === 'fail' ? { fix: checkById(check).fix } : {}) });

  // Checks run concurrently (a few at a time, so that large estates finish in minutes without
  // tripping API throttling); each result keeps the position its check was scheduled at.
  const limit = concurrencyLimit(options.concurrency ?? 8);
  const running: Promise<void>[] = [];
  /** Schedules one check against one account and Region; an unknown account or an API error fails it. */
  const inAccount: InAccount = (check, account, region, subject, body) => {
    const accountId = ids.get(account);
    if (!accountId) {
      record(
        check,
        account,
        region,
        subject,
        'fail',
        lookupError ?? `account ${account} not found in AWS Organizations (no account with its configured email)`,
      );
      return;
    }
    const slot = results.length;
    results.push({ check, account, region, subject, outcome: 'fail', detail: 'not run' });
    running.push(
      limit(async () => {
        let outcome: Outcome;
        let detail: string;
        try {
          [outcome, detail] = await body(clients.forAccount(accountId, region));
        } catch (error) {
          [outcome, detail] = ['fail', errorText(error)];
        }
        results[slot] = { check, account, region, subject, outcome, detail, ...(outcome === 'fail' ? { fix: checkById(check).fix } : {}) };
      }),
    );
  };

  verifyLogDelivery(estate, inAccount);
  verifySecurityServices(estate, inAccount);
  verifyLandingZoneRoles(estate, inAccount);
  verifyAlarms(estate, record, inAccount);
  verifyAlertTopics(estate, ids, inAccount);
  verifyStackSetInstances(estate, ids, inAccount);

  await Promise.all(running);
  if (options.sendTestAlert) await sendTestAlert(estate, clients, record, options);
  return results;
}
