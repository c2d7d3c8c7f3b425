// The `--probability` words of the endpoint-selection rules: 1/n as Go's `%0.10f` prints it
// (computeProbability), cached as kube-proxy precomputes them.
import { formatBinaryFixed } from '../../netfilter/modules/words';

const cache: string[] = [];

/** `fmt.Sprintf("%0.10f", 1.0/float64(n))`: 3 → 0.3333333333, 2 → 0.5000000000. */
export function probability(n: number): string {
  let text = cache[n];
  if (text === undefined) {
    // Go rounds the exact binary value half-to-even (1/2048 → 0.0004882812), which toFixed does not.
    text = formatBinaryFixed(1 / n, 10);
    cache[n] = text;
  }
  return text;
}
