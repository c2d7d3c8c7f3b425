// Caps that keep a hostile or mistaken scenario file from hanging the worker or exhausting memory. They sit
// well above Kubernetes' documented large-cluster limits (5,000 nodes, 150,000 pods, 10,000 Services:
// kubernetes.io/docs/setup/best-practices/cluster-large) so any realistic cluster fits.

/** Largest scenario file, in UTF-8 bytes. */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;
/** Most `---` documents in one file. A bigger cluster goes in `kind: List` documents. */
export const MAX_DOCUMENTS = 2_000;
/**
 * Most objects in the file, counting each item of a `List`: a dump of a cluster at Kubernetes' limits
 * (150,000 pods, 10,000 Services with their EndpointSlices, 5,000 nodes) fits.
 */
export const MAX_OBJECTS = 400_000;
/** Deepest nesting of maps and lists in one document; real manifests stay under ~15. */
export const MAX_DEPTH = 64;
/** Most pods in the scenario, bare Pods plus Deployment replicas (kube's limit is 150,000). */
export const MAX_PODS = 200_000;
/** Most ports on one Service (and on one EndpointSlice, which kube caps at 100). */
export const MAX_SERVICE_PORTS = 100;
/** Most endpoints in one EndpointSlice (kube validation: at most 1000). */
export const MAX_SLICE_ENDPOINTS = 1_000;
