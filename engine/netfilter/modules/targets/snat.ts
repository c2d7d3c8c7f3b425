// -j SNAT --to-source ADDR [--random-fully] (xt_SNAT): rewrites the source of the connection's first
// packet to a fixed address; the hook runner picks the source port as nf_nat does.
import type { Packet } from '../../../net/packet';
import { RuleParseError, type Target, type TargetExtension, type TargetStep } from '../extension';
import { parseAddress } from '../words';
import { targetOption } from './option';

export class SnatTarget implements Target {
  readonly kind = 'SNAT';
  constructor(
    readonly toAddress: number,
    readonly text: string,
    readonly randomFully: boolean,
  ) {}
  apply(_packet: Packet): TargetStep {
    return { kind: 'snat', address: this.toAddress };
  }
  save(): string {
    return ` -j SNAT --to-source ${this.text}${this.randomFully ? ' --random-fully' : ''}`;
  }
}

export const snat: TargetExtension<SnatTarget> = {
  names: ['SNAT'],
  parse(_name: string, rest: readonly string[]): SnatTarget {
    const text = targetOption(rest, '--to-source');
    if (!text) throw new RuleParseError('SNAT without --to-source');
    return new SnatTarget(parseAddress(text.split(':')[0]!).network, text, rest.includes('--random-fully'));
  },
};
