// Evaluates an EventBridge event pattern against an event, so rules can be tested against the sample
// events AWS documents. Implements the parts of the pattern language the estate uses (Amazon
// EventBridge User Guide, "Creating event patterns" and "Comparison operators for use in event
// patterns"): exact values, nested fields, arrays on either side, `prefix`, `exists`, `anything-but`,
// `numeric` and `$or`. Any other operator throws, so a test never passes by ignoring one.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function matchesOperator(operator: Record<string, unknown>, value: Json | undefined, present: boolean): boolean {
  const [name, argument] = Object.entries(operator)[0] ?? [];
  switch (name) {
    case 'exists':
      return argument === present;
    case 'prefix':
      return typeof value === 'string' && value.startsWith(String(argument));
    case 'anything-but': {
      if (!present) return false;
      const excluded = Array.isArray(argument) ? argument : [argument];
      return !excluded.some((item) => item === value);
    }
    case 'numeric': {
      if (typeof value !== 'number' || !Array.isArray(argument)) return false;
      for (let index = 0; index < argument.length; index += 2) {
        const [comparison, bound] = [argument[index] as string, argument[index + 1] as number];
        const ok = { '>': value > bound, '>=': value >= bound, '<': value < bound, '<=': value <= bound, '=': value === bound }[comparison];
        if (ok === undefined) throw new Error(`unsupported numeric comparison ${comparison}`);
        if (!ok) return false;
      }
      return true;
    }
    default:
      throw new Error(`event pattern operator ${String(name)} is not supported by tools/simulation/event-pattern.ts`);
  }
}

/** One field: the pattern's array of allowed values against the event's value (or each element of an array value). */
function matchesField(allowed: unknown[], value: Json | undefined, present: boolean): boolean {
  const values: (Json | undefined)[] = Array.isArray(value) ? value : [value];
  return allowed.some((item) => {
    if (item !== null && typeof item === 'object')
      return values.some((candidate) => matchesOperator(item as Record<string, unknown>, candidate, present));
    return present && values.some((candidate) => candidate === item);
  });
}

/** True when the event matches the pattern, as EventBridge decides it. */
export function matchesEventPattern(pattern: Record<string, unknown>, event: Record<string, Json>): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or') return (expected as Record<string, unknown>[]).some((alternative) => matchesEventPattern(alternative, event));
    const present = Object.prototype.hasOwnProperty.call(event, key);
    const value = present ? event[key] : undefined;
    if (Array.isArray(expected)) return matchesField(expected, value, present);
    if (expected !== null && typeof expected === 'object') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        // A nested pattern against a missing field matches only if every leaf accepts absence.
        return matchesEventPattern(expected as Record<string, unknown>, {});
      }
      return matchesEventPattern(expected as Record<string, unknown>, value as Record<string, Json>);
    }
    throw new Error(`event pattern field ${key} must be an array or an object`);
  });
}
