// LandingZoneStack.ensureBackendExists returns the backend its constructor made instead of
// searching the construct tree (cdktf's implementation, quadratic across an estate's cross-stack
// references). It must be exactly the backend cdktf's search finds, in every stack.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { buildApp } from '../../stacks/app';
import { loadConfig } from '../../lib/config/load';
import { LandingZoneStack } from '../../stacks/landing-zone-stack';
import { EXAMPLE_CONFIG_DIR } from '../helpers/synth';

describe('LandingZoneStack.ensureBackendExists', () => {
  it('is the one backend that cdktf finds in the stack, for every stack of the example', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-backend-'));
    try {
      const { app } = buildApp(loadConfig(EXAMPLE_CONFIG_DIR), outdir);
      const stacks = app.node.children.filter((child): child is LandingZoneStack => child instanceof LandingZoneStack);
      expect(stacks.length).toBe(app.node.children.filter((child) => child instanceof TerraformStack).length);
      expect(stacks.length).toBeGreaterThanOrEqual(8);
      for (const stack of stacks) {
        const found = TerraformStack.prototype.ensureBackendExists.call(stack);
        // Identity, not structural equality: the same construct object.
        expect(stack.ensureBackendExists()).toBe(found);
        const backends = stack.node.findAll().filter((node) => node instanceof S3Backend || node instanceof LocalBackend);
        expect([stack.node.id, backends.length]).toEqual([stack.node.id, 1]);
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
