// An iptables rule in two forms: the words a writer (kube-proxy, flanneld, the kubelet) hands to
// iptables-restore, and the parsed matches and target the evaluator runs. Parsing is the one way to get
// the second from the first, so the rule text shown is always the rule that was evaluated.
import type { Cidr } from '../net/ipv4';
import { type MatchExtension, type OptionWords, RuleParseError } from './modules/extension';
import {
  type MatchModule,
  matchExtensions,
  optionOwners,
  type RuleTarget,
  targetExtensions,
} from './modules/registry';
import { chainTarget } from './modules/targets/standard';
import { parseAddress } from './modules/words';

export type TableName = 'raw' | 'mangle' | 'nat' | 'filter';
export type L4Proto = 'tcp' | 'udp' | 'sctp' | 'icmp' | 'all';

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
  readonly target: RuleTarget | null;
}

export interface Rule {
  readonly table: TableName;
  readonly chain: string;
  /** The words after `-A CHAIN` exactly as the writer produced them (quoted comments stay quoted). */
  readonly args: readonly string[];
  readonly spec: RuleSpec;
}

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

/** Protocols whose match iptables loads on its own when one of its options follows `-p`. */
const IMPLICIT_PROTOCOL_MATCHES: ReadonlySet<string> = new Set(['tcp', 'udp', 'sctp']);

/** A `-m NAME` being read: its extension and the options written after it so far. */
interface OpenMatch {
  readonly name: string;
  readonly extension: MatchExtension;
  readonly options: OptionWords[];
}

/** Parses the words after `-A CHAIN` into matches and a target. Throws RuleParseError on what it does not know. */
export function parseRuleArgs(args: readonly string[]): RuleSpec {
  let source: AddressMatch | undefined;
  let destination: AddressMatch | undefined;
  let inInterface: InterfaceMatch | undefined;
  let outInterface: InterfaceMatch | undefined;
  let protocol: { proto: L4Proto; negated: boolean } | undefined;
  let target: RuleTarget | null = null;
  // Each option belongs to the most recent `-m` whose extension knows it, as in iptables.
  const open: OpenMatch[] = [];
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
        const extension = matchExtensions.get(name);
        if (!extension) throw new RuleParseError(`unsupported match module: ${name}`);
        open.push({ name, extension, options: [] });
        continue;
      }
      case '-j':
      case '--jump':
      case '-g':
      case '--goto': {
        const name = next();
        const rest = args.slice(i + 1);
        const extension = targetExtensions.get(name);
        target = extension
          ? (extension.parse(name, rest) as RuleTarget)
          : chainTarget(name, rest, word === '-g' || word === '--goto');
        i = args.length;
        continue;
      }
    }
    // A module option.
    const negated = takeNegate();
    let owner: OpenMatch | undefined;
    for (let k = open.length - 1; k >= 0 && !owner; k--)
      if (Object.hasOwn(open[k]!.extension.options, word)) owner = open[k];
    if (!owner && protocol && IMPLICIT_PROTOCOL_MATCHES.has(protocol.proto)) {
      // `-p tcp --dport N` without `-m tcp`: iptables loads the protocol's match itself (the implicit
      // match of xtables' command parser) and iptables-save prints it as `-m tcp`.
      const extension = matchExtensions.get(protocol.proto);
      if (extension && Object.hasOwn(extension.options, word)) {
        owner = { name: protocol.proto, extension, options: [] };
        open.push(owner);
      }
    }
    if (!owner) {
      const needed = optionOwners.get(word);
      throw new RuleParseError(
        needed ? `${word} without -m ${needed.names.join('/')}` : `unsupported iptables word: ${word}`,
      );
    }
    const values: string[] = [];
    for (let n = owner.extension.options[word]!; n > 0; n--) values.push(next());
    owner.options.push({ flag: word, values, negated });
  }
  return {
    ...(source && { source }),
    ...(destination && { destination }),
    ...(inInterface && { inInterface }),
    ...(outInterface && { outInterface }),
    ...(protocol && { protocol }),
    modules: open.map((m) => m.extension.parse(m.name, m.options) as MatchModule),
    target,
  };
}

export function makeRule(table: TableName, chain: string, args: readonly string[]): Rule {
  return { table, chain, args, spec: parseRuleArgs(args) };
}
