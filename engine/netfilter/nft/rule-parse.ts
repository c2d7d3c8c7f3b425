// The nft rule language as kube-proxy writes it (pkg/proxy/nftables/proxier.go), parsed into statements
// the evaluator runs. Like the upstream test tracer (helpers_test.go), this reads the subset kube-proxy
// generates rather than all of nft's grammar; anything else is an error, so a rule is never half-understood.
import { type Cidr, parseCidr } from '../../net/ipv4';

/** A field of a concatenated key: `ip daddr . meta l4proto . th dport`. */
export type NftKeyField = 'ip daddr' | 'ip saddr' | 'meta l4proto' | 'th dport';

export type NftVerdict =
  | { readonly kind: 'accept' | 'drop' | 'reject' | 'return' }
  | { readonly kind: 'jump' | 'goto'; readonly chain: string };

export type NftStatement =
  /** `ip daddr 10.0.0.1`, `ip saddr != 10.0.0.0/8`, `ip saddr != { 203.0.113.0/25 }`. */
  | {
      readonly kind: 'addr';
      readonly field: 'ip daddr' | 'ip saddr';
      readonly negated: boolean;
      readonly cidrs: readonly Cidr[];
      readonly anonymousSet: boolean;
      /** An element of the anonymous set was written as a prefix: nft makes it an interval set. */
      readonly intervals?: boolean;
    }
  /** `ip daddr @cluster-ips`: membership in a named set. */
  | { readonly kind: 'lookup'; readonly fields: readonly NftKeyField[]; readonly set: string }
  /** `ip daddr . meta l4proto . th dport vmap @service-ips`: one lookup, its element's verdict. */
  | { readonly kind: 'vmap'; readonly fields: readonly NftKeyField[]; readonly map: string }
  /** `numgen random mod N vmap { 0 : goto a , 1 : goto b }`. */
  | {
      readonly kind: 'numgen';
      readonly modulus: number;
      readonly entries: readonly { readonly index: number; readonly verdict: NftVerdict }[];
    }
  | { readonly kind: 'ct-state'; readonly states: readonly string[] }
  /** `fib saddr type local`: the address is one of this namespace's. */
  | { readonly kind: 'fib-local'; readonly field: 'saddr' | 'daddr' }
  | { readonly kind: 'l4proto'; readonly proto: string }
  | { readonly kind: 'dport'; readonly proto: string; readonly port: number }
  /** `mark and 0x4000 == 0`. */
  | { readonly kind: 'mark-match'; readonly mask: number; readonly value: number }
  /** `mark set mark or 0x4000`. */
  | { readonly kind: 'mark-set'; readonly op: 'or' | 'xor'; readonly value: number }
  /** `update @affinity-… { ip saddr }`: add or refresh the source in a timeout set. */
  | { readonly kind: 'update'; readonly set: string; readonly field: 'ip saddr' | 'ip daddr' }
  | { readonly kind: 'dnat'; readonly address: number; readonly port?: number; readonly text: string }
  | { readonly kind: 'masquerade'; readonly fullyRandom: boolean }
  | { readonly kind: 'verdict'; readonly verdict: NftVerdict };

export class NftParseError extends Error {}

export function parseVerdict(text: string): NftVerdict {
  const [word, chain] = text.trim().split(/\s+/);
  switch (word) {
    case 'accept':
    case 'drop':
    case 'reject':
    case 'return':
      return { kind: word };
    case 'jump':
    case 'goto':
      if (!chain) throw new NftParseError(`${word} without a chain`);
      return { kind: word, chain };
    default:
      throw new NftParseError(`unknown verdict: ${text}`);
  }
}

function number(text: string): number {
  const v = text.startsWith('0x') ? parseInt(text.slice(2), 16) : Number(text);
  if (!Number.isFinite(v)) throw new NftParseError(`bad number ${text}`);
  return v >>> 0;
}

function cidrOf(text: string): Cidr {
  const c = parseCidr(text);
  if (!c) throw new NftParseError(`bad address ${text}`);
  return { network: c.network, prefix: c.prefix };
}

export function parseNftRule(text: string): NftStatement[] {
  const w = text.trim().split(/\s+/);
  const out: NftStatement[] = [];
  let i = 0;
  const peek = (k = 0): string | undefined => w[i + k];
  const take = (): string => {
    const word = w[i++];
    if (word === undefined) throw new NftParseError(`unexpected end of rule: ${text}`);
    return word;
  };
  const field = (): NftKeyField => {
    const a = take();
    const b = take();
    const f = `${a} ${b}`;
    if (f !== 'ip daddr' && f !== 'ip saddr' && f !== 'meta l4proto' && f !== 'th dport')
      throw new NftParseError(`unknown key field ${f}`);
    return f;
  };
  while (i < w.length) {
    const word = peek()!;
    if (
      (word === 'ip' || word === 'meta' || word === 'th') &&
      (peek(2) === '.' || peek(2)?.startsWith('@') || peek(2) === 'vmap')
    ) {
      // A key, possibly concatenated, then a set lookup or a verdict map.
      const fields: NftKeyField[] = [field()];
      while (peek() === '.') {
        take();
        fields.push(field());
      }
      if (peek() === 'vmap') {
        take();
        out.push({ kind: 'vmap', fields, map: take().replace(/^@/, '') });
      } else {
        out.push({ kind: 'lookup', fields, set: take().replace(/^@/, '') });
      }
      continue;
    }
    if (word === 'ip' && (peek(1) === 'daddr' || peek(1) === 'saddr')) {
      take();
      const f = take() === 'daddr' ? 'ip daddr' : 'ip saddr';
      let negated = false;
      if (peek() === '!=') {
        take();
        negated = true;
      }
      if (peek() === '{') {
        take();
        const cidrs: Cidr[] = [];
        let intervals = false;
        while (peek() !== '}') {
          const t = take().replace(/,$/, '');
          if (t === '' || t === ',') continue;
          cidrs.push(cidrOf(t));
          if (t.includes('/')) intervals = true;
        }
        take();
        out.push({ kind: 'addr', field: f, negated, cidrs, anonymousSet: true, intervals });
      } else {
        out.push({ kind: 'addr', field: f, negated, cidrs: [cidrOf(take())], anonymousSet: false });
      }
      continue;
    }
    if (word === 'meta' && peek(1) === 'l4proto') {
      take();
      take();
      out.push({ kind: 'l4proto', proto: take() });
      continue;
    }
    if ((word === 'tcp' || word === 'udp' || word === 'sctp') && peek(1) === 'dport') {
      take();
      take();
      out.push({ kind: 'dport', proto: word, port: number(take()) });
      continue;
    }
    if (word === 'ct' && peek(1) === 'state') {
      take();
      take();
      out.push({ kind: 'ct-state', states: take().split(',') });
      continue;
    }
    if (word === 'fib') {
      take();
      const f = take();
      if ((f !== 'saddr' && f !== 'daddr') || take() !== 'type' || take() !== 'local')
        throw new NftParseError(`unsupported fib expression in ${text}`);
      out.push({ kind: 'fib-local', field: f });
      continue;
    }
    if (word === 'mark' && peek(1) === 'set') {
      take();
      take();
      if (take() !== 'mark') throw new NftParseError(`unsupported mark statement in ${text}`);
      const op = take();
      if (op !== 'or' && op !== 'xor') throw new NftParseError(`unsupported mark operation ${op}`);
      out.push({ kind: 'mark-set', op, value: number(take()) });
      continue;
    }
    if (word === 'mark' && peek(1) === 'and') {
      take();
      take();
      const mask = number(take());
      if (take() !== '==') throw new NftParseError(`unsupported mark comparison in ${text}`);
      out.push({ kind: 'mark-match', mask, value: number(take()) });
      continue;
    }
    if (word === 'numgen') {
      take();
      if (take() !== 'random' || take() !== 'mod') throw new NftParseError(`unsupported numgen in ${text}`);
      const modulus = number(take());
      if (take() !== 'vmap' || take() !== '{')
        throw new NftParseError(`numgen without an anonymous vmap in ${text}`);
      const entries: { index: number; verdict: NftVerdict }[] = [];
      while (peek() !== '}') {
        if (peek() === ',') {
          take();
          continue;
        }
        const index = number(take());
        if (take() !== ':') throw new NftParseError(`bad vmap entry in ${text}`);
        const v = take();
        entries.push({ index, verdict: parseVerdict(v === 'jump' || v === 'goto' ? `${v} ${take()}` : v) });
      }
      take();
      out.push({ kind: 'numgen', modulus, entries });
      continue;
    }
    if (word === 'update') {
      take();
      const set = take().replace(/^@/, '');
      if (take() !== '{') throw new NftParseError(`bad update in ${text}`);
      const f = field();
      if (f !== 'ip saddr' && f !== 'ip daddr') throw new NftParseError(`unsupported update key ${f}`);
      if (take() !== '}') throw new NftParseError(`bad update in ${text}`);
      out.push({ kind: 'update', set, field: f });
      continue;
    }
    if (word === 'dnat') {
      take();
      if (take() !== 'to') throw new NftParseError(`bad dnat in ${text}`);
      const to = take();
      const [addr, port] = to.split(':');
      const address = cidrOf(addr!).network;
      out.push(
        port === undefined
          ? { kind: 'dnat', address, text: to }
          : { kind: 'dnat', address, port: number(port), text: to },
      );
      continue;
    }
    if (word === 'masquerade') {
      take();
      const fullyRandom = peek() === 'fully-random';
      if (fullyRandom) take();
      out.push({ kind: 'masquerade', fullyRandom });
      continue;
    }
    if (word === 'jump' || word === 'goto') {
      take();
      out.push({ kind: 'verdict', verdict: { kind: word, chain: take() } });
      continue;
    }
    if (word === 'accept' || word === 'drop' || word === 'reject' || word === 'return') {
      take();
      out.push({ kind: 'verdict', verdict: { kind: word } });
      continue;
    }
    throw new NftParseError(`unsupported nft word "${word}" in: ${text}`);
  }
  return out;
}
