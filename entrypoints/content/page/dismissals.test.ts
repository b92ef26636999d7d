import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  Dismissals,
  patientContextOf,
  sha256Hex,
  type PatientContext,
  type TabDismissalChannel,
} from './dismissals';

/** The background's side, in memory: digest → rule ids, for one tab. */
function fakeChannel(salt: string | null = 'salt-1'): TabDismissalChannel & {
  stored: Map<string, readonly string[]>;
} {
  const stored = new Map<string, readonly string[]>();
  return {
    stored,
    salt: () => Promise.resolve(salt),
    read: (context) => Promise.resolve(stored.get(context) ?? []),
    save: (context, ids) => {
      if (ids.length > 0) stored.set(context, ids);
      else stored.delete(context);
      return Promise.resolve();
    },
  };
}

const PATIENT_A: PatientContext = { text: 'record:9990000001', scope: 'record' };
const PATIENT_B: PatientContext = { text: 'record:9990000024', scope: 'record' };

beforeEach(() => fakeBrowser.reset());

describe('hide on this patient’s record (this tab)', () => {
  test('kept for the same record after a reload, never for another patient', async () => {
    const channel = fakeChannel();
    const first = new Dismissals([], channel);
    first.noteContext(PATIENT_A, () => undefined);
    await first.settled();
    await first.set('zopiclone', 'tab');
    expect(first.isDismissed('zopiclone')).toBe(true);

    // The page reloads: a new script, the same tab (channel) and record.
    const reloaded = new Dismissals([], channel);
    const changed = vi.fn();
    reloaded.noteContext(PATIENT_A, changed);
    await reloaded.settled();
    expect(reloaded.isDismissed('zopiclone')).toBe(true);
    expect(reloaded.scopeOf('zopiclone')).toBe('tab');
    expect(changed).toHaveBeenCalled();

    // The next patient in the same tab (a single-page app): shown at once.
    const onChange = vi.fn();
    reloaded.noteContext(PATIENT_B, onChange);
    expect(reloaded.isDismissed('zopiclone')).toBe(false);
    expect(onChange).toHaveBeenCalledTimes(1);
    await reloaded.settled();
    expect(reloaded.isDismissed('zopiclone')).toBe(false);
  });

  test('only a salted digest is stored: no NHS number, and another salt gives another key', async () => {
    const channel = fakeChannel('salt-1');
    const d = new Dismissals([], channel);
    d.noteContext(PATIENT_A, () => undefined);
    await d.settled();
    await d.set('zopiclone', 'tab');
    const [key] = [...channel.stored.keys()];
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify([...channel.stored])).not.toContain('9990000001');
    expect(key).toBe(await sha256Hex('salt-1\u0000record:9990000001'));
    expect(key).not.toBe(await sha256Hex('salt-2\u0000record:9990000001'));
  });

  test('hidden before the digest is ready: kept, and saved once it is', async () => {
    const channel = fakeChannel();
    const d = new Dismissals([], channel);
    d.noteContext(PATIENT_A, () => undefined);
    await d.set('warfarin', 'tab');
    await d.settled();
    expect(d.isDismissed('warfarin')).toBe(true);
    expect([...channel.stored.values()]).toEqual([['warfarin']]);
  });

  test('no Web Crypto (a plain-http page): hidden for the page’s life only, nothing stored', async () => {
    const channel = fakeChannel();
    const d = new Dismissals([], channel, () => Promise.resolve(null));
    d.noteContext(PATIENT_A, () => undefined);
    await d.settled();
    await d.set('zopiclone', 'tab');
    expect(d.isDismissed('zopiclone')).toBe(true);
    expect(channel.stored.size).toBe(0);
  });

  test('“2 hidden — Show” restores every listed medicine in one step', async () => {
    const channel = fakeChannel();
    const d = new Dismissals([], channel);
    d.noteContext(PATIENT_A, () => undefined);
    await d.settled();
    await d.set('zopiclone', 'tab');
    await d.set('diazepam', 'session');
    await d.restore(['zopiclone', 'diazepam']);
    expect(d.rules().size).toBe(0);
    expect(channel.stored.size).toBe(0);
  });
});

describe('hide in every tab', () => {
  test('hides the name whichever patient is shown, and says where it is hidden', async () => {
    const d = new Dismissals([], fakeChannel());
    d.noteContext(PATIENT_A, () => undefined);
    await d.set('diazepam', 'session');
    d.noteContext(PATIENT_B, () => undefined);
    await d.settled();
    expect(d.isDismissed('diazepam')).toBe(true);
    expect(d.scopeOf('diazepam')).toBe('session');
  });
});

describe('patientContextOf', () => {
  const loc = { href: 'https://gp.example.nhs.uk/record?id=42' };
  test.each([
    ['one patient’s record', false, '9990000001', { text: 'record:9990000001', scope: 'record' }],
    ['no patient banner', false, null, { text: `page:${loc.href}`, scope: 'page' }],
    ['a list of patients', true, null, { text: `page:${loc.href}`, scope: 'page' }],
  ] as const)('%s', (_name, isList, nhs, expected) => {
    expect(patientContextOf({ isList, recordNumber: () => nhs }, loc)).toEqual(expected);
  });
});

test('the worker not answering at first: the choice is saved once it does', async () => {
  const channel = fakeChannel();
  let up = false;
  const flaky: TabDismissalChannel = {
    ...channel,
    salt: () => (up ? channel.salt() : Promise.reject(new Error('no receiver'))),
  };
  const d = new Dismissals([], flaky);
  d.noteContext(PATIENT_A, () => undefined);
  await d.settled();
  up = true;
  await d.set('zopiclone', 'tab');
  expect([...channel.stored.values()]).toEqual([['zopiclone']]);
});
