// -j DNAT --to-destination ADDR[:PORT] (xt_DNAT): rewrites the destination of the connection's first
// packet; conntrack then applies it to the rest and un-DNATs the replies.
import { formatIpv4 } from '../../../net/ipv4';
import type { Packet } from '../../../net/packet';
import { RuleParseError, type Target, type TargetExtension, type TargetStep } from '../extension';
import { parseAddress } from '../words';
import { targetOption } from './option';

export class DnatTarget implements Target {
  readonly kind = 'DNAT';
  constructor(
    readonly toAddress: number,
    readonly toPort: number | undefined,
    readonly text: string,
  ) {}
  apply(packet: Packet): TargetStep {
    const l4 = this.toPort === undefined ? packet.l4 : { ...packet.l4, dport: this.toPort };
    return { kind: 'dnat', packet: { ...packet, ip: { ...packet.ip, dst: this.toAddress }, l4 } };
  }
  save(): string {
    return ` -j DNAT --to-destination ${formatIpv4(this.toAddress)}${this.toPort === undefined ? '' : ':' + this.toPort}`;
  }
}

export const dnat: TargetExtension<DnatTarget> = {
  names: ['DNAT'],
  parse(_name: string, rest: readonly string[]): DnatTarget {
    const text = targetOption(rest, '--to-destination');
    if (!text) throw new RuleParseError('DNAT without --to-destination');
    const [addr, port] = text.split(':');
    return new DnatTarget(parseAddress(addr!).network, port === undefined ? undefined : Number(port), text);
  },
};
