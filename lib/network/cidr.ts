// IPv4 CIDR arithmetic for validation, vending and the reachability proofs. Parsing and
// formatting come from the ip-address library; the range maths here is plain bigint on top of it.
import { Address4 } from 'ip-address';

export interface CidrRange {
  /** The CIDR as written, for messages. */
  readonly text: string;
  readonly first: bigint;
  readonly last: bigint;
  readonly prefixLength: number;
}

/** Parses an IPv4 CIDR, or returns an explanation of why it is not one. */
export function parseCidr(text: string): CidrRange | string {
  if (!Address4.isValid(text) || !text.includes('/')) {
    return `"${text}" is not a valid IPv4 CIDR`;
  }
  const address = new Address4(text);
  const prefixLength = address.subnetMask;
  const value = address.bigInt();
  const first = address.startAddress().bigInt();
  if (value !== first) {
    return `"${text}" is not aligned to a /${prefixLength} boundary; did you mean ${address.startAddress().correctForm()}/${prefixLength}?`;
  }
  return { text, first, last: address.endAddress().bigInt(), prefixLength };
}

/** Parses a CIDR that is known to be valid (already validated configuration); throws otherwise. */
export function cidr(text: string): CidrRange {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') {
    throw new Error(parsed);
  }
  return parsed;
}

export function rangesOverlap(a: CidrRange, b: CidrRange): boolean {
  return a.first <= b.last && b.first <= a.last;
}

export function rangeContains(outer: CidrRange, inner: CidrRange): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

export function addressInRange(range: CidrRange, address: bigint): boolean {
  return range.first <= address && address <= range.last;
}

export function ipToBigInt(ip: string): bigint {
  return new Address4(ip).bigInt();
}

export function formatCidr(first: bigint, prefixLength: number): string {
  return `${Address4.fromBigInt(first).correctForm()}/${prefixLength}`;
}

export function rangeSize(prefixLength: number): bigint {
  return 1n << BigInt(32 - prefixLength);
}

/** Splits a CIDR into consecutive subnets of the given prefix length (first `count` of them). */
export function subdivide(range: CidrRange, prefixLength: number, count: number): string[] {
  if (prefixLength < range.prefixLength) {
    throw new Error(`cannot split ${range.text} into larger /${prefixLength} subnets`);
  }
  const available = rangeSize(range.prefixLength) / rangeSize(prefixLength);
  if (BigInt(count) > available) {
    throw new Error(`${range.text} holds only ${available} /${prefixLength} subnets, ${count} requested`);
  }
  return Array.from({ length: count }, (_, index) => formatCidr(range.first + BigInt(index) * rangeSize(prefixLength), prefixLength));
}

/**
 * The first aligned block of the given prefix length inside `pool` that overlaps none of `taken`,
 * or undefined when the pool is exhausted for that size.
 */
export function nextFreeBlock(pool: CidrRange, prefixLength: number, taken: readonly CidrRange[]): string | undefined {
  const size = rangeSize(prefixLength);
  const sorted = [...taken]
    .filter((range) => rangesOverlap(range, pool))
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let candidate = pool.first;
  for (const range of sorted) {
    if (candidate + size - 1n < range.first) {
      break;
    }
    if (range.last >= candidate) {
      // Move past the taken range, then up to the next aligned boundary.
      const afterTaken = range.last + 1n;
      candidate = ((afterTaken + size - 1n) / size) * size;
    }
  }
  return candidate + size - 1n <= pool.last ? formatCidr(candidate, prefixLength) : undefined;
}

/** Private address space that the NHS routes over HSCN (legacy N3 and GP sites). */
export const NHS_PRIVATE_SPACE = ['10.0.0.0/8', '172.16.0.0/12'] as const;
