/** Options page: wiring only. The page is a component; `createOptionsStore` is its only I/O. */
import { render } from 'preact';
import { OptionsPage } from '@/components/options/OptionsPage';
import { createAbout } from '@/rules/store/about';
import { createOptionsStore } from './store';
import './style.css';

const root = document.getElementById('app');
if (root) render(<OptionsPage store={{ ...createOptionsStore(), about: createAbout() }} />, root);
