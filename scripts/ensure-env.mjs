// Makes a fresh clone runnable: installs npm dependencies if missing, and Debian's Chromium and
// Firefox ESR if missing and we may (root or passwordless sudo). Plain Node: runs before npm ci.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function ensureNodeModules() {
  if (fs.existsSync('node_modules/.package-lock.json') && fs.existsSync('.wxt/tsconfig.json'))
    return;
  console.log('Installing npm dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}

export function ensureBrowsers(packages) {
  const missing = packages.filter((p) => !has(p));
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? '' : has('sudo') ? 'sudo -n ' : null;
  const command = `${sudo ?? 'sudo '}apt-get install -y ${missing.join(' ')}`;
  if (sudo === null || !has('apt-get')) {
    console.error(`Missing ${missing.join(', ')}. Install them with: ${command}`);
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} from Debian…`);
  execSync(
    `${sudo}apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${sudo}apt-get install -y -qq ${missing.join(' ')}`,
    {
      stdio: 'inherit',
      shell: '/bin/sh',
    },
  );
}
