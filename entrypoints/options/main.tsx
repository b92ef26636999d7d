/** Options page: wiring only. The page is a component; `createOptionsStore` is its only I/O. */
import { render } from 'preact';
import { OptionsPage } from '@/components/options/OptionsPage';
import { createAbout } from '@/rules/store/about';
import { installSealedWrites, sealedWrite } from '@/rules/store/seal';
import { IS_TEST_BUILD } from '@/rules/config/build';
import { createOptionsStore } from './store';
import './style.css';

// The local pack and settings are written sealed from here (rules/store/seal.ts).
installSealedWrites();
// Test builds only: the e2e suite sets protected keys as this page would.
if (IS_TEST_BUILD) Object.assign(globalThis, { plensSealedWrite: sealedWrite });

const root = document.getElementById('app');
if (root) render(<OptionsPage store={{ ...createOptionsStore(), about: createAbout() }} />, root);
