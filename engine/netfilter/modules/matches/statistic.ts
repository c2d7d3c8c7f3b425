// -m statistic --mode random --probability P (xt_statistic): kube-proxy's iptables mode picks an endpoint
// with a chain of these. The draw is recorded so the trace can show why this endpoint was chosen.
import type { Match, MatchExtension, OptionWords } from '../extension';
import { RuleParseError } from '../extension';
import type { DrawRecord, MatchContext } from '../match-context';
import { formatBinaryFixed, valueOf } from '../words';

/** xt_statistic stores the probability as lround(0x80000000 * p) (iptables extensions/libxt_statistic.c). */
export function statisticThreshold(probability: number): number {
  return Math.round(0x80000000 * probability);
}

/**
 * xt_statistic keeps lround(2^31 * p) and libxt_statistic prints that back with %.11f, so 0.3333333333
 * comes out as 0.33333333349 and 0.2 as 0.20000000019.
 */
export function savedProbability(p: number): string {
  return formatBinaryFixed(statisticThreshold(p) / 0x80000000, 11);
}

export class StatisticMatch implements Match {
  readonly module = 'statistic';
  private readonly threshold: number;
  constructor(
    readonly probability: number,
    readonly probabilityText: string,
  ) {
    this.threshold = statisticThreshold(probability);
  }

  matches(ctx: MatchContext, record: DrawRecord): boolean {
    const value = ctx.draw31();
    record.draw = { value: value / 0x80000000, probability: this.probability };
    return value < this.threshold;
  }

  save(): string {
    return ` -m statistic --mode random --probability ${savedProbability(this.probability)}`;
  }
}

export const statistic: MatchExtension<StatisticMatch> = {
  names: ['statistic'],
  options: { '--mode': 1, '--probability': 1 },
  parse(_name: string, options: readonly OptionWords[]): StatisticMatch {
    let text: string | undefined;
    for (const o of options) {
      const value = valueOf(o);
      // Only random mode: kube-proxy never writes nth.
      if (o.flag === '--mode' && value !== 'random')
        throw new RuleParseError(`unsupported statistic mode ${value}`);
      if (o.flag === '--probability') text = value;
    }
    if (text === undefined) throw new RuleParseError('-m statistic without --probability');
    return new StatisticMatch(Number(text), text);
  },
};
