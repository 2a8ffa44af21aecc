#!/usr/bin/env node
// The installed `sans-couture` command: runs the TypeScript CLI in this very process, with tsx's loader
// registered first (the project runs its sources directly, as `npm start` does) — no child process to start.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
