// The kubelet's and the API server's limits on a pod's DNS configuration (validation.MaxDNSNameservers,
// MaxDNSSearchPaths, MaxDNSSearchListChars in pkg/apis/core/validation; the kubelet trims a resolv.conf
// to the same figures in pkg/kubelet/network/dns). Kept with DNS, which the scenario reader also uses.

export const MAX_DNS_NAMESERVERS = 3;
export const MAX_DNS_SEARCH_PATHS = 32;
export const MAX_DNS_SEARCH_LIST_CHARS = 2048;
