// metadata.name / namespace / labels / annotations, checked the way the API server checks them
// (ValidateObjectMeta: name required, namespace a DNS-1123 label, per-kind name rules).
import type { SourceRef } from '../model/scenario';
import type { ObjectFields } from './object-fields';
import { dns1123LabelError, invalidValue } from './names';

export interface ObjectMeta {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly metadata: ObjectFields;
  readonly source: SourceRef;
}

export interface MetaRules {
  /** Cluster-scoped objects (Node, configuration) ignore metadata.namespace. */
  readonly namespaced: boolean;
  /** The kind's name rule; returns the reason a name is invalid, or null. */
  readonly nameError: (name: string) => string | null;
}

export function sourceOf(fields: ObjectFields): SourceRef {
  const place = fields.place();
  return { document: place.document, line: place.line, column: place.column };
}

/** Reads metadata; returns null (after reporting) when the object has no usable name. */
export function readMetadata(object: ObjectFields, rules: MetaRules): ObjectMeta | null {
  const metadata = object.map('metadata');
  const name = metadata.string('name');
  let ok = true;
  if (name === null) {
    if (!metadata.has('name')) metadata.error('name', 'Required value: name is required');
    ok = false;
  } else {
    const reason = rules.nameError(name);
    if (reason !== null) {
      metadata.error('name', invalidValue(name, reason));
      ok = false;
    }
  }
  let namespace = 'default';
  if (rules.namespaced) {
    const ns = metadata.string('namespace');
    if (ns !== null && ns !== '') {
      const reason = dns1123LabelError(ns);
      if (reason !== null) {
        metadata.error('namespace', invalidValue(ns, reason));
        ok = false;
      } else namespace = ns;
    }
  }
  const labels = metadata.stringMap('labels') ?? {};
  const annotations = metadata.stringMap('annotations') ?? {};
  if (!ok || name === null) return null;
  return { name, namespace, labels, annotations, metadata, source: sourceOf(object) };
}
