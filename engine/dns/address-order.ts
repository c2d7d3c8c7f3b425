// Which of several A records a connect() uses: the first of getaddrinfo's list, after two reorderings.
//
// 1. CoreDNS answers a headless Service with its endpoints in a fixed order, but kubeadm's Corefile ends
//    with `loadbalance`, whose round_robin policy shuffles the A/AAAA records of every answer with
//    dns.Id() as its random source (coredns plugin/loadbalance roundRobinShuffle: two records swap on an
//    even id; more are swapped position by position, j with j + id % (l - j)).
// 2. glibc's getaddrinfo sorts the addresses (sysdeps/posix/getaddrinfo.c rfc3484_sort, RFC 3484/6724
//    destination address selection). For IPv4 destinations all reached from the same kind of address,
//    rules 1–8 tie (usable, same scope, label, precedence); rule 9, the longest common prefix with the
//    source address connect() would use, counts only when the destination is inside the source address's
//    own subnet (its interface prefix): "outside of subnets … common address prefixes for IPv4 addresses
//    make no sense", so those score 0. Rule 10 keeps the received order for the rest.
// So a pod asking for a headless Service is steered to the endpoints on its own node's podCIDR first.
import { formatCidr, formatIpv4, type Ipv4, parseIpv4 } from '../net/ipv4';
import type { SeededRandom } from '../random';

/** The source address (and its interface prefix) the kernel would use toward a destination. */
export type SourceOf = (dst: Ipv4) => { readonly ip: Ipv4; readonly prefix: number } | null;

export interface AddressOrder {
  /** The list getaddrinfo returns, first the one connect() uses. */
  readonly addresses: readonly string[];
  /** Why that one is first, in a sentence. */
  readonly why: string;
}

/** loadbalance's round_robin shuffle, `id` standing for dns.Id() (a fresh random 16-bit id per call). */
export function coreDnsShuffle<T>(records: readonly T[], id: () => number): T[] {
  const out = records.slice();
  const l = out.length;
  if (l === 2) {
    if (id() % 2 === 0) [out[0], out[1]] = [out[1]!, out[0]!];
  } else if (l > 2) {
    for (let j = 0; j < l; j++) {
      const p = j + (id() % (l - j));
      if (p !== j) [out[j], out[p]] = [out[p]!, out[j]!];
    }
  }
  return out;
}

/** glibc's own fls: the number of leading zero bits, i.e. how many leading bits the two addresses share. */
function commonLeadingBits(x: number): number {
  let n = 0;
  for (let mask = 0x80000000; n < 32 && (x & mask) === 0; mask >>>= 1) n++;
  return n;
}

/** Rule 9's score for one destination: 0 outside the source address's subnet. */
function rule9(dst: Ipv4, src: { ip: Ipv4; prefix: number } | null): number {
  if (src === null) return 0;
  const mask = src.prefix === 0 ? 0 : (0xffffffff << (32 - src.prefix)) >>> 0;
  if ((src.ip & mask) >>> 0 !== (dst & mask) >>> 0) return 0;
  return commonLeadingBits((dst ^ src.ip) >>> 0);
}

/**
 * The order getaddrinfo returns `answer` (the A records as CoreDNS built them) in, with `loadbalance`
 * shuffling first when the Corefile has it (`random` stands for dns.Id()).
 */
export function getaddrinfoOrder(
  answer: readonly string[],
  sourceOf: SourceOf,
  loadbalance: SeededRandom | null,
): AddressOrder {
  if (answer.length < 2)
    return { addresses: answer, why: answer.length === 1 ? `one address: ${answer[0]}` : '' };
  const received = loadbalance ? coreDnsShuffle(answer, () => loadbalance.int(0, 0xffff)) : answer.slice();
  const scored = received.map((text, index) => {
    const ip = parseIpv4(text) ?? 0;
    const src = sourceOf(ip);
    return { text, index, bits: rule9(ip, src), src };
  });
  // rfc3484_sort: a higher rule-9 score first, then the order received (idx1 < idx2).
  const sorted = scored.slice().sort((a, b) => b.bits - a.bits || a.index - b.index);
  const first = sorted[0]!;
  const shuffled = loadbalance
    ? `CoreDNS's loadbalance plugin shuffled the ${answer.length} A records to ${received.join(', ')}`
    : `CoreDNS answered ${answer.length} A records in its fixed order (no loadbalance plugin)`;
  let sortText: string;
  if (first.bits > 0 && first.src !== null) {
    const subnet = formatCidr({
      network: (first.src.ip & ((0xffffffff << (32 - first.src.prefix)) >>> 0)) >>> 0,
      prefix: first.src.prefix,
    });
    const near = sorted.filter((s) => s.bits > 0).length;
    sortText = `getaddrinfo's RFC 3484 sort (glibc rule 9, longest matching prefix, counted only inside the source ${formatIpv4(first.src.ip)}'s own subnet ${subnet}) put ${near === 1 ? `${first.text}, the one address` : `the ${near} addresses`} in that subnet first${near > 1 ? `, longest shared prefix first (${first.text} shares ${first.bits} bits)` : ''}`;
  } else {
    sortText = `getaddrinfo's RFC 3484 sort (glibc) kept that order: no address is in the source's own subnet, so rule 9 does not apply and rule 10 keeps the order received`;
  }
  return {
    addresses: sorted.map((s) => s.text),
    why: `${shuffled}; ${sortText}; connect() uses the first, ${first.text}`,
  };
}
