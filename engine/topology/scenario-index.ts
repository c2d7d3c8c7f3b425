// Lookups every namespace builder needs, computed once per Scenario object and kept in a WeakMap, so
// building one node's namespace costs O(nodes + that node's pods), never all namespaces.
import { cniPodsByNode } from '../cni/allocate';
import type { NodeSpec, PodSpec, Scenario } from '../model/scenario';

export interface ScenarioIndex {
  readonly nodes: Map<string, { readonly node: NodeSpec; readonly index: number }>;
  /** Pods that go through CNI (not hostNetwork), per node, in document order. */
  readonly cniPods: Map<string, PodSpec[]>;
}

const cache = new WeakMap<Scenario, ScenarioIndex>();

export function scenarioIndex(scenario: Scenario): ScenarioIndex {
  let index = cache.get(scenario);
  if (!index) {
    index = {
      nodes: new Map(scenario.nodes.map((node, i) => [node.name, { node, index: i }])),
      cniPods: cniPodsByNode(scenario),
    };
    cache.set(scenario, index);
  }
  return index;
}

export function requireNode(
  scenario: Scenario,
  name: string,
): { readonly node: NodeSpec; readonly index: number } {
  const entry = scenarioIndex(scenario).nodes.get(name);
  if (!entry) throw new Error(`no node named ${name} in the scenario`);
  return entry;
}
