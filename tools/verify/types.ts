// The shapes every part of the verifier shares: one check's result, the options of a run, and the two
// ways a check reports (record a result outright, or schedule a read in an account and Region).
import type { CheckId } from './checks';
import type { AccountClients } from './clients';

export type Outcome = 'pass' | 'fail';

export interface CheckResult {
  readonly check: CheckId;
  /** Account name from configuration (the StackSet and trail checks run in the management account). */
  readonly account: string;
  readonly region: string;
  /** The resource checked (trail, alarm, StackSet...) or the account itself. */
  readonly subject: string;
  readonly outcome: Outcome;
  /** What AWS returned, in a few words. */
  readonly detail: string;
  /** Present on failures: what to do (from the check catalogue). */
  readonly fix?: string;
}

export interface VerifyOptions {
  /** Set an alarm to ALARM and confirm its SNS action ran (a write; off by default). */
  readonly sendTestAlert?: boolean;
  /** How long to wait for the alarm history after a test alert. */
  readonly testAlertTimeoutMs?: number;
  /** Between reads of the alarm history; tests set it to 0. */
  readonly pollIntervalMs?: number;
  /** How many AWS reads run at once. */
  readonly concurrency?: number;
}

/** Records a result that needs no AWS read. */
export type Record = (check: CheckId, account: string, region: string, subject: string, outcome: Outcome, detail: string) => void;

/** Schedules one check against one account and Region; an unknown account or an API error fails it. */
export type InAccount = (
  check: CheckId,
  account: string,
  region: string,
  subject: string,
  body: (aws: AccountClients) => Promise<[Outcome, string]>,
) => void;
