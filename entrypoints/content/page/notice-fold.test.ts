import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { noticeFoldedItem, readStartupValues } from '@/rules/store/items';
import { MAX_SITES, noticeFoldedOn, rememberNoticeFolded } from './notice-fold';

beforeEach(() => fakeBrowser.reset());

/** What a page on `host` starts with: its one start-up read, then the choice for its host. */
const readNoticeFolded = async (host: string) =>
  noticeFoldedOn((await readStartupValues()).noticeFolded, host);

test('folding is remembered per site by host name only; unfolding forgets it', async () => {
  expect(await readNoticeFolded('gp.example.nhs.uk')).toBeNull();
  await rememberNoticeFolded('gp.example.nhs.uk', true);
  expect(await readNoticeFolded('gp.example.nhs.uk')).toBe(true);
  expect(await readNoticeFolded('other.example.nhs.uk')).toBeNull();
  expect(await noticeFoldedItem.getValue()).toEqual({ 'gp.example.nhs.uk': true });
  await rememberNoticeFolded('gp.example.nhs.uk', false);
  expect(await readNoticeFolded('gp.example.nhs.uk')).toBeNull();
  expect(await noticeFoldedItem.getValue()).toEqual({});
});

test('no host (a file page) keeps nothing; inherited names are not choices', async () => {
  await rememberNoticeFolded('', true);
  expect(await noticeFoldedItem.getValue()).toEqual({});
  expect(await readNoticeFolded('constructor')).toBeNull();
});

test(`at most ${MAX_SITES} sites, the oldest forgotten first`, async () => {
  for (let i = 0; i <= MAX_SITES; i++) await rememberNoticeFolded(`site${i}.example`, true);
  expect(await readNoticeFolded('site0.example')).toBeNull();
  expect(await readNoticeFolded(`site${MAX_SITES}.example`)).toBe(true);
});
