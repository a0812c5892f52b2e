// Renaming a construct changes its Terraform address, and Terraform then destroys the old resource
// and creates a new one: for an account, a log bucket or a key that is data loss. This pins the
// address of every stateful resource of the example. If a change here is intended, add a `moved`
// block (or `terraform state mv` in the runbook) in the same pull request, then update the fixture.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allResources, synthConfig } from '../helpers/synth';
import { PROTECTED_TYPES } from '../../lib/protection';

const FIXTURE = path.join(__dirname, '../fixtures/stateful-addresses.json');

describe('addresses of stateful resources', () => {
  it('are exactly the pinned ones (a rename would replace the resource)', () => {
    const { stacks } = synthConfig();
    const actual: Record<string, string[]> = {};
    for (const [stack, type, name] of allResources(stacks)) {
      if (PROTECTED_TYPES.has(type)) (actual[stack] ??= []).push(`${type}.${name}`);
    }
    for (const list of Object.values(actual)) list.sort();
    const pinned = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
    expect(actual).toEqual(pinned);
  });
});
