// metadata.name / namespace / labels / annotations, checked the way the API server checks them
// (ValidateObjectMeta: name required, namespace a DNS-1123 label, per-kind name rules).
import type { SourceRef } from '../model/scenario';
import type { Place } from './diagnostics';
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

/**
 * A place as the scenario model keeps it. Line and column are read through: from a dump without positions
 * (JSON or the YAML fast path) they are found only if something shows them, which the CLI's validate never
 * does, and finding each one means parsing its object again.
 */
export function sourceRefOf(place: Place): SourceRef {
  return {
    document: place.document,
    get line() {
      return place.line;
    },
    get column() {
      return place.column;
    },
  };
}

/** Where the object starts. */
export function sourceOf(fields: ObjectFields): SourceRef {
  return sourceRefOf(fields.place());
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
