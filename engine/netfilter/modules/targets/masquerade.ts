// -j MASQUERADE [--random-fully] (xt_MASQUERADE): SNAT to the address of the interface the packet leaves
// by, chosen when it leaves (the hook runner knows the device, the target does not).
import type { Packet } from '../../../net/packet';
import type { Target, TargetExtension, TargetStep } from '../extension';

export class MasqueradeTarget implements Target {
  readonly kind = 'MASQUERADE';
  constructor(readonly randomFully: boolean) {}
  apply(_packet: Packet): TargetStep {
    return { kind: 'masquerade', randomFully: this.randomFully };
  }
  save(): string {
    return ` -j MASQUERADE${this.randomFully ? ' --random-fully' : ''}`;
  }
}

export const masquerade: TargetExtension<MasqueradeTarget> = {
  names: ['MASQUERADE'],
  parse(_name: string, rest: readonly string[]): MasqueradeTarget {
    return new MasqueradeTarget(rest.includes('--random-fully'));
  },
};
