// Build-time index of scenarios/ for the library (`virtual:podpath-scenarios`): name, group, title and
// description of each file, a few hundred bytes, so the app lists every scenario without loading them.
import { readdirSync, readFileSync } from 'node:fs';
import { describeScenario } from './describe-scenario';

const ID = 'virtual:podpath-scenarios';

export function scenarioIndex(root = 'scenarios') {
  return {
    name: 'podpath-scenario-index',
    resolveId: (id: string) => (id === ID ? `\0${ID}` : null),
    load(id: string) {
      if (id !== `\0${ID}`) return null;
      const names = [
        ...readdirSync(root).filter((f) => f.endsWith('.yaml')),
        ...readdirSync(`${root}/conformance`)
          .filter((f) => f.endsWith('.yaml'))
          .map((f) => `conformance/${f}`),
      ].sort((a, b) => Number(a.includes('/')) - Number(b.includes('/')) || a.localeCompare(b));
      const index = names.map((f) => ({
        name: f.replace(/\.yaml$/, ''),
        ...describeScenario(readFileSync(`${root}/${f}`, 'utf8'), f),
      }));
      return `export default ${JSON.stringify(index)};`;
    },
  };
}
