// -j REJECT [--reject-with TYPE] (ipt_REJECT): drops the packet and answers with an ICMP error or a TCP
// reset; kube-proxy rejects traffic to a Service with no endpoints this way.
import type { Packet } from '../../../net/packet';
import type { Target, TargetExtension, TargetStep } from '../extension';
import { targetOption } from './option';

/** libipt_REJECT's canonical names for the aliases it accepts. */
const REJECT_ALIASES: Readonly<Record<string, string>> = {
  'net-unreach': 'icmp-net-unreachable',
  'host-unreach': 'icmp-host-unreachable',
  'proto-unreach': 'icmp-proto-unreachable',
  'port-unreach': 'icmp-port-unreachable',
  'net-prohib': 'icmp-net-prohibited',
  'host-prohib': 'icmp-host-prohibited',
  'admin-prohib': 'icmp-admin-prohibited',
  'tcp-rst': 'tcp-reset',
};

export class RejectTarget implements Target {
  readonly kind = 'REJECT';
  constructor(readonly rejectWith: string | undefined) {}
  apply(_packet: Packet): TargetStep {
    return { kind: 'reject', rejectWith: this.rejectWith ?? 'icmp-port-unreachable' };
  }
  save(): string {
    const type = this.rejectWith ?? 'icmp-port-unreachable';
    return ` -j REJECT --reject-with ${REJECT_ALIASES[type] ?? type}`;
  }
}

export const reject: TargetExtension<RejectTarget> = {
  names: ['REJECT'],
  parse(_name: string, rest: readonly string[]): RejectTarget {
    return new RejectTarget(targetOption(rest, '--reject-with') || undefined);
  },
};
