#!/usr/bin/env node
// `npm start`: install what is missing, build the extension (demo/test build, which also runs on
// 127.0.0.1), and open Chromium with it on the bundled demo prescribing page.
import { execSync } from 'node:child_process';
import { ensureBrowsers, ensureNodeModules } from './ensure-env.mjs';

ensureNodeModules();
ensureBrowsers(['chromium']);
execSync('npx wxt build --mode e2e', { stdio: 'inherit' });
execSync(`npx tsx scripts/demo.ts ${process.argv.slice(2).join(' ')}`, { stdio: 'inherit' });
