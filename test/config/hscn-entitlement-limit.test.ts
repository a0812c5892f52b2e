// The firewall's HSCN entitlement prefix list has a fixed size (ADR 0508): configuration validation
// refuses one entitled account more than it holds, naming the account file that overflows it.
import { loadConfig } from '../../lib/config/load';
import { validateConfig } from '../../lib/config/validate';
import { HSCN_ENTITLED_LIST_MAX_ENTRIES } from '../../lib/network/hscn-entitlement';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

const example = loadConfig(EXAMPLE_CONFIG_DIR);
const entitledAccount = example.accounts.find((account) => account.config.hscn && account.config.status === 'active')!;

/**
 * The example with `count` HSCN-entitled accounts: copies of its entitled one, each with its own name,
 * email and /24 from the workload pool (100.70.0.0 upwards, clear of the example's accounts and reserved
 * ranges), so that the entitlement limit is the only problem. Copies that shared one CIDR and email
 * would add half a million overlap problems at 1,000 accounts and make this test take a minute.
 */
function withEntitled(count: number) {
  const others = example.accounts.filter((account) => account !== entitledAccount);
  return {
    ...example,
    accounts: [
      ...others,
      ...Array.from({ length: count }, (_, index) => ({
        ...entitledAccount,
        config: {
          ...entitledAccount.config,
          name: `entitled-${index}`,
          email: `aws-entitled-${index}@example.nhs.uk`,
          cidr: `100.${70 + Math.floor(index / 256)}.${index % 256}.0/24`,
        },
      })),
    ],
  };
}
const limitProblems = (count: number) =>
  validateConfig(withEntitled(count)).filter((problem) => problem.message.includes('entitlement prefix list'));

describe('HSCN entitlement prefix list size', () => {
  it(`accepts ${HSCN_ENTITLED_LIST_MAX_ENTRIES} entitled accounts and refuses the next one at its hscn field`, () => {
    expect(limitProblems(HSCN_ENTITLED_LIST_MAX_ENTRIES)).toEqual([]);
    expect(limitProblems(HSCN_ENTITLED_LIST_MAX_ENTRIES + 1)).toEqual([
      expect.objectContaining({ field: 'hscn', line: expect.any(Number), message: expect.stringMatching(/at most 1000 CIDRs/) }),
    ]);
  });
});
