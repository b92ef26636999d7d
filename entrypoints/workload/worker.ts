/**
 * The workload worker: counts an export off the page's thread, so a 50,000-row file never freezes
 * the page. It compiles the rules itself (a worker has no extension storage): the page passes the
 * validated local and policy layers, and the bundled pack is the worker's own copy, so the set
 * compiled at build time is used whenever only the national pack is in force.
 */
import { activateRuleSet, bundledPack } from '@/rules/bundled';
import type { WorkloadReply, WorkloadRequest } from './protocol';
import { runWorkload } from './run';
import { readWorkbookRows } from './xlsx';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkloadRequest>) => void) | null;
  postMessage(message: WorkloadReply): void;
};

scope.onmessage = (event) => {
  const request = event.data;
  const rules = () =>
    activateRuleSet([
      { layer: 'bundled', pack: bundledPack() },
      ...request.layers.filter((l) => l.layer !== 'bundled'),
    ]);
  runWorkload(
    request,
    rules,
    (message) => scope.postMessage(message),
    () => new Promise((resolve) => setTimeout(resolve, 0)),
    readWorkbookRows,
  ).catch((error: unknown) => {
    scope.postMessage({
      kind: 'error',
      message: `The count stopped: ${error instanceof Error ? error.message : String(error)}`,
    });
  });
};
