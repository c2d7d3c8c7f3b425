#!/usr/bin/env node
// `npx podpath …` from the repository: runs the TypeScript CLI through tsx, no build step needed.
import { tsImport } from 'tsx/esm/api';

await tsImport('../engine/cli/podpath.ts', import.meta.url);
