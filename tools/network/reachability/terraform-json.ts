// Reading the synthesized Terraform JSON: references ("${type.name.attr}", across stacks through
// remote state) resolved to stack-qualified resource keys, and resources listed by type. The network
// model (model.ts) and the DNS model (dns.ts) both read the stacks through these.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

const REF = /^\$\{([^{}]+)\}$/;

export class Resolver {
  constructor(private readonly stacks: ReadonlyMap<string, Json>) {}

  /** Resolves "${type.name.attr}" (possibly through a cross-stack remote state) to stack/type.name and attr. */
  ref(stack: string, value: unknown): { key: string; type: string; attr: string } | undefined {
    if (typeof value !== 'string') return undefined;
    const match = REF.exec(value);
    if (!match) return undefined;
    const parts = match[1].split('.');
    if (parts[0] === 'data' && parts[1] === 'terraform_remote_state') {
      const remote = this.stacks.get(stack)?.data?.terraform_remote_state?.[parts[2]];
      const key: string | undefined = remote?.config?.key;
      const producer = key?.replace(/\/terraform\.tfstate$/, '');
      if (!producer || parts[3] !== 'outputs') return undefined;
      const output = this.stacks.get(producer)?.output?.[parts[4]]?.value;
      return this.ref(producer, output);
    }
    if (parts[0] === 'data')
      return { key: `${stack}/data.${parts[1]}.${parts[2]}`, type: `data.${parts[1]}`, attr: parts.slice(3).join('.') };
    if (parts[0] === 'local') return { key: `${stack}/local.${parts[1]}`, type: 'local', attr: '' };
    return { key: `${stack}/${parts[0]}.${parts[1]}`, type: parts[0], attr: parts.slice(2).join('.') };
  }

  /** The resolved key of a reference, or the literal when it is not one. */
  id(stack: string, value: unknown): string {
    return this.ref(stack, value)?.key ?? String(value);
  }

  resource(key: string): Json | undefined {
    const [stack, address] = splitKey(key);
    const [type, name] = address.startsWith('data.')
      ? [address.split('.').slice(0, 2).join('.'), address.split('.')[2]]
      : address.split('.');
    const json = this.stacks.get(stack);
    return type.startsWith('data.') ? json?.data?.[type.slice(5)]?.[name] : json?.resource?.[type]?.[name];
  }
}

export function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

export function* resources(stacks: ReadonlyMap<string, Json>, type: string): Generator<[string, string, Json]> {
  for (const [stack, json] of stacks) {
    for (const [name, body] of Object.entries<Json>(json.resource?.[type] ?? {})) yield [stack, `${stack}/${type}.${name}`, body];
  }
}

export function label(body: Json, key: string): string {
  return body.tags?.Name ?? body.name ?? key.split('/')[1];
}
