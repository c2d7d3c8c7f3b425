// The scenario reader's public face: YAML text in, cluster model and diagnostics out.
export { parseScenario, type ParseResult } from './parse-scenario';
export { formatDiagnostic } from './diagnostics';
export { deriveEndpointSlices, resolveTargetPort } from './endpoint-slice-controller';
