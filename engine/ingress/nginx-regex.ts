// nginx's regular expressions as ingress-nginx writes them: `location ~* "^<path>"` (PCRE, caseless, anchored
// by the `^` the template adds) and `rewrite "(?i)<path>" <target> break;` (caseless, unanchored: PCRE
// finds the leftmost match anywhere in $uri). A rewrite replaces the whole $uri with the target, its `$1`…`$9`
// and named captures filled in (ngx_http_rewrite_module; ngx_http_script_copy_capture_code), and keeps the
// request's arguments unless the target brings its own (then the old ones follow them).

/** PCRE syntax JavaScript spells differently: `(?P<name>…)` named groups and a leading `(?i)` flag. */
function toJsSource(pcre: string): { source: string; caseless: boolean } {
  let source = pcre;
  let caseless = false;
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    caseless = true;
  }
  return { source: source.replace(/\(\?P</g, '(?<'), caseless };
}

const compiled = new Map<string, RegExp | string>();

/** The pattern as a RegExp, or the reason it does not compile (nginx -t would refuse the configuration). */
export function compileNginxRegex(pattern: string, caseless: boolean): RegExp | string {
  const key = `${caseless ? 'i' : '-'}${pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    const js = toJsSource(pattern);
    try {
      re = new RegExp(js.source, caseless || js.caseless ? 'i' : '');
    } catch (e) {
      re = `pcre2_compile() failed: ${e instanceof Error ? e.message : String(e)} in "${pattern}"`;
    }
    compiled.set(key, re);
  }
  return re;
}

/** `location ~* "^<path>"` against the request's $uri. */
export function regexLocationMatches(path: string, uri: string): boolean {
  const re = compileNginxRegex(`^${path}`, true);
  return typeof re !== 'string' && re.test(uri);
}

export type RewriteOutcome =
  | { readonly kind: 'rewritten'; readonly uri: string; readonly args: string }
  /** The target starts with http:// or https://: nginx answers with a redirect instead (302 for `rewrite`). */
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'no-match' };

function fill(target: string, m: RegExpExecArray): string {
  return target.replace(
    /\$(?:(\d)|\{(\w+)\}|([A-Za-z_]\w*))/g,
    (whole, digit?: string, braced?: string, bare?: string) => {
      if (digit !== undefined) return m[Number(digit)] ?? '';
      const name = braced ?? bare!;
      // A name that is not a capture group is an nginx variable, which this simulation does not evaluate.
      return m.groups && name in m.groups ? (m.groups[name] ?? '') : whole;
    },
  );
}

/** `rewrite "(?i)<path>" <target> break;` applied to $uri (and the request's arguments). */
export function applyRewrite(path: string, target: string, uri: string, args: string): RewriteOutcome {
  const re = compileNginxRegex(`(?i)${path}`, true);
  if (typeof re === 'string') return { kind: 'no-match' };
  const m = re.exec(uri);
  if (!m) return { kind: 'no-match' };
  const result = fill(target, m);
  if (/^https?:\/\//i.test(result)) return { kind: 'redirect', location: result };
  const q = result.indexOf('?');
  if (q < 0) return { kind: 'rewritten', uri: result, args };
  const own = result.slice(q + 1);
  // A target ending in `?` drops the old arguments; otherwise they follow the new ones.
  return {
    kind: 'rewritten',
    uri: result.slice(0, q),
    args: own === '' ? '' : args === '' ? own : `${own}&${args}`,
  };
}
