// Fallback entry of a batch worker thread (when the esbuild bundle cannot be written, see worker-bundle.ts):
// worker threads do not inherit tsx's loader, so register it here, then load
// the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./simulate-worker.ts');
