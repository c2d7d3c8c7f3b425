// The page's one Trusted Types policy. The built page's CSP (scripts/vite/content-security-policy.ts)
// requires Trusted Types, so every string handed to a script sink comes here first. Script URLs (the
// engine's module worker, the service worker) must be this origin's; there is no createHTML or
// createScript, so any innerHTML, D3 .html() or eval of text — say a decoded share link — throws instead.

interface TrustedTypesFactory {
  readonly defaultPolicy: unknown;
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): unknown;
}

/** The same-origin URL of a script, or an error naming the origin that was refused. */
export function sameOriginScriptURL(url: string, base: string): string {
  const parsed = new URL(url, base);
  if (parsed.origin !== new URL(base).origin)
    throw new TypeError(`Podpath loads scripts from its own origin only, not ${parsed.origin}`);
  return parsed.href;
}

export function installTrustedTypesPolicy(): void {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory || factory.defaultPolicy) return;
  factory.createPolicy('default', { createScriptURL: (url) => sameOriginScriptURL(url, document.baseURI) });
}
