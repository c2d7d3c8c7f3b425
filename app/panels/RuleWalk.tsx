// Every netfilter rule the packet was checked against in this hop, in order: the matched ones
// highlighted, kube-proxy's `statistic --mode random` draws shown against the rule's probability.
import { useApp } from '../app-context';
import { selectCurrentHop } from '../store/selectors';

export function RuleWalk() {
  const hop = useApp(selectCurrentHop);
  if (!hop) return null;
  if (hop.rules.length === 0) return <p className="empty">No netfilter rules in this hop.</p>;
  return (
    <div className="rule-walk">
      <p data-testid="rules-evaluated">
        {hop.rulesEvaluated} rule{hop.rulesEvaluated === 1 ? '' : 's'} evaluated,{' '}
        {hop.rules.filter((r) => r.matched).length} matched
      </p>
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
