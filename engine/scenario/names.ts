// Name checks with the API server's own messages (k8s.io/apimachinery/pkg/util/validation), so a name
// the simulator accepts is one `kubectl apply` accepts too.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const IANA_SVC_NAME = /^[-a-z0-9]+$/;

/** Returns null when valid, else the reason (without the `Invalid value: "x": ` prefix). */
export function dns1123LabelError(name: string): string | null {
  if (name.length > 63) return 'must be no more than 63 characters';
  if (DNS1123_LABEL.test(name)) return null;
  return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
}

export function dns1123SubdomainError(name: string): string | null {
  if (name.length > 253) return 'must be no more than 253 characters';
  if (DNS1123_SUBDOMAIN.test(name)) return null;
  return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
}

/** Service names are DNS-1035 labels: they become DNS names and env-var prefixes. */
export function dns1035LabelError(name: string): string | null {
  if (name.length > 63) return 'must be no more than 63 characters';
  if (DNS1035_LABEL.test(name)) return null;
  return "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
}

/** Container port names and named targetPorts (IsValidPortName). */
export function portNameError(name: string): string | null {
  if (name.length < 1 || name.length > 15) return 'must be no more than 15 characters';
  if (!IANA_SVC_NAME.test(name))
    return 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  return null;
}

export function invalidValue(value: string | number, reason: string): string {
  return `Invalid value: ${typeof value === 'string' ? JSON.stringify(value) : value}: ${reason}`;
}
