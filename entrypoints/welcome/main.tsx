/**
 * The welcome page: opened once by the background on install, and the popup's and options page's
 * "Instructions for use" link (#instructions) and "What's new" (#whats-new). Wiring only; the
 * instructions are the repository's own document, bundled as text so the link works offline.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { WelcomePage } from '@/components/welcome/WelcomePage';
import { readInstructions } from '@/components/welcome/instructions';
import { CLINICAL_HOST_MATCHES } from '@/rules/config/hosts';
import { extensionVersion } from '@/rules/store/state';
import { welcomeVersionItem } from '@/rules/store/items';
import instructions from '@/docs/instructions-for-use.md?raw';
import './style.css';

const version = extensionVersion();
// Opening this page is what "What's new" asks for: the popup's line goes once it has been seen.
void welcomeVersionItem.setValue(version);
const root = document.getElementById('app');
if (root)
  render(
    <WelcomePage
      version={version}
      hosts={CLINICAL_HOST_MATCHES}
      instructions={readInstructions(instructions)}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
    />,
    root,
  );
