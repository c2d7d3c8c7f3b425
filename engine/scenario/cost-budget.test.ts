// A small file asking for millions of endpoints is refused before any is made, with the Service that
// crossed the budget and its count; a cluster within Kubernetes' limits is not.
import { describe, expect, it } from 'vitest';
import { MAX_RULES_PER_NODE, MAX_SERVICE_ENDPOINTS } from './limits';
import { parseScenario } from './parse-scenario';
import { amplificationYaml } from './testdata/amplification';

/** 1-based line of the selector of Service `web-<n>` (its value, `app: web`, a line below `selector:`). */
function selectorLine(text: string, n: number): number {
  const at = text.indexOf(`    app: web\n`, text.indexOf(`kind: Service\nmetadata:\n  name: web-${n}\n`));
  return text.slice(0, at).split('\n').length;
}

// Each case parses a file of 10,000 replicas; on a loaded 2-core machine one took over vitest's 5 s default.
describe('cost budgets', { timeout: 60_000 }, () => {
  it('refuses pods × selecting Services past the endpoint budget, on the Service that crosses it', () => {
    // 10,000 replicas and 300 one-port Services selecting all of them: 3 million endpoints from 44 KB.
    const text = amplificationYaml({ deployments: 2, replicas: 5_000, services: 300, portsPerService: 1 });
    expect(text.length).toBeLessThan(50_000);
    const { scenario, diagnostics } = parseScenario(text, 'amp.yaml');
    expect(scenario).toBeNull();
    const crossing = Math.floor(MAX_SERVICE_ENDPOINTS / 10_000); // the Service whose pods pass the budget
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      message: expect.stringContaining(`Service "default/web-${crossing}" selects 10,000 pods`) as string,
      line: selectorLine(text, crossing),
      field: 'spec.selector',
    });
    expect(errors[0]!.message).toContain('more than the budget of 2,500,000');
  });

  it('refuses a node whose rules would pass the rule budget (many ports per Service)', () => {
    const text = amplificationYaml({ deployments: 2, replicas: 5_000, services: 40, portsPerService: 10 });
    const { scenario, diagnostics } = parseScenario(text, 'amp.yaml');
    expect(scenario).toBeNull();
    const perService = 10 * (2 + 3 * 10_000);
    const crossing = Math.floor(MAX_RULES_PER_NODE / perService);
    const error = diagnostics.find((d) => d.severity === 'error');
    expect(error?.message).toContain(`Service "default/web-${crossing}" selects 10,000 pods on 10 ports`);
    expect(error?.line).toBe(selectorLine(text, crossing));
  });

  it('simulates the same pods behind a few Services', () => {
    const text = amplificationYaml({ deployments: 2, replicas: 5_000, services: 3, portsPerService: 2 });
    const { scenario, diagnostics } = parseScenario(text, 'amp.yaml');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(scenario?.pods.length).toBeGreaterThanOrEqual(10_000);
  });
});
