// The benchmark's cluster sizes and the scenario file generated for each.
import { syntheticScenario } from '../engine/scenario/synthetic-scenario';

export interface Tier {
  readonly name: string;
  readonly nodes: number;
  readonly services: number;
  readonly replicas: number; // pods per Service (one Deployment each)
  readonly targets: string;
}

export const TIERS: Record<string, Tier> = {
  classroom: { name: 'classroom', nodes: 3, services: 10, replicas: 3, targets: 'build + trace < 10 ms' },
  large: { name: 'large', nodes: 100, services: 1000, replicas: 3, targets: '-' },
  limits: {
    name: 'limits',
    nodes: 5000,
    services: 10000,
    replicas: 15,
    targets: 'node rules < 2 s and < 1.5 GB; trace < 20 ms',
  },
};

/** A scenario file of the tier's size: one Deployment per Service, pod subnet wide enough for 5,000 nodes. */
export function tierYaml(t: Tier): string {
  return syntheticScenario({
    nodes: t.nodes,
    services: t.services,
    deployments: t.services,
    replicas: t.replicas,
    podSubnet: '10.128.0.0/9',
  });
}
