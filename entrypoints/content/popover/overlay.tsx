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
import type { StepDirection } from '@/rules/schema/messages';
import { IS_TEST_BUILD } from '@/rules/config/build';
import { markOurOverlay, OVERLAY_TAG } from '../scan/skip-rules';
import cardCss from '@/components/popover/card.css?inline';
import overlayCss from './overlay.css?inline';

export interface ShowOptions {
  readonly cards: readonly PopoverCard[];
  readonly anchor: AnchorRect;
  readonly focus: boolean;
  readonly notices?: readonly string[];
  /** Opened by stepping through the flags from the keyboard: where it is, and the way on. */
  readonly step?: StepPosition;
}

export interface StepPosition {
  /** 1-based, in page order. */
  readonly index: number;
  readonly total: number;
  readonly onStep: (direction: StepDirection) => void;
}

export interface OverlayOptions {
  readonly onDismissNotice?: (id: string) => void;
  /** "2 hidden — Show": restore the listed medicines (one step). */
  readonly onShowHidden?: (ruleIds: readonly string[]) => void;
  /** A notice's medicine chosen: open its card on the page. */
  readonly onRevealRule?: (ruleId: string) => void;
  /** The user folded or unfolded the notice: remembered per site (no page text). */
  readonly onFoldedChange?: (folded: boolean) => void;
  /**
   * Where focus goes back to when a card opened with focus closes and nothing on the page had
   * focus before: the flagged name, so Tab carries on from there rather than from the top.
   */
  readonly returnToName?: (key: number) => void;
}

export class Overlay {
  private host: HTMLElement | null = null;
  /** Our own handle on the root: a closed root is not reachable from the host. */
  private shadow: ShadowRoot | null = null;
  private mount: HTMLElement | null = null;
  private returnFocusTo: HTMLElement | null = null;
  private popover: { key: number; options: ShowOptions } | null = null;
  private noticeItems: readonly NoticeItem[] = [];
  /** The page's DOM changed: its controls may now lie under the folded notice. */
  notePageChanged(): void {
    this.pageChanged = true;
  }

  /** Medicines hidden on this page (rule ids), for "2 hidden — Show". */
  private hidden: readonly string[] = [];
  /** Read out politely from our own root: "Flag 3 of 12: Zopiclone". */
  private announcement = '';
  /** The focused card's name to go back to, when nothing on the page had focus before it. */
  private returnToName: ((key: number) => void) | null = null;
  /** A control of ours the card was opened from (a notice's "Go to …"), by its stable key. */
  private returnInside: string | null = null;
  /**
   * The notice folded to one line: by the user (remembered per site), or from the start on a
   * small or zoomed window or a list of patients, where it would cover much of the screen.
   */
  private noticesCollapsed: boolean | null = null;
  /** Where the folded notice sits: the first corner with none of the page's controls under it. */
  private corner = { left: false, top: false };
  private placing = false;
  /** The notices the corner was chosen for: chosen again only when they change. */
  private placedFor: readonly NoticeItem[] | null = null;
  /** Key of the popover showing (mark id), so repeated hovers do not re-render. */
  showing: number | null = null;
  /** The page's DOM changed since the last placement check (see `notePageChanged`). */
  private pageChanged = true;
  /** Scroll position and viewport size at the last placement check. */
  private checkedFrame = '';

  constructor(
    private readonly doc: Document,
    private readonly options: OverlayOptions = {},
  ) {}

  /** The user's earlier choice arrived from storage (read after start-up). */
  setFolded(folded: boolean | null): void {
    if (folded === null || this.noticesCollapsed !== null) return;
    this.noticesCollapsed = folded;
    if (this.host) this.update();
  }

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
      // Stepping from card to card keeps the first place: Escape goes back where the user was.
      if (active !== this.host || this.popover === null) {
        const inside = active === this.host ? this.shadow?.activeElement : null;
        this.returnInside = inside?.getAttribute('data-focus-key') ?? null;
        const onPage = active instanceof HTMLElement && active !== this.host;
        this.returnFocusTo = onPage && active !== this.doc.body ? active : null;
        this.returnToName =
          this.returnFocusTo || this.returnInside ? null : (this.options.returnToName ?? null);
      }
    }
    if (options.step) {
      const name = options.cards[0]?.drug ?? '';
      this.announcement = `Flag ${options.step.index} of ${options.step.total}: ${name}`;
    }
    this.popover = { key, options };
    this.showing = key;
    this.update();
  }

  hide(): void {
    if (!this.popover) return;
    const hadFocus = this.host !== null && this.doc.activeElement === this.host;
    const closed = this.popover.key;
    this.popover = null;
    this.showing = null;
    this.announcement = '';
    this.update();
    // The notice re-renders as the card closes: find the control again by its key.
    const inside = this.returnInside
      ? this.shadow?.querySelector<HTMLElement>(
          `[data-focus-key="${CSS.escape(this.returnInside)}"]`,
        )
      : null;
    if (hadFocus && inside) inside.focus({ preventScroll: true });
    else if (hadFocus && this.returnFocusTo?.isConnected)
      this.returnFocusTo.focus({ preventScroll: true });
    else if (hadFocus) this.returnToName?.(closed);
    this.returnFocusTo = null;
    this.returnToName = null;
    this.returnInside = null;
  }

  /**
   * The page moves under a fixed notice (scrolling, rows rendered late): if the folded notice now
   * covers one of the page's controls, it moves to the first corner that covers none. Layout reads
   * only, about once a second from the repair check, and nothing when no folded notice shows.
   */
  recheckPlacement(): void {
    if (!this.shadow || this.popover || this.placing) return;
    // Each check is dozens of hit tests; on a still page nothing under the notice can have moved.
    const view = this.doc.defaultView;
    const frame = view
      ? `${view.scrollX},${view.scrollY},${view.innerWidth},${view.innerHeight}`
      : '';
    if (!this.pageChanged && frame === this.checkedFrame) return;
    this.pageChanged = false;
    this.checkedFrame = frame;
    if (!this.isNoticeCollapsed(this.doc.defaultView) && this.noticeItems.length > 0) return;
    const section = this.shadow.querySelector('.plens-notices');
    if (!section || typeof this.doc.elementsFromPoint !== 'function') return;
    if (!this.coversControls(section.getBoundingClientRect())) return;
    this.placedFor = null;
    this.placeFolded();
  }

  /** Medicines hidden on this page (shown as "2 hidden — Show" while any are). */
  setHidden(ruleIds: readonly string[]): void {
    if (ruleIds.length === this.hidden.length && ruleIds.every((id, i) => id === this.hidden[i]))
      return;
    this.hidden = ruleIds;
    this.placedFor = null;
    this.update();
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
    this.hidden = [];
    this.update();
  }

  private isNoticeCollapsed(view: Window | null): boolean {
    if (this.noticesCollapsed !== null) return this.noticesCollapsed;
    const w = view?.innerWidth ?? 1024;
    const h = view?.innerHeight ?? 768;
    // A worklist's rows and buttons fill the screen: there it starts as one line too.
    return w < 800 || h < 600 || this.noticeItems.some((item) => item.onList === true);
  }

  /** A card spans from its anchor's left edge (popover width ≤ 380 px + margins). */
  private cardIsOnTheRight(anchor: ShowOptions['anchor'], view: Window | null): boolean {
    const w = view?.innerWidth ?? 1024;
    return anchor.left + 400 > w - 400;
  }

  private update(): void {
    if (!this.popover && this.noticeItems.length === 0 && this.hidden.length === 0) {
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
            {...(popover.options.step ? { step: popover.options.step } : {})}
          />
        ) : null}
        {/* A live region without role="status": the page's own "status" stays the only one its
            scripts and tests find (a React app's getByRole('status') met two). */}
        <p
          class="plens-visually-hidden"
          aria-live="polite"
          aria-atomic="true"
          data-testid="plens-announce"
        >
          {this.announcement}
        </p>
        <CoPrescribingNotice
          items={this.noticeItems}
          onDismiss={(id) => this.options.onDismissNotice?.(id)}
          hidden={this.hidden.length}
          onShowHidden={() => this.options.onShowHidden?.(this.hidden)}
          onReveal={(ruleId) => this.options.onRevealRule?.(ruleId)}
          // While a card is open the notice folds, and docks on the side away from the card.
          collapsed={popover !== null || this.isNoticeCollapsed(view)}
          dockLeft={
            popover !== null
              ? this.cardIsOnTheRight(popover.options.anchor, view)
              : this.corner.left
          }
          dockTop={popover === null && this.corner.top}
          onToggleCollapsed={() => {
            this.noticesCollapsed = !this.isNoticeCollapsed(view);
            this.placedFor = null;
            this.options.onFoldedChange?.(this.noticesCollapsed);
            if (!this.noticesCollapsed && this.popover) this.hide();
            else this.update();
          }}
        />
      </>,
      this.mount as HTMLElement,
    );
    if (!popover && (this.isNoticeCollapsed(view) || this.noticeItems.length === 0))
      this.placeFolded();
  }

  /**
   * The folded notice must not sit over the page's own buttons and fields (a worklist's "Mark
   * reviewed" column runs down the right): try each corner, reading what lies beneath ours.
   * Layout reads only, when the notices change; no page DOM is touched.
   */
  private placeFolded(): void {
    if (this.placing || !this.shadow || this.placedFor === this.noticeItems) return;
    this.placedFor = this.noticeItems;
    const section = this.shadow.querySelector('.plens-notices');
    if (!section || typeof this.doc.elementsFromPoint !== 'function') return;
    const corners = [
      { left: false, top: false },
      { left: true, top: false },
      { left: false, top: true },
      { left: true, top: true },
    ];
    this.placing = true;
    try {
      for (const corner of corners) {
        this.corner = corner;
        section.classList.toggle('plens-notices-left', corner.left);
        section.classList.toggle('plens-notices-top', corner.top);
        if (!this.coversControls(section.getBoundingClientRect())) break;
      }
      this.update();
    } finally {
      this.placing = false;
    }
  }

  private coversControls(r: DOMRect): boolean {
    const xs: number[] = [];
    for (let x = r.left + 1; x < r.right; x += 16) xs.push(x);
    xs.push(r.right - 1);
    const ys = [r.top + 1, r.top + r.height / 2, r.bottom - 1];
    for (const x of xs)
      for (const y of ys)
        for (const el of this.doc.elementsFromPoint(x, y)) {
          if (el === this.host) continue;
          if (el.closest(CONTROLS)) return true;
          break;
        }
    return false;
  }
}

/** The page's own controls a notice must not cover. */
const CONTROLS =
  'button,a[href],input,select,textarea,[role="button"],[role="link"],[role="tab"],[role="checkbox"]';
