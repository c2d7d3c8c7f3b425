// The standard targets (xt_standard): ACCEPT and DROP end the walk, RETURN goes back to the calling chain
// (or to the built-in chain's policy); a user chain's name jumps to it (`-j`) or goes to it (`-g`, no
// return point). Any -j name that is not a registered target is a chain, as iptables-restore resolves it.
import type { Packet } from '../../../net/packet';
import { RuleParseError, type Target, type TargetExtension, type TargetStep } from '../extension';

export type Verdict = 'ACCEPT' | 'DROP' | 'RETURN';

const STEP: Readonly<Record<Verdict, TargetStep>> = {
  ACCEPT: { kind: 'accept' },
  DROP: { kind: 'drop' },
  RETURN: { kind: 'return' },
};

export class VerdictTarget implements Target {
  constructor(readonly kind: Verdict) {}
  apply(_packet: Packet): TargetStep {
    return STEP[this.kind];
  }
  save(): string {
    return ` -j ${this.kind}`;
  }
}

/** A jump or goto to a user chain; it is its own walk step, so taking it allocates nothing. */
export class ChainTarget implements Target {
  constructor(
    readonly kind: 'jump' | 'goto',
    readonly chain: string,
  ) {}
  apply(_packet: Packet): TargetStep {
    return this;
  }
  save(): string {
    return ` ${this.kind === 'jump' ? '-j' : '-g'} ${this.chain}`;
  }
}

export const standard: TargetExtension<VerdictTarget> = {
  names: ['ACCEPT', 'DROP', 'RETURN'],
  parse(name: string): VerdictTarget {
    return new VerdictTarget(name as Verdict);
  },
};

export function chainTarget(name: string, rest: readonly string[], isGoto: boolean): ChainTarget {
  if (rest.length > 0) throw new RuleParseError(`unexpected words after -j ${name}: ${rest.join(' ')}`);
  return new ChainTarget(isGoto ? 'goto' : 'jump', name);
}
