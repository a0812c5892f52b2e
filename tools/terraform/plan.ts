// One stack's offline plan: init and plan (with its implied validation) in a fresh working folder
// ('full', kept as `terraform show -json`) or init and `terraform plan -json` ('summary', each change's address and
// actions), shared by content through a cache folder so that the same stack is planned once.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initialiseWorkingFolder } from './init';
import { producerIdentity, resultKey, storedOrProduced } from './result-store';
import { terraform } from './runner';
import { EMPTY_REMOTE_STATE, EMPTY_REMOTE_STATE_FILE, type TerraformJson } from './offline';

export type PlanDetail = 'full' | 'summary';
interface PlannedChangeEvent {
  readonly type: string;
  readonly change?: { readonly action: string; readonly resource: { readonly addr: string; readonly resource_type: string } };
}

/**
 * The resource changes of a `terraform plan -json` event stream, in the shape of `terraform show
 * -json`'s `resource_changes` (address, mode, type, actions). Reads of data sources deferred to
 * apply are reported with mode 'data', as show does.
 */
export function summaryFromPlanEvents(eventLines: string): {
  resource_changes: { address: string; mode: string; type: string; change: { actions: string[] } }[];
} {
  const actionsOf: Record<string, string[]> = {
    create: ['create'],
    update: ['update'],
    delete: ['delete'],
    replace: ['delete', 'create'],
    read: ['read'],
    noop: ['no-op'],
  };
  const changes = eventLines
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as PlannedChangeEvent)
    .filter((event) => event.type === 'planned_change' && event.change)
    .map(({ change }) => ({
      address: change!.resource.addr,
      mode: change!.resource.addr.startsWith('data.') || change!.resource.addr.includes('.data.') ? 'data' : 'managed',
      type: change!.resource.resource_type,
      change: { actions: actionsOf[change!.action] ?? [change!.action] },
    }));
  return { resource_changes: changes };
}

/** Runs init and the offline plan (which validates first) in a fresh working folder; returns the plan JSON text. */
async function validateAndPlan(offlineJson: TerraformJson, name: string, detail: PlanDetail): Promise<string> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `lz-tf-${name}-`));
  try {
    fs.writeFileSync(path.join(workDir, 'cdk.tf.json'), JSON.stringify(offlineJson, null, 2));
    fs.writeFileSync(path.join(workDir, EMPTY_REMOTE_STATE_FILE), EMPTY_REMOTE_STATE);
    await initialiseWorkingFolder(workDir, offlineJson);
    // No separate `terraform validate`: `terraform plan` runs the same validation first and fails on
    // what it rejects (HashiCorp, "terraform validate command": "use the terraform plan command
    // instead, which includes an implied validation check"; in Terraform 1.11.4 both call
    // Context.Validate(config, nil): internal/command/validate.go and, for plan,
    // internal/backend/local/backend_local.go with Validation set in internal/command/meta_backend.go).
    // A validate run would start the AWS provider once more (about 6 CPU-seconds a stack) to repeat it.
    // test/tools/terraform/check-cache.test.ts proves both details fail on what validate rejects.
    if (detail === 'summary') {
      const events = await terraform(['plan', '-refresh=false', '-input=false', '-lock=false', '-json'], workDir);
      return JSON.stringify(summaryFromPlanEvents(events));
    }
    await terraform(['plan', '-refresh=false', '-input=false', '-lock=false', '-out=offline.tfplan'], workDir);
    return await terraform(['show', '-json', 'offline.tfplan'], workDir);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * The plan JSON for an offline stack, shared by content through the result store in storeDir
 * (result-store.ts): a full plan also answers a summary request. One process runs Terraform for a given
 * content; others wait for its result, so two test files that plan the same stack pay for it once, and a
 * store that outlives the run answers an unchanged stack without Terraform.
 */
export async function cachedPlan(
  offlineJson: TerraformJson,
  name: string,
  detail: PlanDetail,
  storeDir: string | undefined,
): Promise<string> {
  if (!storeDir) return validateAndPlan(offlineJson, name, detail);
  const content = JSON.stringify(offlineJson);
  const identity = producerIdentity();
  const key = (kind: PlanDetail) => resultKey(kind, [content], identity);
  return storedOrProduced({ dir: storeDir, key: key(detail), alsoAcceptable: detail === 'summary' ? [key('full')] : [] }, () =>
    validateAndPlan(offlineJson, name, detail),
  );
}
