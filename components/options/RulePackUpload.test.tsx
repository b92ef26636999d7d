import { act, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { MAX_PACK_BYTES } from '@/rules/schema/rule-pack';
import { axeViolations } from '../../tests/support/axe';
import { RulePackUpload } from './RulePackUpload';

/**
 * happy-dom's DragEvent never reaches listeners when dispatched by fireEvent (checked here), so a
 * plain event carries the `dataTransfer` a browser would give.
 */
function drag(target: Element, type: 'dragover' | 'dragleave' | 'drop', files: File[] = []) {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { files, dropEffect: 'none' } });
  // Synchronous act (the callback returns nothing), so there is no promise to await.
  void act(() => {
    target.dispatchEvent(event);
  });
  return event;
}

const file = (text: string, name = 'example-icb.json') =>
  new File([text], name, { type: 'application/json' });

describe('RulePackUpload', () => {
  test('the file picker is a labelled control that accepts JSON', () => {
    render(<RulePackUpload onFile={vi.fn()} onReadError={vi.fn()} />);
    const input = screen.getByLabelText('Rule pack file (JSON)');
    expect(input.getAttribute('type')).toBe('file');
    expect(input.getAttribute('accept')).toContain('.json');
  });

  test('a chosen file is read and handed on with its name', async () => {
    const onFile = vi.fn();
    render(<RulePackUpload onFile={onFile} onReadError={vi.fn()} />);
    const input = screen.getByLabelText<HTMLInputElement>('Rule pack file (JSON)');
    fireEvent.change(input, { target: { files: [file('{"a":1}')] } });
    await waitFor(() => expect(onFile).toHaveBeenCalledWith('{"a":1}', 'example-icb.json'));
  });

  test('a file dropped on the box is read the same way', async () => {
    const onFile = vi.fn();
    render(<RulePackUpload onFile={onFile} onReadError={vi.fn()} />);
    const zone = screen.getByTestId('plens-drop-zone');
    expect(drag(zone, 'dragover').defaultPrevented).toBe(true);
    expect(zone.className).toContain('plens-drop--over');
    drag(zone, 'drop', [file('{"b":2}', 'dropped.json')]);
    await waitFor(() => expect(onFile).toHaveBeenCalledWith('{"b":2}', 'dropped.json'));
    expect(zone.className).not.toContain('plens-drop--over');
  });

  test('a file far too big for a pack is refused without being read', () => {
    const onFile = vi.fn();
    const onReadError = vi.fn();
    render(<RulePackUpload onFile={onFile} onReadError={onReadError} />);
    const big = file('{}', 'huge.json');
    Object.defineProperty(big, 'size', { value: MAX_PACK_BYTES + 1 });
    const text = vi.spyOn(big, 'text');
    drag(screen.getByTestId('plens-drop-zone'), 'drop', [big]);
    expect(onReadError).toHaveBeenCalledWith(
      expect.stringContaining('larger than 5 MB'),
      'huge.json',
    );
    expect(text).not.toHaveBeenCalled();
    expect(onFile).not.toHaveBeenCalled();
  });

  test('while a pack is being checked, the picker is disabled and drops are ignored', () => {
    const onFile = vi.fn();
    render(<RulePackUpload onFile={onFile} onReadError={vi.fn()} isBusy />);
    expect(screen.getByLabelText<HTMLInputElement>('Rule pack file (JSON)').disabled).toBe(true);
    drag(screen.getByTestId('plens-drop-zone'), 'drop', [file('{}')]);
    expect(onFile).not.toHaveBeenCalled();
  });

  test('is accessible (empty)', async () => {
    const { container } = render(
      <main>
        <RulePackUpload onFile={vi.fn()} onReadError={vi.fn()} />
      </main>,
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
