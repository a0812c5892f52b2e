// `terraform init -backend=false` once per provider requirement instead of once per stack. Every stack
// the checks plan declares the same `required_providers` (one pinned AWS provider) and no modules, so
// init would write the same two things into each working folder: `.terraform/providers` (links to the
// mirror or plugin cache) and `.terraform.lock.hcl`. One template folder per distinct requirement is
// initialised for real, and each working folder gets a copy of its result. A stack with modules, or
// without a `required_providers` block, is initialised for real in its own folder.
// Plan still checks the copy against the configuration: a provider the lock file does not list, or a
// package that does not match its locked hashes, fails the plan as it would after a fresh init.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { terraform, terraformProcessFolder } from './runner';
import type { TerraformJson } from './offline';

const INIT = ['init', '-backend=false', '-input=false'];
const templates = new Map<string, Promise<string>>();

/** How many template folders this process has initialised (for the module's own test). */
export const initTemplatesMade = (): number => templates.size;

/** Initialises `workDir`, which holds `json`, as `terraform init -backend=false` would. */
export async function initialiseWorkingFolder(workDir: string, json: TerraformJson): Promise<void> {
  const requirements = json.terraform?.required_providers;
  if (json.module !== undefined || requirements === undefined) {
    await terraform(INIT, workDir);
    return;
  }
  const key = createHash('sha256').update(JSON.stringify(requirements)).digest('hex').slice(0, 16);
  let template = templates.get(key);
  if (!template) {
    template = (async () => {
      const dir = path.join(terraformProcessFolder(), `init-${key}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'requirements.tf.json'), JSON.stringify({ terraform: { required_providers: requirements } }));
      await terraform(INIT, dir);
      return dir;
    })();
    templates.set(key, template);
    // A failed init is not remembered: the next stack tries again and reports its own failure.
    template.catch(() => templates.delete(key));
  }
  const dir = await template;
  fs.cpSync(path.join(dir, '.terraform'), path.join(workDir, '.terraform'), { recursive: true, verbatimSymlinks: true });
  fs.copyFileSync(path.join(dir, '.terraform.lock.hcl'), path.join(workDir, '.terraform.lock.hcl'));
}
