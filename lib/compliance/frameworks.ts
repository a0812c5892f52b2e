// The frameworks NHS and life-sciences assessors judge a landing zone against, as data: every item
// an evidence pack must account for. Each framework carries the document it comes from, so an
// assessor can check the wording; the control catalogue (lib/compliance/controls/) refers to items
// by the IDs below, and test/lib/compliance.test.ts proves every item is covered by some control.

export type FrameworkId = 'ndg' | 'caf' | 'dspt' | 'ncsc-csp' | 'gxp';

export interface FrameworkItem {
  /** As the framework numbers it: `4` (NDG standard 4), `C1` (CAF principle), `9` (Annex 11 clause 9). */
  readonly id: string;
  readonly title: string;
}

export interface Framework {
  readonly id: FrameworkId;
  readonly title: string;
  /** The published document the items come from. */
  readonly source: string;
  /** What one item is called in this framework (standard, principle, clause). */
  readonly itemNoun: string;
  readonly items: readonly FrameworkItem[];
}

/** National Data Guardian's 10 data security standards (the original DSPT structure). */
export const NDG_STANDARDS: Framework = {
  id: 'ndg',
  title: 'National Data Guardian data security standards',
  source: 'National Data Guardian, "Review of Data Security, Consent and Opt-Outs" (2016), the 10 data security standards',
  itemNoun: 'standard',
  items: [
    { id: '1', title: 'Personal confidential data' },
    { id: '2', title: 'Staff responsibilities' },
    { id: '3', title: 'Training' },
    { id: '4', title: 'Managing data access' },
    { id: '5', title: 'Process reviews' },
    { id: '6', title: 'Responding to incidents' },
    { id: '7', title: 'Continuity planning' },
    { id: '8', title: 'Unsupported systems' },
    { id: '9', title: 'IT protection' },
    { id: '10', title: 'Accountable suppliers' },
  ],
};

/** NCSC Cyber Assessment Framework v4.0 (August 2025): objectives A-D, principles A1-D2. */
export const CAF_PRINCIPLES: Framework = {
  id: 'caf',
  title: 'NCSC Cyber Assessment Framework v4.0',
  source: 'NCSC, Cyber Assessment Framework v4.0 (6 August 2025), principles A1-D2 and their contributing outcomes',
  itemNoun: 'principle',
  items: [
    { id: 'A1', title: 'Governance' },
    { id: 'A2', title: 'Risk management' },
    { id: 'A3', title: 'Asset management' },
    { id: 'A4', title: 'Supply chain' },
    { id: 'B1', title: 'Service protection policies, processes and procedures' },
    { id: 'B2', title: 'Identity and access control' },
    { id: 'B3', title: 'Data security' },
    { id: 'B4', title: 'System security' },
    { id: 'B5', title: 'Resilient networks and systems' },
    { id: 'B6', title: 'Staff awareness and training' },
    { id: 'C1', title: 'Security monitoring' },
    { id: 'C2', title: 'Threat hunting' },
    { id: 'D1', title: 'Response and recovery planning' },
    { id: 'D2', title: 'Lessons learned' },
  ],
};

/**
 * The CAF-aligned Data Security and Protection Toolkit: CAF objectives A-D as above, plus NHS
 * England's information-governance objective E, which the CAF itself does not have.
 */
export const DSPT_CAF_ALIGNED: Framework = {
  id: 'dspt',
  title: 'Data Security and Protection Toolkit (CAF-aligned)',
  source: 'NHS England, CAF-aligned DSPT guidance: CAF objectives A-D and objective E "Using and sharing information appropriately"',
  itemNoun: 'principle',
  items: [
    ...CAF_PRINCIPLES.items,
    { id: 'E1', title: 'Transparency' },
    { id: 'E2', title: 'Upholding the rights of individuals' },
    { id: 'E3', title: 'Using and sharing information' },
    { id: 'E4', title: 'Records management' },
  ],
};

/** NCSC's 14 cloud security principles. */
export const NCSC_CLOUD_PRINCIPLES: Framework = {
  id: 'ncsc-csp',
  title: 'NCSC Cloud Security Principles',
  source: 'NCSC, "Cloud security guidance: the cloud security principles" (14 principles)',
  itemNoun: 'principle',
  items: [
    { id: '1', title: 'Data in transit protection' },
    { id: '2', title: 'Asset protection and resilience' },
    { id: '3', title: 'Separation between customers' },
    { id: '4', title: 'Governance framework' },
    { id: '5', title: 'Operational security' },
    { id: '6', title: 'Personnel security' },
    { id: '7', title: 'Secure development' },
    { id: '8', title: 'Supply chain security' },
    { id: '9', title: 'Secure user management' },
    { id: '10', title: 'Identity and authentication' },
    { id: '11', title: 'External interface protection' },
    { id: '12', title: 'Secure service administration' },
    { id: '13', title: 'Audit information and alerting for customers' },
    { id: '14', title: 'Secure use of the service' },
  ],
};

/** EU GMP Annex 11 (computerised systems), the clauses a hosting platform can contribute to. */
export const GXP_ANNEX_11: Framework = {
  id: 'gxp',
  title: 'EU GMP Annex 11: Computerised Systems (MHRA GxP)',
  source: 'EudraLex Volume 4, Annex 11 "Computerised Systems" (2011), as applied by the MHRA',
  itemNoun: 'clause',
  items: [
    { id: '1', title: 'Risk management' },
    { id: '3', title: 'Suppliers and service providers' },
    { id: '4', title: 'Validation' },
    { id: '7', title: 'Data storage' },
    { id: '9', title: 'Audit trails' },
    { id: '10', title: 'Change and configuration management' },
    { id: '11', title: 'Periodic evaluation' },
    { id: '12', title: 'Security' },
    { id: '13', title: 'Incident management' },
    { id: '16', title: 'Business continuity' },
    { id: '17', title: 'Archiving' },
  ],
};

export const FRAMEWORKS: Readonly<Record<FrameworkId, Framework>> = {
  ndg: NDG_STANDARDS,
  caf: CAF_PRINCIPLES,
  dspt: DSPT_CAF_ALIGNED,
  'ncsc-csp': NCSC_CLOUD_PRINCIPLES,
  gxp: GXP_ANNEX_11,
};

export const FRAMEWORK_IDS = Object.keys(FRAMEWORKS) as FrameworkId[];

/** The CAF principle a contributing outcome belongs to: `C1.b` -> `C1`. */
export function cafPrincipleOf(outcome: string): string {
  return outcome.split('.')[0];
}
