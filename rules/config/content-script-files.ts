/**
 * The scripts that make up the content script, in the order a frame must run them: the bundled
 * rules data first (rules/bundled/data.ts), then the code. The manifest, run-time registration for
 * granted sites and the popup's one-off "Check this page" all inject exactly these.
 */
export const RULES_DATA_SCRIPT = 'content-scripts/rules-data.js';
export const CONTENT_SCRIPT_FILES = [RULES_DATA_SCRIPT, 'content-scripts/content.js'] as const;
