// The request headers ingress-nginx sends upstream (rootfs/etc/nginx/template/nginx.tmpl, proxy_set_header
// with the default ConfigMap: use-forwarded-headers false, so the client's own X-Forwarded-* are not
// trusted and X-Forwarded-For is just $remote_addr — the address nginx saw, after any kube-proxy SNAT).
export interface ForwardedFacts {
  /** $best_http_host: the Host header as the client sent it (with its port, if any). */
  readonly host: string;
  readonly scheme: 'http' | 'https';
  /** $remote_addr: the source address of the connection the controller pod accepted. */
  readonly remoteAddr: string;
  /** $pass_port: the port the controller's nginx listened on (80 or 443 in the pod). */
  readonly serverPort: number;
  readonly requestId: string;
}

export function upstreamHeaders(f: ForwardedFacts): Record<string, string> {
  return {
    Host: f.host,
    'X-Request-ID': f.requestId,
    'X-Real-IP': f.remoteAddr,
    'X-Forwarded-For': f.remoteAddr,
    'X-Forwarded-Host': f.host,
    'X-Forwarded-Port': String(f.serverPort),
    'X-Forwarded-Proto': f.scheme,
    'X-Forwarded-Scheme': f.scheme,
    'X-Scheme': f.scheme,
    // httpoxy mitigation: the header is cleared.
    Proxy: '',
  };
}

/** $req_id: 16 random bytes in hex. */
export function requestId(draw: () => number): string {
  let id = '';
  for (let i = 0; i < 8; i++) id += draw().toString(16).padStart(4, '0');
  return id;
}
