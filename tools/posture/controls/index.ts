// The Security Hub controls whose result the landing zone's own resources and account settings
// decide, as data: ID, title, the standards that contain it, the AWS documentation of the control,
// and an evaluation over the synthesized estate for one account and Region. Controls about things
// the estate does not create (EC2 instances, databases, IAM users) are not here: their result
// depends on what each trust deploys later, so they are outside the denominator
// (docs/security-posture.md, "What the prediction covers").
//
// One file per area (kit.ts holds what a control is); this file lists them in control-ID order.
import { IDENTITY_CONTROLS } from './identity';
import type { PostureControl } from './kit';
import { NETWORK_CONTROLS } from './network';
import { SERVICE_CONTROLS } from './services';
import { STORAGE_CONTROLS } from './storage';

export type { ControlContext, ControlFinding, FindingStatus, PostureControl, Standard } from './kit';
export { DEFAULT_VPC_REMOVED_TAG } from './network';

/** Security Hub's own ordering: by service, then by control number (EC2.2 before EC2.10). */
const byControlId = (a: PostureControl, b: PostureControl): number => a.id.localeCompare(b.id, 'en', { numeric: true });

export const POSTURE_CONTROLS: readonly PostureControl[] = [
  ...SERVICE_CONTROLS,
  ...NETWORK_CONTROLS,
  ...IDENTITY_CONTROLS,
  ...STORAGE_CONTROLS,
].sort(byControlId);
