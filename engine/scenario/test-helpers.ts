// Shared by the scenario tests: parse, and pick out what a spec wants to look at.
import type { Diagnostic, Scenario } from '../model/scenario';
import { formatDiagnostic } from './diagnostics';
import { parseScenario } from './parse-scenario';

export function scenarioOf(text: string): Scenario {
  const { scenario, diagnostics } = parseScenario(text, 'test.yaml');
  if (scenario === null)
    throw new Error(`expected a scenario, got:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
  return scenario;
}

/**
 * The scenario without kubeadm's CoreDNS addon, for specs about something else: the opt-out is appended
 * as the last document, so the lines and documents of the text stay where the spec expects them.
 */
export function withoutCoreDns(text: string): string {
  return `${text}\n---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nskipPhases: [addon/coredns]\n`;
}

export function errorsOf(text: string): Diagnostic[] {
  const { scenario, diagnostics } = parseScenario(text, 'test.yaml');
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 && scenario !== null) throw new Error('errors but a scenario');
  return errors;
}

export function warningsOf(text: string): Diagnostic[] {
  return parseScenario(text, 'test.yaml').diagnostics.filter((d) => d.severity === 'warning');
}

/** The compiler-style lines, which read well in assertions. */
export function renderedErrors(text: string): string[] {
  return errorsOf(text).map(formatDiagnostic);
}
