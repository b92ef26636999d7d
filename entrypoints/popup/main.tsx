/**
 * Toolbar popup: wiring only. The popup is a component; `createPopupStore` is its only I/O.
 * `popup.html?tabId=<id>` opens it for a given tab (tests, or a full-tab view for accessibility).
 */
import { render } from 'preact';
import { PopupPage } from '@/components/popup/PopupPage';
import { createAbout } from '@/rules/store/about';
import { createPopupStore } from './store';
import './style.css';
import '@/components/popover/card.css';

const root = document.getElementById('app');
if (root) render(<PopupPage store={{ ...createPopupStore(), about: createAbout() }} />, root);
