#!/usr/bin/env node
// `npx podpath …`: the bundled CLI that `npm install` builds (scripts/build-cli.mjs, the `prepare` step).
import '../dist/cli/podpath.mjs';
