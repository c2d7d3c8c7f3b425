// The kernel lab (e2e/kernel/) as the CLI reaches it: through the "#kernel-lab" entry that package.json
// declares under "imports", so the one path to the lab lives there. The lab is TypeScript and a test
// harness, not engine code: it is loaded through tsx only when `podpath lab` runs, from engine/cli/ and
// from the bundle in dist/cli/ alike (both resolve "#kernel-lab" against the repository's package.json).
// The type import is erased at build time, so the bundle carries no copy of the lab.
import type { runLab } from '#kernel-lab';

export interface KernelLab {
  readonly runLab: typeof runLab;
}

export async function loadKernelLab(): Promise<KernelLab> {
  // A specifier in a variable, so the bundler leaves tsx out of the CLI bundle.
  const tsxApi = 'tsx/esm/api';
  const { tsImport } = (await import(/* @vite-ignore */ tsxApi)) as {
    tsImport: (specifier: string, parent: string) => Promise<unknown>;
  };
  return (await tsImport('#kernel-lab', import.meta.url)) as KernelLab;
}
