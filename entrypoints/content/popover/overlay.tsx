/**
 * Our only UI in the page: one custom element with a shadow root, attached while a popover or a
 * co-prescribing notice is showing and removed when neither is, so the page's DOM is untouched the
 * rest of the time. Styles live inside the shadow root (`:host { all: initial }`), so none leak in
 * or out. The root is closed in the store build, so page scripts cannot read or rewrite the advice
 * it shows (hazard log C6.4); test builds keep it open so the e2e suite can read it as a person
 * would.
 */
import { render } from 'preact';
import { PopoverLayer, type AnchorRect } from '@/components/popover/PopoverLayer';
import { CoPrescribingNotice, type NoticeItem } from '@/components/popover/CoPrescribingNotice';
import type { PopoverCard } from '@/rules/views/card';
import { IS_TEST_BUILD } from '@/rules/config/build';
import { markOurOverlay, OVERLAY_TAG } from '../scan/skip-rules';
import cardCss from '@/components/popover/card.css?inline';
import overlayCss from './overlay.css?inline';

export interface ShowOptions {
  readonly cards: readonly PopoverCard[];
  readonly anchor: AnchorRect;
  readonly focus: boolean;
  readonly notices?: readonly string[];
}

export class Overlay {
  private host: HTMLElement | null = null;
  /** Our own handle on the root: a closed root is not reachable from the host. */
  private shadow: ShadowRoot | null = null;
  private mount: HTMLElement | null = null;
  private returnFocusTo: HTMLElement | null = null;
  private popover: { key: number; options: ShowOptions } | null = null;
  private noticeItems: readonly NoticeItem[] = [];
  /** Key of the popover showing (mark id), so repeated hovers do not re-render. */
  showing: number | null = null;

  constructor(
    private readonly doc: Document,
    private readonly onDismissNotice: (id: string) => void = () => undefined,
  ) {}

  /** True while a popover (not just a notice) is open. */
  get isOpen(): boolean {
    return this.popover !== null;
  }

  /**
   * True if an event came from inside our UI: the host (events retarget to it at the shadow
   * edge) or, where a listener sees past the edge, a node inside our root.
   */
  contains(target: EventTarget | null): boolean {
    if (this.host === null || target === null) return false;
    return (
      target === this.host || (target instanceof Node && this.shadow?.contains(target) === true)
    );
  }

  show(key: number, options: ShowOptions): void {
    if (options.focus) {
      const active = this.doc.activeElement;
      this.returnFocusTo = active instanceof HTMLElement && active !== this.host ? active : null;
    }
    this.popover = { key, options };
    this.showing = key;
    this.update();
  }

  hide(): void {
    if (!this.popover) return;
    const hadFocus = this.host !== null && this.doc.activeElement === this.host;
    this.popover = null;
    this.showing = null;
    this.update();
    if (hadFocus && this.returnFocusTo?.isConnected)
      this.returnFocusTo.focus({ preventScroll: true });
    this.returnFocusTo = null;
  }

  /** Shows (or, with none, removes) the co-prescribing notices. Never takes focus. */
  setNotices(items: readonly NoticeItem[]): void {
    const same =
      items.length === this.noticeItems.length &&
      items.every(
        (item, i) =>
          item.id === this.noticeItems[i]?.id && item.drugs === this.noticeItems[i]?.drugs,
      );
    if (same) return;
    this.noticeItems = items;
    this.update();
  }

  /**
   * Puts our host back if the page removed it while something shows (the co-prescribing notice
   * would otherwise never come back, issue #16); true when it had to. The same host and shadow
   * root are re-attached, so nothing inside is rebuilt.
   */
  ensureAttached(): boolean {
    if (!this.host || this.host.isConnected) return false;
    this.doc.documentElement.append(this.host);
    return true;
  }

  destroy(): void {
    this.popover = null;
    this.noticeItems = [];
    this.update();
  }

  private update(): void {
    if (!this.popover && this.noticeItems.length === 0) {
      if (this.mount) render(null, this.mount);
      this.host?.remove();
      this.host = null;
      this.shadow = null;
      this.mount = null;
      return;
    }
    if (!this.host || !this.host.isConnected) {
      const host = this.doc.createElement(OVERLAY_TAG.toLowerCase());
      markOurOverlay(host);
      const shadow = host.attachShadow({ mode: IS_TEST_BUILD ? 'open' : 'closed' });
      const style = this.doc.createElement('style');
      style.textContent = overlayCss + cardCss;
      const mount = this.doc.createElement('div');
      shadow.append(style, mount);
      this.doc.documentElement.append(host);
      this.host = host;
      this.shadow = shadow;
      this.mount = mount;
    }
    const view = this.doc.defaultView;
    const popover = this.popover;
    render(
      <>
        {popover ? (
          <PopoverLayer
            key={popover.key}
            cards={popover.options.cards}
            notices={popover.options.notices ?? []}
            anchor={popover.options.anchor}
            viewport={{ width: view?.innerWidth ?? 1024, height: view?.innerHeight ?? 768 }}
            autoFocus={popover.options.focus}
            onClose={() => this.hide()}
          />
        ) : null}
        <CoPrescribingNotice
          items={this.noticeItems}
          onDismiss={(id) => this.onDismissNotice(id)}
        />
      </>,
      this.mount as HTMLElement,
    );
  }
}
