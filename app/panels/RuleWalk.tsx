// Every netfilter rule the packet was checked against in this hop, in order: the matched ones
// highlighted, kube-proxy's `statistic --mode random` draws shown against the rule's probability.
import { useApp } from '../app-context';
import { selectCurrentHop } from '../store/selectors';
import { Term } from '../glossary/Term';
import { lookupTerm } from '../glossary/terms';

export function RuleWalk() {
  const hop = useApp(selectCurrentHop);
  if (!hop) return null;
  if (hop.rules.length === 0) return <p className="empty">No netfilter rules in this hop.</p>;
  // The chains and targets met here, once each, with their glossary meaning (not a button per rule row).
  const words = [
    ...new Set(hop.rules.flatMap((r) => [r.chain, ...(/-j ([A-Z][A-Z-]+)/.exec(r.rule)?.slice(1) ?? [])])),
  ].filter((w) => lookupTerm(w));
  const terms = [...new Map(words.map((w) => [lookupTerm(w)!.term, w])).values()];
  return (
    <div className="rule-walk">
      <p data-testid="rules-evaluated">
        {hop.rulesEvaluated} rule{hop.rulesEvaluated === 1 ? '' : 's'} evaluated,{' '}
        {hop.rules.filter((r) => r.matched).length} matched
      </p>
      {terms.length > 0 && (
        <p className="walk-terms">
          Terms here:{' '}
          {terms.map((w, i) => (
            <span key={w}>
              {i > 0 && ' · '}
              <Term name={w}>{lookupTerm(w)!.term}</Term>
            </span>
          ))}
        </p>
      )}
      <ol>
        {hop.rules.map((r, i) => (
          <li key={i} className={r.matched ? 'matched' : undefined}>
            <span className="chain">
              {r.table}/{r.chain} #{r.position}
            </span>{' '}
            <code>{r.rule}</code>
            {r.matched && <span className="badge">matched</span>}
            {r.draw && (
              <span className="draw">
                draw {r.draw.value.toFixed(5)} {r.draw.value < r.draw.probability ? '<' : '≥'} p{' '}
                {r.draw.probability.toFixed(5)}
              </span>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
