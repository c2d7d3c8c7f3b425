// Glossary entries for reaching a Service: kube-proxy, DNS, Ingress and HTTP.
import type { Term } from './entry';

export const SERVICE_TERMS: readonly Term[] = [
  // kube-proxy
  {
    term: 'kube-proxy',
    means:
      'The node agent that turns Services into kernel rules (iptables, nftables or IPVS) so that a Service address reaches a pod.',
  },
  {
    term: 'KUBE-SERVICES',
    kernel: true,
    means:
      "kube-proxy's iptables chain with one rule per Service port; the packet is checked against them in order.",
  },
  {
    term: 'KUBE-SVC',
    aliases: ['KUBE-SVC-*'],
    means: "kube-proxy's chain for one Service port; its rules pick one endpoint.",
  },
  {
    term: 'KUBE-SEP',
    aliases: ['KUBE-SEP-*'],
    means: "kube-proxy's chain for one endpoint; its rule does the DNAT to that pod.",
  },
  {
    term: 'KUBE-NODEPORTS',
    kernel: true,
    means: "kube-proxy's chain for NodePorts: traffic to any node address on the port goes to the Service.",
  },
  {
    term: 'KUBE-MARK-MASQ',
    means: "kube-proxy's chain that marks a packet to be masqueraded when it leaves the node.",
  },
  {
    term: 'KUBE-POSTROUTING',
    means: "kube-proxy's chain in POSTROUTING that masquerades the packets marked earlier.",
  },
  {
    term: 'IPVS',
    kernel: true,
    means:
      "IP Virtual Server: the kernel's load balancer; kube-proxy's IPVS mode gives each Service a virtual server with its pods as real servers.",
  },
  {
    term: 'kube-ipvs0',
    kernel: true,
    means:
      'A dummy device holding every Service IP in IPVS mode, so the node accepts packets to them as local.',
  },
  { term: 'virtual server', means: 'In IPVS, a Service address and port that clients connect to.' },
  { term: 'real server', means: 'In IPVS, one backend (a pod address and port) behind a virtual server.' },
  {
    term: 'scheduler',
    aliases: ['rr', 'round robin'],
    means: "IPVS's rule for choosing a real server; kube-proxy uses round robin (rr) by default.",
  },
  {
    term: 'ipset',
    kernel: true,
    means: 'A kernel set of addresses or ports that one iptables rule can match in a single lookup.',
  },
  {
    term: 'userspace',
    aliases: ['userspace mode', 'user space'],
    kernel: true,
    means:
      'Where ordinary programs run, outside the kernel; crossing between kernel and user space costs time on every packet.',
  },
  {
    term: 'proxy port',
    means:
      "In kube-proxy's old userspace mode, the port on the node where kube-proxy itself accepts a Service's connections.",
  },
  {
    term: 'Service',
    aliases: ['Services'],
    means: 'A Kubernetes object giving a stable address to a changing set of pods.',
  },
  {
    term: 'ClusterIP',
    kernel: true,
    means:
      "A Service's virtual address inside the cluster; no device owns it, the rules on each node translate it.",
  },
  {
    term: 'NodePort',
    kernel: true,
    means: "A Service port opened on every node's address, so clients outside the cluster can reach it.",
  },
  {
    term: 'LoadBalancer',
    means: 'A Service type that adds an external address (from a cloud or MetalLB) in front of a NodePort.',
  },
  {
    term: 'externalTrafficPolicy',
    kernel: true,
    means:
      "Cluster lets any node forward to any pod (masquerading the client); Local keeps the client's address but only uses pods on the node hit.",
  },
  {
    term: 'endpoint',
    aliases: ['endpoints', 'EndpointSlice'],
    means:
      "A pod's address and port behind a Service, listed in an EndpointSlice with conditions saying whether it is ready.",
  },
  {
    term: 'readiness probe',
    aliases: ['readinessProbe'],
    means:
      "The kubelet's periodic check of a container; until it passes, the pod is not Ready and its endpoint says ready: false.",
  },
  {
    term: 'session affinity',
    aliases: ['sessionAffinity'],
    means: 'A Service setting that keeps sending one client to the same pod.',
  },
  // DNS
  { term: 'DNS', means: 'The Domain Name System: it turns names into addresses.' },
  { term: 'CoreDNS', means: "The cluster's DNS server; its pods sit behind the kube-dns Service." },
  {
    term: 'kube-dns',
    means: "The Service in kube-system whose ClusterIP every pod's resolv.conf names as its nameserver.",
  },
  {
    term: 'resolv.conf',
    aliases: ['/etc/resolv.conf'],
    kernel: true,
    means:
      "The resolver's configuration file in the pod: the nameserver, the search list and options such as ndots.",
  },
  {
    term: 'search list',
    aliases: ['search'],
    kernel: true,
    means: 'Domains the resolver appends to a short name, in order, until one of them answers.',
  },
  {
    term: 'ndots',
    kernel: true,
    means: 'A name with fewer dots than this is tried with the search domains first; Kubernetes sets 5.',
  },
  { term: 'glibc', means: 'The C library whose resolver (getaddrinfo) most programs use to look names up.' },
  { term: 'A', aliases: ['A record'], means: 'A DNS record holding an IPv4 address.' },
  { term: 'AAAA', aliases: ['AAAA record'], means: 'A DNS record holding an IPv6 address.' },
  { term: 'rcode', means: 'The DNS response code: NOERROR, NXDOMAIN (no such name) and so on.' },
  {
    term: 'NXDOMAIN',
    kernel: true,
    means: 'The DNS answer "this name does not exist"; the resolver moves on to its next candidate.',
  },
  { term: 'NODATA', means: 'The DNS answer "the name exists but has no record of this type".' },
  {
    term: 'FQDN',
    aliases: ['fully qualified'],
    means: 'A fully qualified domain name, ending in a dot, which the resolver asks as it is.',
  },
  // Ingress and HTTP
  {
    term: 'Ingress',
    aliases: ['Ingresses'],
    means:
      'A Kubernetes object with HTTP routing rules (host and path to a Service) that an ingress controller carries out.',
  },
  {
    term: 'IngressClass',
    aliases: ['ingressClassName'],
    kernel: true,
    means: 'Names which ingress controller handles an Ingress.',
  },
  {
    term: 'ingress controller',
    aliases: ['ingress-nginx'],
    means:
      'The proxy (here ingress-nginx) that receives HTTP from outside and forwards it by the Ingress rules.',
  },
  {
    term: 'nginx server',
    means: "nginx's block for one host name; the controller writes one per Ingress host.",
  },
  { term: 'nginx location', aliases: ['location'], means: "nginx's block for one path inside a server." },
  {
    term: 'pathType',
    kernel: true,
    means:
      'How an Ingress path matches: Exact (the whole path), Prefix (whole path elements) or ImplementationSpecific.',
  },
  {
    term: 'Prefix',
    means: 'An Ingress path type that matches whole path elements: /api matches /api/v1 but not /apiary.',
  },
  { term: 'Exact', means: 'An Ingress path type that matches only the path exactly as written.' },
  { term: 'upstream', means: 'The backend servers nginx forwards a request to.' },
  { term: 'backend', means: 'The Service (and port) a rule sends traffic to.' },
  {
    term: 'TLS',
    aliases: ['TLS termination'],
    kernel: true,
    means:
      'Transport Layer Security: the encryption of HTTPS; the controller decrypts it (terminates it) and forwards plain HTTP.',
  },
  {
    term: 'SNI',
    kernel: true,
    means:
      'Server Name Indication: the host name the client sends in the TLS hello, so the server picks the right certificate.',
  },
  { term: 'default backend', means: 'Where the controller sends requests no rule matches; it answers 404.' },
  // Header layers
  {
    term: 'Ethernet',
    aliases: ['Inner Ethernet', 'Outer Ethernet'],
    means: 'The link-layer header: source and destination MAC addresses for one hop on one link.',
  },
  {
    term: 'IPv4',
    aliases: ['Outer IPv4'],
    means: 'The IP header: source and destination addresses, TTL and flags, read by every router on the way.',
  },
  {
    term: 'TCP',
    means: 'The connection protocol: ports, sequence numbers and flags such as SYN, ACK and RST.',
  },
  {
    term: 'UDP',
    aliases: ['Outer UDP'],
    means: 'The datagram protocol: just ports and a length; DNS and the VXLAN tunnel use it.',
  },
  {
    term: 'ICMP',
    means: 'The kernel\'s error and control messages, such as "port unreachable" or "fragmentation needed".',
  },
  {
    term: 'src',
    aliases: ['source'],
    means: 'The source address (and port) of a packet: where it says it comes from.',
  },
  { term: 'dst', means: 'The destination address (and port) of a packet: where it is going.' },
  { term: 'sport', means: 'The source port of a TCP or UDP packet.' },
  {
    term: 'dport',
    means: "The destination port of a TCP or UDP packet; a VXLAN packet's outer dport is 8472 with flannel.",
  },
  {
    term: 'flags',
    means: "TCP's control bits: SYN opens a connection, ACK acknowledges, RST refuses, FIN closes.",
  },
  { term: 'length', means: "The packet's size in bytes, headers included." },
  // HTTP
  {
    term: 'HTTP',
    means:
      "The web's request and response protocol; the ingress controller routes by its Host header and path.",
  },
  {
    term: 'nginx',
    means:
      'The web server and proxy inside ingress-nginx; the controller writes its configuration from the Ingress objects.',
  },
  {
    term: 'X-Forwarded-For',
    aliases: [
      'X-Real-IP',
      'X-Forwarded-Host',
      'X-Forwarded-Port',
      'X-Forwarded-Proto',
      'X-Forwarded-Scheme',
      'X-Scheme',
    ],
    means: 'Headers the proxy adds so the backend learns the original client address, host, port and scheme.',
  },
  {
    term: 'X-Request-ID',
    means: 'A unique id nginx gives each request, so its log lines can be matched across services.',
  },
  {
    term: 'Proxy',
    means:
      'A request header nginx clears, so a backend never takes a client-sent proxy setting (the httpoxy attack).',
  },
];
