// The offline preparation keeps the configuration Terraform validates identical except for what
// needs AWS: backend, credentials, role assumption, remote state and imports.
import { placeholderFor, prepareOfflineStack } from '../../../tools/terraform/offline';
import { synthConfig } from '../../helpers/synth';

describe('prepareOfflineStack', () => {
  const { stacks } = synthConfig();

  it('drops the backend, role assumption and account pinning, and skips every AWS call', () => {
    const offline = prepareOfflineStack(stacks.get('network')!, stacks);
    expect(offline.json.terraform.backend).toBeUndefined();
    for (const provider of offline.json.provider.aws) {
      expect(provider.assume_role).toBeUndefined();
      expect(provider.allowed_account_ids).toBeUndefined();
      expect(provider).toMatchObject({
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
      });
    }
    // The original is untouched.
    expect(stacks.get('network')!.terraform.backend.s3).toBeDefined();
  });

  it('sets import blocks aside and reports them', () => {
    const offline = prepareOfflineStack(stacks.get('organization')!, stacks);
    expect(offline.json.import).toBeUndefined();
    expect(offline.importsSetAside).toEqual([{ to: 'aws_organizations_account.account-analytics-dev', id: '333333333333' }]);
  });

  it('replaces remote state with local defaults for every referenced output, shaped like the real value', () => {
    const offline = prepareOfflineStack(stacks.get('workload-clinical-portal-prod')!, stacks);
    const remote = offline.json.data.terraform_remote_state['cross-stack-reference-input-organization'];
    expect(remote.backend).toBe('local');
    const values = Object.values(remote.defaults) as string[];
    expect(values.length).toBeGreaterThan(0);
    expect(values.some((value) => /^\d{12}$/.test(value))).toBe(true);
  });

  it('shapes placeholders after the producing attribute', () => {
    expect(placeholderFor('a', '${aws_organizations_account.account-x.id}')).toMatch(/^\d{12}$/);
    expect(placeholderFor('a', '${aws_organizations_account.account-x.id}')).not.toBe(
      placeholderFor('b', '${aws_organizations_account.account-y.id}'),
    );
    expect(placeholderFor('a', '${aws_ec2_transit_gateway.hub.id}')).toMatch(/^tgw-[0-9a-f]{17}$/);
    expect(placeholderFor('a', '${aws_organizations_organization.organization.roots[0].id}')).toMatch(/^r-[0-9a-f]{4}$/);
    expect(placeholderFor('a', '${aws_organizations_organizational_unit.ou-workloads.arn}')).toMatch(
      /^arn:aws:organizations::\d{12}:ou\/o-\w+\/ou-/,
    );
    expect(placeholderFor('a', '${aws_organizations_organization.organization.id}')).toMatch(/^o-[0-9a-f]{10}$/);
  });
});
