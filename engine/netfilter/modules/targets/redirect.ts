// -j REDIRECT --to-ports P (xt_REDIRECT): DNAT to the incoming interface's primary address (127.0.0.1 for
// locally generated packets); kube-proxy's userspace mode sends Service traffic to its proxy port this way.
import type { Packet } from '../../../net/packet';
import { RuleParseError, type Target, type TargetExtension, type TargetStep } from '../extension';
import { targetOption } from './option';

export class RedirectTarget implements Target {
  readonly kind = 'REDIRECT';
  constructor(readonly toPort: number) {}
  apply(_packet: Packet): TargetStep {
    return { kind: 'redirect', toPort: this.toPort };
  }
  save(): string {
    return ` -j REDIRECT --to-ports ${this.toPort}`;
  }
}

export const redirect: TargetExtension<RedirectTarget> = {
  names: ['REDIRECT'],
  parse(_name: string, rest: readonly string[]): RedirectTarget {
    const ports = targetOption(rest, '--to-ports');
    if (!ports) throw new RuleParseError('REDIRECT without --to-ports');
    return new RedirectTarget(Number(ports));
  },
};
