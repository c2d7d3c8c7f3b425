// The iptables-restore input kube-proxy writes: `*filter`, chain lines, rules, `COMMIT`, then the same for
// nat (utiliptables MakeChainLine; proxier.go "Sync rules").
import type { Rule } from '../../netfilter/rule';

export interface PayloadParts {
  readonly filterChains: readonly string[];
  readonly filterRules: readonly Rule[];
  readonly natChains: readonly string[];
  readonly natRules: readonly Rule[];
}

export function ruleLine(rule: Rule): string {
  return rule.args.length === 0 ? `-A ${rule.chain}` : `-A ${rule.chain} ${rule.args.join(' ')}`;
}

export function renderRestorePayload(parts: PayloadParts): string {
  const lines: string[] = ['*filter'];
  for (const c of parts.filterChains) lines.push(`:${c} - [0:0]`);
  for (const r of parts.filterRules) lines.push(ruleLine(r));
  lines.push('COMMIT', '*nat');
  for (const c of parts.natChains) lines.push(`:${c} - [0:0]`);
  for (const r of parts.natRules) lines.push(ruleLine(r));
  lines.push('COMMIT');
  return lines.join('\n') + '\n';
}
