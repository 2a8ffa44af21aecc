// Before the tests: the browser tests need Debian's Chromium. Install it when we can (root), otherwise stop
// with the command to run. The browser tests are never skipped.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (fs.existsSync(chromium)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `Chromium est introuvable (${chromium}). Les tests du navigateur en ont besoin. Installez-le :\n  sudo apt-get update && sudo apt-get install -y chromium`,
  );
  process.exit(1);
}
console.log('Chromium est absent : installation du paquet Debian « chromium »…');
try {
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
    stdio: 'inherit',
  });
} catch {
  console.error(
    'L’installation de Chromium a échoué. Lancez : apt-get update && apt-get install -y chromium',
  );
  process.exit(1);
}
if (!fs.existsSync(chromium)) {
  console.error(`Chromium installé mais introuvable en ${chromium} : réglez CHROMIUM_PATH.`);
  process.exit(1);
}
