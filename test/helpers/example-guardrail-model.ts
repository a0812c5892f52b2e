// The bundled example's organization as the guardrail simulator walks it, and the principals the
// policy simulation tests ask as: shared so that each suite states only its own requests.
import { loadConfig } from '../../lib/config/load';
import { buildGuardrailModel, findAccount, simulateRequest, type SimulationRequest } from '../../tools/simulation/simulate';
import { EXAMPLE_CONFIG_DIR } from './synth';

const loaded = loadConfig(EXAMPLE_CONFIG_DIR);

/** The example's landing-zone configuration. */
export const exampleConfig = loaded.landingZone;

/** The example's organization: OUs, accounts and the guardrails attached to each. */
export const exampleModel = buildGuardrailModel(
  exampleConfig,
  loaded.accounts.map((account) => account.config),
);

/** Account ID of an example account, by name. */
export const accountIdOf = (account: string): string => findAccount(exampleModel, account).accountId;

/** A person signed in through Identity Center as a platform administrator of the account. */
export const adminSession = (account: string): string =>
  `arn:aws:sts::${accountIdOf(account)}:assumed-role/PlatformAdmin/alice@example.nhs.uk`;

/** An IAM role of the account, by name. */
export const roleIn = (account: string, name: string): string => `arn:aws:iam::${accountIdOf(account)}:role/${name}`;

/** One simulated request, the decision the design expects, and (for a denial) the statement that must decide it. */
export interface ExpectedDecision {
  readonly name: string;
  readonly request: SimulationRequest;
  readonly expect: 'Allowed' | 'Denied';
  /** The policy and statement that must deny it; any denial counts when omitted. */
  readonly deniedBy?: { readonly policy: string; readonly statement: string };
}

/** Every case whose simulated decision, or deciding statement, differs from the expected one, as a readable line. */
export async function decisionMismatches(cases: readonly ExpectedDecision[], model = exampleModel): Promise<string[]> {
  const mismatches: string[] = [];
  for (const entry of cases) {
    const outcome = await simulateRequest(model, entry.request);
    const label = `${entry.name}: ${entry.request.action} in ${entry.request.account} by ${entry.request.principal ?? 'Administrator'}`;
    const decidedBy = outcome.deciding ? `${outcome.deciding.policy}/${outcome.deciding.statement}` : undefined;
    if (outcome.decision !== entry.expect) {
      mismatches.push(`${label}: expected ${entry.expect}, got ${outcome.decision}${decidedBy ? ` by ${decidedBy}` : ''}`);
    } else if (entry.expect === 'Denied' && entry.deniedBy) {
      const wanted = `${entry.deniedBy.policy}/${entry.deniedBy.statement}`;
      if (decidedBy !== wanted) mismatches.push(`${label}: denied, but by ${decidedBy} instead of ${wanted}`);
    }
  }
  return mismatches;
}
