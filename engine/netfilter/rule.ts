// An iptables rule in two forms: the words a writer (kube-proxy, flanneld, the kubelet) hands to
// iptables-restore, and the parsed matches and target the evaluator runs. Parsing is the one way to get
// the second from the first, so the rule text shown is always the rule that was evaluated.
import { type Cidr, parseCidr } from '../net/ipv4';

export type TableName = 'raw' | 'mangle' | 'nat' | 'filter';
export type L4Proto = 'tcp' | 'udp' | 'sctp' | 'icmp' | 'all';
export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED' | 'SNAT' | 'DNAT';
export type AddrType =
  'LOCAL' | 'UNICAST' | 'BROADCAST' | 'MULTICAST' | 'ANYCAST' | 'BLACKHOLE' | 'UNREACHABLE';

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export type MatchModule =
  | { readonly module: 'comment'; readonly text: string }
  | {
      readonly module: 'tcp' | 'udp' | 'sctp';
      readonly dport?: PortRange;
      readonly dportNegated?: boolean;
      readonly sport?: PortRange;
      readonly sportNegated?: boolean;
    }
  | { readonly module: 'multiport'; readonly dports: readonly number[] }
  | {
      readonly module: 'addrtype';
      readonly srcType?: AddrType;
      readonly srcNegated?: boolean;
      readonly dstType?: AddrType;
      readonly dstNegated?: boolean;
    }
  | { readonly module: 'conntrack'; readonly ctstate: readonly CtState[]; readonly negated: boolean }
  | { readonly module: 'mark'; readonly value: number; readonly mask: number; readonly negated: boolean }
  | { readonly module: 'statistic'; readonly probability: number; readonly probabilityText: string }
  | {
      readonly module: 'recent';
      readonly name: string;
      readonly action: 'set' | 'rcheck' | 'update' | 'remove';
      readonly seconds?: number;
      readonly reap: boolean;
    }
  | { readonly module: 'nfacct'; readonly name: string }
  /** xt_set: `--match-set NAME dst,dst`, one direction per dimension of the set. */
  | {
      readonly module: 'set';
      readonly name: string;
      readonly dirs: readonly ('src' | 'dst')[];
      readonly negated: boolean;
    }
  /** xt_physdev `[!] --physdev-is-in`: the packet came in through a bridge port. */
  | { readonly module: 'physdev'; readonly isIn: boolean; readonly isInNegated: boolean }
  /** xt_ipvs: the packet belongs to an IPVS connection of this virtual service. */
  | { readonly module: 'ipvs'; readonly vaddr: number; readonly vproto: string; readonly vport: number };

export type Target =
  | { readonly kind: 'ACCEPT' | 'DROP' | 'RETURN' }
  | { readonly kind: 'REJECT'; readonly rejectWith?: string }
  | { readonly kind: 'jump' | 'goto'; readonly chain: string }
  | { readonly kind: 'DNAT'; readonly toAddress: number; readonly toPort?: number; readonly text: string }
  /** DNAT to the incoming interface's primary address (127.0.0.1 for locally generated packets). */
  | { readonly kind: 'REDIRECT'; readonly toPort: number }
  | {
      readonly kind: 'SNAT';
      readonly toAddress: number;
      readonly text: string;
      readonly randomFully: boolean;
    }
  | { readonly kind: 'MASQUERADE'; readonly randomFully: boolean }
  | {
      readonly kind: 'MARK';
      readonly op: 'or' | 'xor' | 'set-xmark' | 'set';
      readonly value: number;
      readonly mask: number;
      readonly text: string;
    };

export interface AddressMatch {
  readonly cidr: Cidr;
  readonly negated: boolean;
}

export interface InterfaceMatch {
  /** Interface name; a trailing `+` matches any name with that prefix. */
  readonly name: string;
  readonly negated: boolean;
}

export interface RuleSpec {
  readonly source?: AddressMatch;
  readonly destination?: AddressMatch;
  readonly inInterface?: InterfaceMatch;
  readonly outInterface?: InterfaceMatch;
  readonly protocol?: { readonly proto: L4Proto; readonly negated: boolean };
  /** `-m` modules in the order they were written; iptables evaluates and prints them in this order. */
  readonly modules: readonly MatchModule[];
  /** null for a rule with no `-j` (it only counts packets, like kube-proxy's KUBE-FW "other traffic" rule). */
  readonly target: Target | null;
}

export interface Rule {
  readonly table: TableName;
  readonly chain: string;
  /** The words after `-A CHAIN` exactly as the writer produced them (quoted comments stay quoted). */
  readonly args: readonly string[];
  readonly spec: RuleSpec;
}

export class RuleParseError extends Error {}

/** Splits one restore line into words: double quotes group words and `\"` escapes a quote. */
export function tokenizeRuleLine(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) {
        current += ch + line[i + 1];
        i++;
      } else {
        current += ch;
        if (ch === '"') quoted = false;
      }
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
      if (ch === '"') quoted = true;
    }
  }
  if (quoted) throw new RuleParseError(`unterminated quote in: ${line}`);
  if (inWord) words.push(current);
  return words;
}

/** Removes one level of the double quotes a writer put around a word with spaces. */
export function unquoteWord(word: string): string {
  if (word.length >= 2 && word.startsWith('"') && word.endsWith('"')) {
    return word.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  return word;
}

const BUILTIN_TARGETS = new Set(['ACCEPT', 'DROP', 'RETURN']);

function parsePortRange(text: string): PortRange {
  const [a, b] = text.split(':');
  const from = Number(a);
  const to = b === undefined ? from : Number(b);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > 65535 || from > to) {
    throw new RuleParseError(`bad port or port range: ${text}`);
  }
  return { from, to };
}

function parseAddress(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed) throw new RuleParseError(`bad IPv4 address or CIDR: ${text}`);
  return { network: parsed.network, prefix: parsed.prefix };
}

function parseNumber(text: string): number {
  const value = text.startsWith('0x') ? parseInt(text.slice(2), 16) : Number(text);
  if (!Number.isFinite(value)) throw new RuleParseError(`bad number: ${text}`);
  return value >>> 0;
}

function parseMarkValue(text: string): { value: number; mask: number } {
  const [v, m] = text.split('/');
  return { value: parseNumber(v!), mask: m === undefined ? 0xffffffff : parseNumber(m) };
}

/** Parses the words after `-A CHAIN` into matches and a target. Throws RuleParseError on what it does not know. */
export function parseRuleArgs(args: readonly string[]): RuleSpec {
  let source: AddressMatch | undefined;
  let destination: AddressMatch | undefined;
  let inInterface: InterfaceMatch | undefined;
  let outInterface: InterfaceMatch | undefined;
  let protocol: { proto: L4Proto; negated: boolean } | undefined;
  const modules: MatchModule[] = [];
  let target: Target | null = null;
  // Module options are folded into a mutable draft of the most recent `-m` of that name.
  type Draft = Record<string, unknown> & { module: string };
  const drafts: Draft[] = [];
  const findDraft = (names: readonly string[]): Draft | undefined => {
    for (let k = drafts.length - 1; k >= 0; k--) if (names.includes(drafts[k]!.module)) return drafts[k];
    return undefined;
  };
  let negate = false;
  let i = 0;
  const next = (): string => {
    const word = args[++i];
    if (word === undefined) throw new RuleParseError(`missing value after ${args[i - 1]}`);
    return word;
  };
  const takeNegate = (): boolean => {
    const n = negate;
    negate = false;
    return n;
  };
  for (; i < args.length; i++) {
    const word = args[i]!;
    switch (word) {
      case '!':
        negate = true;
        continue;
      case '-s':
      case '--source':
      case '--src':
        source = { cidr: parseAddress(next()), negated: takeNegate() };
        continue;
      case '-d':
      case '--destination':
      case '--dst':
        destination = { cidr: parseAddress(next()), negated: takeNegate() };
        continue;
      case '-i':
      case '--in-interface':
        inInterface = { name: next(), negated: takeNegate() };
        continue;
      case '-o':
      case '--out-interface':
        outInterface = { name: next(), negated: takeNegate() };
        continue;
      case '-p':
      case '--protocol':
        protocol = { proto: next().toLowerCase() as L4Proto, negated: takeNegate() };
        continue;
      case '-m':
      case '--match': {
        const name = next();
        const draft: Draft = { module: name };
        if (name === 'recent') draft['reap'] = false;
        if (name === 'conntrack') draft['negated'] = false;
        if (name === 'physdev') Object.assign(draft, { isIn: false, isInNegated: false });
        drafts.push(draft);
        continue;
      }
      case '-j':
      case '--jump':
      case '-g':
      case '--goto': {
        const name = next();
        const isGoto = word === '-g' || word === '--goto';
        const rest = args.slice(i + 1);
        target = parseTarget(name, rest, isGoto);
        i = args.length;
        continue;
      }
    }
    // A module option.
    const negated = takeNegate();
    switch (word) {
      case '--comment': {
        const d = findDraft(['comment']);
        if (!d) throw new RuleParseError('--comment without -m comment');
        d['text'] = unquoteWord(next());
        break;
      }
      case '--dport':
      case '--destination-port':
      case '--sport':
      case '--source-port': {
        const d = findDraft(['tcp', 'udp', 'sctp']);
        if (!d) throw new RuleParseError(`${word} without -m tcp/udp/sctp`);
        const key = word.startsWith('--d') ? 'dport' : 'sport';
        d[key] = parsePortRange(next());
        if (negated) d[`${key}Negated`] = true;
        break;
      }
      case '--dports':
      case '--destination-ports': {
        const d = findDraft(['multiport']);
        if (!d) throw new RuleParseError(`${word} without -m multiport`);
        d['dports'] = next()
          .split(',')
          .map((p) => parsePortRange(p).from);
        break;
      }
      case '--src-type':
      case '--dst-type': {
        const d = findDraft(['addrtype']);
        if (!d) throw new RuleParseError(`${word} without -m addrtype`);
        const key = word === '--src-type' ? 'src' : 'dst';
        d[`${key}Type`] = next() as AddrType;
        if (negated) d[`${key}Negated`] = true;
        break;
      }
      case '--ctstate': {
        const d = findDraft(['conntrack']);
        if (!d) throw new RuleParseError('--ctstate without -m conntrack');
        d['ctstate'] = next().split(',') as CtState[];
        d['negated'] = negated;
        break;
      }
      case '--mark': {
        const d = findDraft(['mark']);
        if (!d) throw new RuleParseError('--mark without -m mark');
        Object.assign(d, parseMarkValue(next()), { negated });
        break;
      }
      case '--mode': {
        const d = findDraft(['statistic']);
        const mode = next();
        if (!d || mode !== 'random') throw new RuleParseError(`unsupported statistic mode ${mode}`);
        break;
      }
      case '--probability': {
        const d = findDraft(['statistic']);
        if (!d) throw new RuleParseError('--probability without -m statistic');
        const text = next();
        d['probabilityText'] = text;
        d['probability'] = Number(text);
        break;
      }
      case '--name': {
        const d = findDraft(['recent']);
        if (!d) throw new RuleParseError('--name without -m recent');
        d['name'] = next();
        break;
      }
      case '--set':
      case '--rcheck':
      case '--update':
      case '--remove': {
        const d = findDraft(['recent']);
        if (!d) throw new RuleParseError(`${word} without -m recent`);
        d['action'] = word.slice(2);
        break;
      }
      case '--seconds': {
        const d = findDraft(['recent']);
        if (!d) throw new RuleParseError('--seconds without -m recent');
        d['seconds'] = Number(next());
        break;
      }
      case '--reap': {
        const d = findDraft(['recent']);
        if (!d) throw new RuleParseError('--reap without -m recent');
        d['reap'] = true;
        break;
      }
      case '--rsource':
        break;
      case '--nfacct-name': {
        const d = findDraft(['nfacct']);
        if (!d) throw new RuleParseError('--nfacct-name without -m nfacct');
        d['name'] = next();
        break;
      }
      case '--match-set': {
        const d = findDraft(['set']);
        if (!d) throw new RuleParseError('--match-set without -m set');
        d['name'] = next();
        const dirs = next().split(',');
        if (dirs.some((x) => x !== 'src' && x !== 'dst'))
          throw new RuleParseError(`bad --match-set directions: ${dirs.join(',')}`);
        d['dirs'] = dirs;
        d['negated'] = negated;
        break;
      }
      case '--physdev-is-in': {
        const d = findDraft(['physdev']);
        if (!d) throw new RuleParseError('--physdev-is-in without -m physdev');
        Object.assign(d, { isIn: true, isInNegated: negated });
        break;
      }
      case '--vaddr':
      case '--vproto':
      case '--vport': {
        const d = findDraft(['ipvs']);
        if (!d) throw new RuleParseError(`${word} without -m ipvs`);
        const value = next();
        if (word === '--vaddr') d['vaddr'] = parseAddress(value).network;
        else if (word === '--vport') d['vport'] = parsePortRange(value).from;
        else d['vproto'] = value.toLowerCase();
        break;
      }
      default:
        throw new RuleParseError(`unsupported iptables word: ${word}`);
    }
  }
  for (const d of drafts) modules.push(finishModule(d));
  return {
    ...(source && { source }),
    ...(destination && { destination }),
    ...(inInterface && { inInterface }),
    ...(outInterface && { outInterface }),
    ...(protocol && { protocol }),
    modules,
    target,
  };
}

function finishModule(d: Record<string, unknown> & { module: string }): MatchModule {
  switch (d.module) {
    case 'comment':
    case 'tcp':
    case 'udp':
    case 'sctp':
    case 'multiport':
    case 'addrtype':
    case 'mark':
    case 'nfacct':
    case 'physdev':
      return d as unknown as MatchModule;
    case 'set':
      if (!d['name']) throw new RuleParseError('-m set without --match-set');
      return d as unknown as MatchModule;
    case 'ipvs':
      if (d['vaddr'] === undefined || d['vport'] === undefined || !d['vproto'])
        throw new RuleParseError('-m ipvs needs --vaddr, --vproto and --vport');
      return d as unknown as MatchModule;
    case 'conntrack':
      if (!d['ctstate']) throw new RuleParseError('-m conntrack without --ctstate');
      return d as unknown as MatchModule;
    case 'statistic':
      if (d['probability'] === undefined) throw new RuleParseError('-m statistic without --probability');
      return d as unknown as MatchModule;
    case 'recent':
      if (!d['name'] || !d['action']) throw new RuleParseError('-m recent needs --name and an action');
      return d as unknown as MatchModule;
    default:
      throw new RuleParseError(`unsupported match module: ${d.module}`);
  }
}

function parseTarget(name: string, rest: readonly string[], isGoto: boolean): Target {
  const opt = (flag: string): string | undefined => {
    const k = rest.indexOf(flag);
    return k >= 0 ? rest[k + 1] : undefined;
  };
  if (BUILTIN_TARGETS.has(name)) return { kind: name as 'ACCEPT' | 'DROP' | 'RETURN' };
  switch (name) {
    case 'REJECT': {
      const rejectWith = opt('--reject-with');
      return rejectWith ? { kind: 'REJECT', rejectWith } : { kind: 'REJECT' };
    }
    case 'REDIRECT': {
      const ports = opt('--to-ports');
      if (!ports) throw new RuleParseError('REDIRECT without --to-ports');
      return { kind: 'REDIRECT', toPort: Number(ports) };
    }
    case 'DNAT': {
      const text = opt('--to-destination');
      if (!text) throw new RuleParseError('DNAT without --to-destination');
      const [addr, port] = text.split(':');
      const toAddress = parseAddress(addr!).network;
      return port === undefined
        ? { kind: 'DNAT', toAddress, text }
        : { kind: 'DNAT', toAddress, toPort: Number(port), text };
    }
    case 'SNAT': {
      const text = opt('--to-source');
      if (!text) throw new RuleParseError('SNAT without --to-source');
      return {
        kind: 'SNAT',
        toAddress: parseAddress(text.split(':')[0]!).network,
        text,
        randomFully: rest.includes('--random-fully'),
      };
    }
    case 'MASQUERADE':
      return { kind: 'MASQUERADE', randomFully: rest.includes('--random-fully') };
    case 'MARK': {
      for (const [flag, op] of [
        ['--or-mark', 'or'],
        ['--xor-mark', 'xor'],
        ['--set-xmark', 'set-xmark'],
        ['--set-mark', 'set'],
      ] as const) {
        const text = opt(flag);
        if (text !== undefined) return { kind: 'MARK', op, ...parseMarkValue(text), text };
      }
      throw new RuleParseError('MARK without an operation');
    }
    default:
      if (rest.length > 0) throw new RuleParseError(`unexpected words after -j ${name}: ${rest.join(' ')}`);
      return { kind: isGoto ? 'goto' : 'jump', chain: name };
  }
}

export function makeRule(table: TableName, chain: string, args: readonly string[]): Rule {
  return { table, chain, args, spec: parseRuleArgs(args) };
}
