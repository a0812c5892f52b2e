// The bundled example's organization as the guardrail simulator walks it, and the principals the
// policy simulation tests ask as: shared so that each suite states only its own requests.
import { loadConfig } from '../../lib/config/load';
import { buildGuardrailModel, findAccount } from '../../tools/simulation/simulate';
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
