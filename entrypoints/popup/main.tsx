/**
 * Toolbar popup: wiring only. The popup is a component; `createPopupStore` is its only I/O.
 * `popup.html?tabId=<id>` opens it for a given tab (tests, or a full-tab view for accessibility).
 */
import { render } from 'preact';
import { PopupPage } from '@/components/popup/PopupPage';
import { PrintSummaryPage } from '@/components/popup/PrintSummary';
import { createAbout } from '@/rules/store/about';
import { createPopupStore } from './store';
import './style.css';
import '@/components/popover/card.css';

const root = document.getElementById('app');
const store = { ...createPopupStore(), about: createAbout() };
// `?view=print`: the page summary laid out for A4, in a tab of its own (Print summary).
const isPrint = new URLSearchParams(location.search).get('view') === 'print';
if (root && isPrint) {
  document.documentElement.classList.add('plens-print-view');
  document.title = 'Prescribing Lens: page summary';
  render(<PrintSummaryPage store={store} onPrint={() => window.print()} />, root);
} else if (root) render(<PopupPage store={store} />, root);
