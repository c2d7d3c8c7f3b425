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
/**
 * Most endpoints of all Services together, each pod counted once per Service selecting it: Kubernetes'
 * scalability envelope is 10,000 Services of at most 250 endpoints each (sig-scalability thresholds.md), so
 * any real cluster fits. A few KB of Deployments with 199,000 replicas and 40 Services selecting them all
 * asks for 8 million, which took minutes and gigabytes.
 */
export const MAX_SERVICE_ENDPOINTS = 10_000 * 250;
/**
 * Most kube-proxy rules one node may need, counted as iptables mode writes a ClusterIP port: a KUBE-SERVICES
 * jump and a masquerade rule, then per endpoint a KUBE-SVC jump, a KUBE-SEP masquerade and a DNAT. The
 * envelope above, one port per Service, needs 7.52 million.
 */
export const MAX_RULES_PER_NODE = 8_000_000;
