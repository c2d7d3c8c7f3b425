// File sizes in words, for messages about opened files and caps.

/** "38.2 MB", "512 KB", "900 bytes": sizes as a file manager shows them (decimal units). */
export function sizeText(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} bytes`;
}

/** The cap in the binary units input-caps.ts states it in: "256 MiB". */
export function capText(cap: number): string {
  return `${cap / 1024 / 1024} MiB`;
}
