// The ingress-nginx controller a file installs itself (its Deployment or DaemonSet, as the kind, cloud and
// bare-metal manifests and the Helm chart write it), and the command-line arguments it runs with, read as
// the controller's pflag set reads them (pkg/flags/flags.go): `--flag=value` or `--flag value`, booleans
// as `--flag` or `--flag=true|false` (a separate `false` would be a positional argument), `$(VAR)` from
// the container's env expanded by the kubelet first. An unknown flag makes the controller exit.
import { parseGoBool } from '../ingress/annotations';
import type { Diagnostics, Place } from './diagnostics';
import type { ObjectFields } from './object-fields';
import type { SourceObject } from './source-objects';

export const DEFAULT_INGRESS_CLASS = 'nginx';
export const DEFAULT_CONTROLLER_CLASS = 'k8s.io/ingress-nginx';

/** What the controller's arguments decide that the simulation carries out. */
export interface ControllerArgs {
  /** --ingress-class: the legacy annotation value it accepts (and the IngressClass name with --ingress-class-by-name). */
  readonly ingressClass: string;
  /** --controller-class: the spec.controller of the IngressClasses it serves. */
  readonly controllerClass: string;
  /** --watch-ingress-without-class: serve Ingresses that name no class at all. */
  readonly watchIngressWithoutClass: boolean;
  /** --ingress-class-by-name: an Ingress naming --ingress-class is served even without that IngressClass. */
  readonly ingressClassByName: boolean;
  /** --default-backend-service: unmatched requests go to this Service's first port, not nginx's own 404. */
  readonly defaultBackendService: {
    readonly namespace: string;
    readonly name: string;
    readonly place: Place;
  } | null;
  /** --publish-service: the Service whose address is written to the served Ingresses' status. */
  readonly publishService: string | null;
  /** --publish-status-address: an address written to the status instead (kind's manifest: localhost). */
  readonly publishStatusAddress: string | null;
}

export const DEFAULT_CONTROLLER_ARGS: ControllerArgs = {
  ingressClass: DEFAULT_INGRESS_CLASS,
  controllerClass: DEFAULT_CONTROLLER_CLASS,
  watchIngressWithoutClass: false,
  ingressClassByName: false,
  defaultBackendService: null,
  publishService: null,
  publishStatusAddress: null,
};

/** The controller's own workload in the file: namespace, name, and its container (args, ports). */
export interface ControllerWorkload {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly container: ObjectFields;
}

const BOOL_FLAGS = new Set([
  'watch-ingress-without-class',
  'ingress-class-by-name',
  'update-status',
  'update-status-on-shutdown',
  'enable-ssl-passthrough',
  'enable-metrics',
  'enable-ssl-chain-completion',
  'enable-topology-aware-routing',
  'report-node-internal-ip-address',
  'disable-catch-all',
  'disable-full-test',
  'disable-leader-election',
  'disable-svc-external-name',
  'disable-sync-events',
  'enable-annotation-validation',
  'profiling',
  'version',
  'logtostderr',
  'alsologtostderr',
  'skip_log_headers',
  'sort-backends',
  'metrics-per-host',
  'metrics-per-undefined-host',
  'shutdown-grace-period-enabled',
  'enable-aws-load-balancer-tls',
  'chroot',
  'deep-inspect',
]);

/** Flags that only change how the controller runs (leader election, webhook, metrics, logs), not routing. */
const OPERATIONAL_FLAGS = new Set([
  'election-id',
  'election-ttl',
  'configmap',
  'validating-webhook',
  'validating-webhook-certificate',
  'validating-webhook-key',
  'enable-metrics',
  'metrics-per-host',
  'metrics-per-undefined-host',
  'healthz-port',
  'healthz-host',
  'health-check-path',
  'health-check-timeout',
  'status-port',
  'stream-port',
  'profiler-port',
  'profiling',
  'update-status',
  'update-status-on-shutdown',
  'v',
  'vmodule',
  'logtostderr',
  'alsologtostderr',
  'log_dir',
  'log_file',
  'stderrthreshold',
  'skip_log_headers',
  'sync-period',
  'sync-rate-limit',
  'post-shutdown-grace-period',
  'shutdown-grace-period',
  'kubeconfig',
  'apiserver-host',
  'disable-leader-election',
  'disable-full-test',
  'deep-inspect',
  'chroot',
  'enable-annotation-validation',
  'internal-logger-address',
  'maxmind-license-key',
  'maxmind-edition-ids',
  'maxmind-mirror',
  'maxmind-retries-count',
  'maxmind-retries-timeout',
  'dynamic-configuration-retries',
  'report-status-classes',
  'time-buckets',
  'length-buckets',
  'size-buckets',
  'exclude-socket-metrics',
  'monitor-max-batch-size',
  'version',
]);

/** Flags the controller has whose effect on routing is not simulated (a warning names them). */
const UNSIMULATED_FLAGS = new Set([
  'annotations-prefix',
  'watch-namespace',
  'watch-namespace-selector',
  'tcp-services-configmap',
  'udp-services-configmap',
  'enable-ssl-passthrough',
  'ssl-passthrough-proxy-port',
  'http-port',
  'https-port',
  'default-server-port',
  'bind-address',
  'disable-catch-all',
  'disable-svc-external-name',
  'enable-topology-aware-routing',
  'report-node-internal-ip-address',
  'sort-backends',
  'enable-ssl-chain-completion',
  'force-namespace-isolation',
  'disable-sync-events',
  'enable-aws-load-balancer-tls',
  'shutdown-grace-period-enabled',
  'default-ssl-certificate',
]);

const SIMULATED_FLAGS = new Set([
  'ingress-class',
  'controller-class',
  'watch-ingress-without-class',
  'ingress-class-by-name',
  'default-backend-service',
  'publish-service',
  'publish-status-address',
]);

function isControllerContainer(c: ObjectFields): boolean {
  const image = c.string('image') ?? '';
  const first = [...c.stringList('command'), ...c.stringList('args')][0]?.value ?? '';
  return /ingress-nginx\/controller/.test(image) || first.endsWith('/nginx-ingress-controller');
}

/** The Deployment or DaemonSet in the file that runs the ingress-nginx controller, if any. */
export function findControllerWorkload(objects: readonly SourceObject[]): ControllerWorkload | null {
  for (const o of objects) {
    if (o.kind !== 'Deployment' && o.kind !== 'DaemonSet') continue;
    const spec = o.fields.map('spec').map('template').map('spec');
    const container = spec.mapList('containers').find(isControllerContainer);
    if (!container) continue;
    const meta = o.fields.map('metadata');
    return {
      kind: o.kind,
      namespace: meta.string('namespace') ?? 'default',
      name: meta.string('name') ?? '',
      container,
    };
  }
  return null;
}

/** The kubelet's $(VAR) expansion from the container's env (value or the pod's namespace by fieldRef). */
function expander(w: ControllerWorkload): (s: string) => string {
  const env = new Map<string, string>();
  for (const e of w.container.mapList('env')) {
    const name = e.string('name');
    if (name === null) continue;
    const value = e.string('value');
    const fieldPath = e.map('valueFrom').map('fieldRef').string('fieldPath');
    if (value !== null) env.set(name, value);
    else if (fieldPath === 'metadata.namespace') env.set(name, w.namespace);
  }
  return (s) => s.replace(/\$\((\w+)\)/g, (whole, v: string) => env.get(v) ?? whole);
}

function namespacedName(
  value: string,
  flag: string,
  place: Place,
  diags: Diagnostics,
): { namespace: string; name: string } | null {
  const parts = value.split('/');
  if (parts.length === 2 && parts[0] !== '' && parts[1] !== '')
    return { namespace: parts[0]!, name: parts[1]! };
  diags.warning(place, `--${flag}=${value}: expected namespace/name; the controller refuses to start`);
  return null;
}

export function readControllerArgs(w: ControllerWorkload, diags: Diagnostics): ControllerArgs {
  const expand = expander(w);
  const words = [...w.container.stringList('command'), ...w.container.stringList('args')].map((p) => ({
    value: expand(p.value),
    place: p.place,
  }));
  const args: { -readonly [K in keyof ControllerArgs]: ControllerArgs[K] } = { ...DEFAULT_CONTROLLER_ARGS };
  for (let i = 0; i < words.length; i++) {
    const { value: word, place } = words[i]!;
    if (!word.startsWith('--')) continue;
    const eq = word.indexOf('=');
    const flag = word.slice(2, eq < 0 ? undefined : eq);
    let value: string | null = eq < 0 ? null : word.slice(eq + 1);
    if (!BOOL_FLAGS.has(flag) && value === null && i + 1 < words.length) value = words[++i]!.value;
    if (!SIMULATED_FLAGS.has(flag) && !OPERATIONAL_FLAGS.has(flag)) {
      diags.warning(
        place,
        UNSIMULATED_FLAGS.has(flag)
          ? `--${flag} is not simulated: Podpath routes as if it were not set`
          : `unknown flag: --${flag}: the controller exits at start (pflag), so nothing serves these Ingresses in the cluster`,
      );
      continue;
    }
    const bool = value === null || (parseGoBool(value) ?? false);
    switch (flag) {
      case 'ingress-class':
        args.ingressClass = value ?? '';
        break;
      case 'controller-class':
        args.controllerClass = value ?? '';
        break;
      case 'watch-ingress-without-class':
        args.watchIngressWithoutClass = bool;
        break;
      case 'ingress-class-by-name':
        args.ingressClassByName = bool;
        break;
      case 'default-backend-service': {
        const ref = namespacedName(value ?? '', flag, place, diags);
        args.defaultBackendService = ref === null ? null : { ...ref, place };
        break;
      }
      case 'publish-service':
        args.publishService = value;
        break;
      case 'publish-status-address':
        args.publishStatusAddress = value;
        break;
    }
  }
  return args;
}
