// The four buffers syncProxyRules fills (filterChains, filterRules, natChains, natRules; proxyutil
// LineBuffer), holding parsed Rules instead of bytes so the same objects feed the restore payload text
// and the packet evaluator.
import { parseRuleArgs, type Rule, type RuleSpec, type TableName } from '../../netfilter/rule';

export class RuleWriter {
  readonly filterChains: string[] = [];
  readonly filterRules: Rule[] = [];
  readonly natChains: string[] = [];
  readonly natRules: Rule[] = [];

  filter(chain: string, args: readonly string[]): void {
    this.filterRules.push(new LazyRule('filter', chain, args));
  }

  nat(chain: string, args: readonly string[]): void {
    this.natRules.push(new LazyRule('nat', chain, args));
  }
}

/**
 * A Rule whose matches and target are parsed (with makeRule's parser) on the first read of `spec`. At
 * 10,000 Services x 15 endpoints a sync writes ~480,000 rules, most in KUBE-SEP chains a trace never
 * enters; parsing and retaining all their specs up front costs more than the rest of the sync. `spec` is
 * a prototype getter, so a spread copy (`{...rule}`) or a structured clone drops it: pass the object
 * itself, or makeRule(rule.table, rule.chain, rule.args) for plain data. The tests read every spec, so a
 * word the parser does not know still fails there.
 */
export class LazyRule implements Rule {
  #spec: RuleSpec | undefined;

  constructor(
    readonly table: TableName,
    readonly chain: string,
    readonly args: readonly string[],
  ) {}

  get spec(): RuleSpec {
    return (this.#spec ??= parseRuleArgs(this.args));
  }
}

/** `-m comment --comment TEXT`. */
export function comment(text: string): string[] {
  return ['-m', 'comment', '--comment', text];
}

/**
 * A comment as kube-proxy writes a multi-word one: wrapped in double quotes inside the single restore
 * word (`fmt.Sprintf(`"%s cluster IP"`, ...)`). Single-word comments (the bare `ns/svc:port`) are not.
 */
export function quoted(text: string): string {
  return `"${text}"`;
}
