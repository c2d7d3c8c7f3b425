// The built page's Content-Security-Policy. Share links and pasted YAML are untrusted, so even if a bug let
// decoded text reach a script sink, the browser refuses: scripts only from this origin (no inline script,
// no eval), and Trusted Types required, so every string given to a script-URL or HTML sink goes through
// the one `default` policy in app/trusted-types.ts, which allows same-origin script URLs and nothing else.
// Only the build carries it: Vite's dev server injects inline scripts for hot reloading.
import type { Plugin } from 'vite';

const DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  // The engine runs in a same-origin module worker (never a blob: one) and the service worker is /sw.js.
  'worker-src': "'self'",
  // React and D3 set styles through the CSSOM (element.style), which CSP allows; no inline <style>.
  'style-src': "'self'",
  // data: and blob: for pictures the page draws itself (exported PNG/SVG previews); images run no code.
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'manifest-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'require-trusted-types-for': "'script'",
  'trusted-types': 'default',
};

/** The policy as a header or meta value. `frame-ancestors` is left out on purpose: ?embed is for iframes in slides. */
export const CONTENT_SECURITY_POLICY = Object.entries(DIRECTIVES)
  .map(([k, v]) => `${k} ${v}`)
  .join('; ');

/** Puts the policy into the built index.html as the first thing in <head>, before any script. */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'podpath-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
