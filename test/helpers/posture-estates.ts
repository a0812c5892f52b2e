// Hand-built synthesized stacks for the posture estimator: a stack is pinned to an account with a
// provider per Region, exactly as the real stacks are, and holds the resources a test gives it.
import type { TerraformJson } from '../../tools/synth/output';

export const HOME = 'eu-west-2';
export const OTHER = 'eu-west-1';

/** A resource: its type, name, body, and (optionally) the second Region's provider. */
export interface FixtureResource {
  readonly type: string;
  readonly name: string;
  readonly body: TerraformJson;
  readonly region?: typeof HOME | typeof OTHER;
}

export const r = (type: string, name: string, body: TerraformJson = {}, region?: typeof HOME | typeof OTHER): FixtureResource => ({
  type,
  name,
  body,
  region,
});

/** One stack in `account`, with providers for both Regions (home first). */
export function fixtureStack(account: string, resources: readonly FixtureResource[]): TerraformJson {
  const resource: Record<string, Record<string, TerraformJson>> = {};
  for (const item of resources) {
    resource[item.type] ??= {};
    resource[item.type][item.name] = { ...item.body, ...(item.region === OTHER ? { provider: 'aws.eu_west_1' } : {}) };
  }
  return {
    provider: {
      aws: [
        { region: HOME, allowed_account_ids: [account] },
        { alias: 'eu_west_1', region: OTHER, allowed_account_ids: [account] },
      ],
    },
    resource,
  };
}

export function fixtureEstate(stacks: Record<string, TerraformJson>): Map<string, TerraformJson> {
  return new Map(Object.entries(stacks));
}
