// -j MARK --set-xmark/--set-mark/--or-mark/--xor-mark (xt_MARK): changes the packet's fwmark and lets the
// walk go on to the next rule (XT_CONTINUE).
import type { Packet } from '../../../net/packet';
import { RuleParseError, type Target, type TargetExtension, type TargetStep } from '../extension';
import { hex, parseMarkValue } from '../words';
import { targetOption } from './option';

export type MarkOperation = 'or' | 'xor' | 'set-xmark' | 'set';

const FLAGS: readonly (readonly [string, MarkOperation])[] = [
  ['--or-mark', 'or'],
  ['--xor-mark', 'xor'],
  ['--set-xmark', 'set-xmark'],
  ['--set-mark', 'set'],
];

export class MarkTarget implements Target {
  readonly kind = 'MARK';
  constructor(
    readonly op: MarkOperation,
    readonly value: number,
    readonly mask: number,
    readonly text: string,
  ) {}

  apply(packet: Packet): TargetStep {
    const mark = packet.mark;
    let next: number;
    switch (this.op) {
      case 'or':
        next = mark | this.value;
        break;
      case 'xor':
        next = mark ^ this.value;
        break;
      case 'set-xmark':
        next = (mark & ~this.mask) ^ this.value;
        break;
      case 'set':
        next = this.value;
        break;
    }
    return { kind: 'continue', packet: { ...packet, mark: next >>> 0 } };
  }

  save(): string {
    // libxt_MARK keeps (mark, mask) and always saves it as --set-xmark (mark_tg_parse).
    let mask = this.mask;
    if (this.op === 'or') mask = this.value;
    else if (this.op === 'xor') mask = 0;
    else if (this.op === 'set') mask = (this.value | this.mask) >>> 0;
    return ` -j MARK --set-xmark ${hex(this.value)}/${hex(mask)}`;
  }
}

export const mark: TargetExtension<MarkTarget> = {
  names: ['MARK'],
  parse(_name: string, rest: readonly string[]): MarkTarget {
    for (const [flag, op] of FLAGS) {
      const text = targetOption(rest, flag);
      if (text !== undefined) {
        const { value, mask } = parseMarkValue(text);
        return new MarkTarget(op, value, mask, text);
      }
    }
    throw new RuleParseError('MARK without an operation');
  },
};
