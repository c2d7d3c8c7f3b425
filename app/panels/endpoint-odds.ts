// The chance kube-proxy's iptables rules give each endpoint, read from iptables-save. In a KUBE-SVC-*
// chain the endpoint rules are tried in order, each with `--probability 1/(n-i)` and the last with none,
// so endpoint i is chosen with p_i · Π_{j<i}(1 − p_j), which is 1/n each (proxier.go writeServiceToEndpointRules).
export interface EndpointOdds {
  readonly endpoint: string;
  /** The probability written on the rule (1 for the unconditional last rule). */
  readonly ruleProbability: number;
  /** The resulting share of new connections. */
  readonly share: number;
}

const RULE =
  /^-A (KUBE-SVC-\S+) .*--comment "?[^"]*? -> (\d+\.\d+\.\d+\.\d+:\d+)"?(?:.*--probability ([\d.]+))?/;

export function endpointOdds(iptablesSave: string): Map<string, EndpointOdds[]> {
  const chains = new Map<string, { endpoint: string; p: number }[]>();
  for (const line of iptablesSave.split('\n')) {
    const m = RULE.exec(line);
    if (!m) continue;
    const list = chains.get(m[1]!) ?? [];
    list.push({ endpoint: m[2]!, p: m[3] === undefined ? 1 : Number(m[3]) });
    chains.set(m[1]!, list);
  }
  const out = new Map<string, EndpointOdds[]>();
  for (const [chain, rules] of chains) {
    let remaining = 1;
    out.set(
      chain,
      rules.map((r) => {
        const share = remaining * r.p;
        remaining *= 1 - r.p;
        return { endpoint: r.endpoint, ruleProbability: r.p, share };
      }),
    );
  }
  return out;
}

/** The odds of the chain that serves these endpoints (the one sharing the most of them). */
export function oddsFor(iptablesSave: string, endpoints: readonly string[]): Map<string, EndpointOdds> {
  let best: EndpointOdds[] = [];
  let bestHits = 0;
  for (const list of endpointOdds(iptablesSave).values()) {
    const hits = list.filter((o) => endpoints.includes(o.endpoint)).length;
    if (hits > bestHits) {
      best = list;
      bestHits = hits;
    }
  }
  return new Map(best.map((o) => [o.endpoint, o]));
}
