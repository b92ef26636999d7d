/**
 * Our only UI in the page: one custom element with a shadow root, attached while a popover is
 * showing and removed when it closes, so the page's DOM is untouched the rest of the time. Styles
 * live inside the shadow root (`:host { all: initial }`), so none leak in or out.
 */
import { render } from 'preact';
import { PopoverLayer, type AnchorRect } from '@/components/popover/PopoverLayer';
import type { PopoverCard } from '@/components/popover/types';
import { OVERLAY_TAG } from './skip-rules';
import overlayCss from './overlay.css?inline';

export interface ShowOptions {
  readonly cards: readonly PopoverCard[];
  readonly anchor: AnchorRect;
  readonly focus: boolean;
  readonly notices?: readonly string[];
}

export class Overlay {
  private host: HTMLElement | null = null;
  private mount: HTMLElement | null = null;
  private returnFocusTo: HTMLElement | null = null;
  /** Key of what is showing (mark id), so repeated hovers do not re-render. */
  showing: number | null = null;
  pinned = false;

  constructor(
    private readonly doc: Document,
    private readonly onClosed: () => void = () => undefined,
  ) {}

  get isOpen(): boolean {
    return this.host !== null;
  }

  /** True if an event came from inside our UI (events retarget to the host at the shadow edge). */
  contains(target: EventTarget | null): boolean {
    return this.host !== null && target === this.host;
  }

  show(key: number, { cards, anchor, focus, notices = [] }: ShowOptions): void {
    if (!this.host) {
      const host = this.doc.createElement(OVERLAY_TAG.toLowerCase());
      const shadow = host.attachShadow({ mode: 'open' });
      const style = this.doc.createElement('style');
      style.textContent = overlayCss;
      const mount = this.doc.createElement('div');
      shadow.append(style, mount);
      this.doc.documentElement.append(host);
      this.host = host;
      this.mount = mount;
    }
    if (focus) {
      const active = this.doc.activeElement;
      this.returnFocusTo = active instanceof HTMLElement && active !== this.host ? active : null;
    }
    this.showing = key;
    const view = this.doc.defaultView;
    render(
      <PopoverLayer
        key={key}
        cards={cards}
        notices={notices}
        anchor={anchor}
        viewport={{ width: view?.innerWidth ?? 1024, height: view?.innerHeight ?? 768 }}
        autoFocus={focus}
        onClose={() => this.hide()}
      />,
      this.mount as HTMLElement,
    );
  }

  hide(): void {
    if (!this.host) return;
    const hadFocus = this.doc.activeElement === this.host;
    if (this.mount) render(null, this.mount);
    this.host.remove();
    this.host = null;
    this.mount = null;
    this.showing = null;
    this.pinned = false;
    if (hadFocus && this.returnFocusTo?.isConnected)
      this.returnFocusTo.focus({ preventScroll: true });
    this.returnFocusTo = null;
    this.onClosed();
  }
}
