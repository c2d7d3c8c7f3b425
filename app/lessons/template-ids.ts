// The question templates' ids, apart from their code so the schema can list them without importing the
// templates (and through them the trace types).
export const TEMPLATE_IDS = [
  'delivered-pod',
  'delivered-node',
  'source-seen',
  'underlay-addresses',
  'leaves-node',
  'verdict',
  'outcome',
  'first-packet-rules',
  'first-packet-lookups',
  'connection-count',
  'dns-query-count',
  'dns-first-query',
  'ingress-backend',
  'http-status',
  'hop-count',
  'field',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
