// The shape of a control catalogue entry. A status is never taken on trust: tools/evidence/check.ts
// holds every entry to the rules written on ControlStatus against the synthesized Terraform and the
// test files, and test/lib/compliance.test.ts runs that check on the example estate.

/**
 * - `provided`: the landing zone deploys it. Needs at least one resource predicate, each found in the
 *   synthesized JSON, and at least one test, each found in its test file.
 * - `partial`: some of it is deployed or none yet; `missing` says plainly what is not. Any resource or
 *   test it names must still be found.
 * - `customer`: the trust's or the application team's job; `customer` says what they do. No resource.
 */
export type ControlStatus = 'provided' | 'partial' | 'customer';

/**
 * A test on one attribute of a synthesized resource, by dotted path (`rule.default_retention.mode`).
 * A bare value must be equal; `contains` matches a substring of the value (objects and arrays are
 * compared as their JSON text); `atLeast` a number not below it; `exists` presence.
 */
export type AttributeTest =
  string | number | boolean | { readonly contains: string } | { readonly atLeast: number } | { readonly exists: boolean };

/** Resources of one Terraform type whose attributes pass every test, by type and attribute, never by name. */
export interface ResourcePredicate {
  readonly type: string;
  readonly where?: Readonly<Record<string, AttributeTest>>;
  /** How many must exist across the estate. @default 1 */
  readonly atLeast?: number;
  /** Checked only in an estate with more than one allowed Region (such as cross-Region replication). */
  readonly onlyWithTwoRegions?: boolean;
}

/** A Jest test by file and its `it(...)` title; without a title, every test in the file (at least one). */
export interface TestReference {
  readonly file: string;
  readonly name?: string;
}

/** Framework items an entry contributes to, by the IDs of lib/compliance/frameworks.ts. */
export interface FrameworkRefs {
  /** NDG data security standards 1-10. */
  readonly ndg?: readonly string[];
  /** CAF v4.0 contributing outcomes (`C1.b`) or whole principles (`A1`); also counted for the DSPT. */
  readonly caf?: readonly string[];
  /** The CAF-aligned DSPT's NHS information-governance objective: E1-E4. */
  readonly dsptE?: readonly string[];
  /** NCSC cloud security principles 1-14. */
  readonly ncsc?: readonly string[];
  /** AWS Foundational Security Best Practices: Security Hub control IDs, such as `CloudTrail.4`. */
  readonly fsbp?: readonly string[];
  /** CIS AWS Foundations Benchmark v3.0.0 recommendation numbers, such as `3.2`. */
  readonly cis?: readonly string[];
  /** EU GMP Annex 11 clauses. */
  readonly annex11?: readonly string[];
}

/** Work another issue is building: what will exist when it lands. Listed as missing until then. */
export interface PendingWork {
  /** The issue that builds it. */
  readonly issue: string;
  /** Resources it will add; checked once the entry is marked provided. */
  readonly resources: readonly ResourcePredicate[];
  /** Tests that will prove it (add the test title when the work lands). */
  readonly tests: readonly TestReference[];
}

export interface Control {
  /** Stable kebab-case ID; documents cite it as `<!-- control: id -->`. */
  readonly id: string;
  readonly title: string;
  /** What the landing zone does, in one or two sentences. */
  readonly does: string;
  readonly status: ControlStatus;
  readonly refs: FrameworkRefs;
  /** Resources that implement it, found in the synthesized JSON. */
  readonly resources: readonly ResourcePredicate[];
  /** Tests that prove it. */
  readonly tests: readonly TestReference[];
  /** For `partial`: what is not deployed. */
  readonly missing?: string;
  /** What remains the trust's or the application team's (required for `customer`). */
  readonly customer?: string;
  /**
   * Work under way elsewhere. Flipping the entry is one line: set `status: 'provided'`, and the checker
   * then requires these resources and tests too.
   */
  readonly pending?: PendingWork;
  /** Only meaningful when the configuration connects to HSCN (`network.hscn`); otherwise not applicable. */
  readonly requiresHscn?: boolean;
  /**
   * Deployed only when the configuration has this optional section; without it the entry is not
   * applicable to the estate and the work is the trust's (its resources are not looked for).
   */
  readonly requiresConfig?: OptionalSection;
}

/** Optional configuration sections that switch a control on: `access`, `backup`, `securityPosture.alternateContacts`, `securityPosture.sensitiveDataDiscovery`. */
export type OptionalSection = 'access' | 'backup' | 'alternateContacts' | 'sensitiveDataDiscovery';

/** The configuration path of each optional section, as the evidence pack names it. */
export const OPTIONAL_SECTION_PATHS: Readonly<Record<OptionalSection, string>> = {
  access: 'access',
  backup: 'backup',
  alternateContacts: 'securityPosture.alternateContacts',
  sensitiveDataDiscovery: 'securityPosture.sensitiveDataDiscovery',
};
