// Every scenario in `scenarios/` for the library: the index (title and one-line description from each
// file's opening comment) is built with the app; a scenario's YAML is loaded only when it is opened.
import index from 'virtual:podpath-scenarios';

const loaders = import.meta.glob(['../../scenarios/*.yaml', '../../scenarios/conformance/*.yaml'], {
  query: '?raw',
  import: 'default',
}) as Record<string, () => Promise<string>>;

export interface ScenarioEntry {
  /** `default`, `conformance/04-nodeport-etp-cluster`: the name lessons use. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly group: 'Scenarios' | 'Kernel lab checks';
}

export const SCENARIOS: readonly ScenarioEntry[] = index.map((s) => ({
  ...s,
  group: s.name.startsWith('conformance/') ? 'Kernel lab checks' : 'Scenarios',
}));

export async function loadScenarioByName(name: string): Promise<string | null> {
  const load = loaders[`../../scenarios/${name}.yaml`];
  return load ? load() : null;
}
