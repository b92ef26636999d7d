/**
 * Where the content script runs. Least privilege: known web clinical systems only, never
 * all-URLs access. Other sites are granted at run time by the user or admin (see issue 5).
 *
 * Each entry is an origin where UK GPs or pharmacists see medicines in a browser (NHS England
 * Digital's NCRS service pages; Medicus's published system facts): NCRS, the National Care Records Service (Spine
 * portal), and the Medicus cloud GP system. Shared care record viewers that embed GP Connect HTML
 * views differ per region: admins grant those at run time rather than us shipping `*.nhs.uk`.
 */
export const CLINICAL_HOST_MATCHES: readonly string[] = [
  'https://*.spineservices.nhs.uk/*',
  'https://*.ncrs.nhs.uk/*',
  'https://*.medicus.health/*',
];

/** Local demo and test server only; added to the `e2e` build mode, never to the store build. */
export const TEST_HOST_MATCHES: readonly string[] = ['http://127.0.0.1/*', 'http://localhost/*'];
