/**
 * What this practice's contract means for one medicine (#19): the national position depends on
 * whether the practice provides the commissioned service that covers it. Pure: rule + the packs'
 * services and directory + the practice profile in, "Your practice" text, referral entries and how
 * to flag it out. Shared by the page popover, the popup look-up and the content script's flags, so
 * all three always agree.
 */
import type { EffectiveRuleSet, ResolvedRule } from '../loader/merge';
import {
  COMMISSIONER_LABELS,
  isSafeHttpsUrl,
  type Category,
  type Covers,
  type DirectoryEntry,
  type DirectoryKind,
  type Rule,
  type Service,
} from '../schema/rule-pack';
import type { CommissionedFlags, PracticeProfile } from '../schema/settings';

/**
 * `provided`: the practice provides a service covering the medicine. `not-provided`: services
 * cover it and the practice provides none of them. `profile-not-set`: services cover it but the
 * profile is not set. `no-service`: no service in the packs covers it (national text only).
 */
export type PracticeStatus = 'provided' | 'not-provided' | 'profile-not-set' | 'no-service';

/** One service covering the medicine, as the card shows it. */
export interface ServiceLine {
  readonly id: string;
  readonly name: string;
  /** Who commissions it, in running text ("the local authority public health commissioner"). */
  readonly commissioner: string;
  /** https specification link, or absent (also when the link policy refuses it). */
  readonly specification?: string;
  readonly provided: boolean;
  /** "Your practice" text for this service: its `provided` or `notProvided` text. */
  readonly text: string;
  /** Which layer's pack defined it (a local pack may override the national service). */
  readonly layer: 'bundled' | 'local' | 'managed';
}

/** One referral route, as the card shows it. */
export interface ReferralLine {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly kind: DirectoryKind;
  readonly area: string;
  /** True when the entry is for anywhere in England, not for the practice's ICB. */
  readonly national: boolean;
  readonly forWhom: string;
  readonly notFor?: string;
  readonly eligibility?: string;
  readonly phone?: string;
  /** https only; absent when the link policy refuses it. */
  readonly url?: string;
  readonly ers?: string;
  readonly note?: string;
  readonly hours?: string;
  readonly caution?: string;
  readonly lastReviewed: string;
  readonly reviewOverdue: boolean;
  readonly sourceTitle: string;
  readonly sourcePublisher: string;
  readonly sourceDate?: string;
  readonly sourceUrl?: string;
}

export interface PracticePosition {
  readonly status: PracticeStatus;
  /** Services covering the medicine: provided ones first, then the most specific. */
  readonly services: readonly ServiceLine[];
  /** The practice's ICB name, when set. */
  readonly icbName?: string;
  /** Categories still flagged for this practice, in the rule's order. */
  readonly remaining: readonly Category[];
  /**
   * `normal`: flag as its first remaining category. `quiet`/`hidden`: every category is answered by
   * a service the practice provides, and the preference says how to flag it.
   */
  readonly paint: 'normal' | CommissionedFlags;
  /** Referral services that fit the medicine and the practice's area; specialist ones first. */
  readonly referrals: readonly ReferralLine[];
  /** True when no specialist (non-substance-misuse, non-resource) referral service is recorded. */
  readonly noLocalService: boolean;
  /**
   * Whether "Where to refer" belongs on the card: a service or directory entry covers the medicine,
   * or it is dependence-forming (where "refer to a withdrawal service" is the usual advice).
   */
  readonly showReferrals: boolean;
}

export interface PracticeContext {
  readonly services: EffectiveRuleSet['services'];
  readonly directory: EffectiveRuleSet['directory'];
  readonly profile: PracticeProfile | undefined;
  readonly commissionedFlags?: CommissionedFlags;
  /** YYYY-MM-DD. */
  readonly today: string;
  readonly isLinkAllowed?: (url: string) => boolean;
  /**
   * The name of the profile's board ("NHS Devon ICB"), from the caller: extension pages read it
   * from rules/schema/icbs.ts, pages from the bundled data, so the content script does not carry
   * the board tables. Absent: the board is not named.
   */
  readonly icbName?: string;
}

/** How specifically `covers` names the rule: 3 by id, 2 by class, 1 by category, 0 not at all. */
export function coverage(covers: Covers, rule: Rule): 0 | 1 | 2 | 3 {
  if (covers.rules?.includes(rule.id)) return 3;
  if (covers.classes?.some((c) => rule.classes?.includes(c))) return 2;
  if (covers.categories?.some((c) => rule.categories.includes(c))) return 1;
  return 0;
}

// Specialist services first; national resources next; substance-misuse services last, never the
// default for prescribed-drug dependence (2023 FOI survey).
const KIND_ORDER: readonly DirectoryKind[] = [
  'prescribed-drug-withdrawal',
  'specialist-clinic',
  'stop-smoking',
  'resource',
  'substance-misuse',
];

function referralOf(
  entry: DirectoryEntry,
  today: string,
  allowed: (url: string) => boolean,
): ReferralLine {
  const link = (url: string | undefined) =>
    url !== undefined && isSafeHttpsUrl(url) && allowed(url) ? url : undefined;
  const source = entry.sources[0];
  const url = link(entry.howToRefer.url);
  const sourceUrl = link(source?.url);
  return {
    id: entry.id,
    name: entry.name,
    provider: entry.provider,
    kind: entry.kind,
    area: entry.area,
    national: entry.icbs === undefined,
    forWhom: entry.forWhom,
    ...(entry.notFor ? { notFor: entry.notFor } : {}),
    ...(entry.eligibility ? { eligibility: entry.eligibility } : {}),
    ...(entry.howToRefer.phone ? { phone: entry.howToRefer.phone } : {}),
    ...(url ? { url } : {}),
    ...(entry.howToRefer.ers ? { ers: entry.howToRefer.ers } : {}),
    ...(entry.howToRefer.note ? { note: entry.howToRefer.note } : {}),
    ...(entry.hours ? { hours: entry.hours } : {}),
    ...(entry.caution ? { caution: entry.caution } : {}),
    lastReviewed: entry.lastReviewed,
    reviewOverdue: entry.reviewBy < today,
    sourceTitle: source?.title ?? '',
    sourcePublisher: source?.publisher ?? '',
    ...(source?.date ? { sourceDate: source.date } : {}),
    ...(sourceUrl ? { sourceUrl } : {}),
  };
}

/**
 * The categories still flagged for this practice: the rule's, less those answered by a service the
 * practice provides. No profile: all of them (the national position). Cheap enough per mark.
 */
export function remainingCategories(
  rule: Rule,
  services: EffectiveRuleSet['services'],
  profile: PracticeProfile | undefined,
): Category[] {
  if (!profile || profile.services.length === 0) return [...rule.categories];
  const relieved = new Set<Category>();
  for (const id of profile.services) {
    const service = services.get(id)?.item;
    if (service && coverage(service.covers, rule) > 0)
      for (const c of service.relieves) relieved.add(c);
  }
  return rule.categories.filter((c) => !relieved.has(c));
}

export function practicePosition(resolved: ResolvedRule, ctx: PracticeContext): PracticePosition {
  const { rule } = resolved;
  const allowed = ctx.isLinkAllowed ?? (() => true);
  const provides = new Set(ctx.profile?.services ?? []);

  const covering: { service: Service; layer: ServiceLine['layer']; score: number }[] = [];
  for (const { item, pack } of ctx.services.values()) {
    const score = coverage(item.covers, rule);
    if (score > 0) covering.push({ service: item, layer: pack.layer, score });
  }
  covering.sort(
    (a, b) =>
      Number(provides.has(b.service.id)) - Number(provides.has(a.service.id)) || b.score - a.score,
  );
  const services: ServiceLine[] = covering.map(({ service, layer }) => {
    const provided = provides.has(service.id);
    const spec =
      service.specification && allowed(service.specification) ? service.specification : undefined;
    return {
      id: service.id,
      name: service.name,
      commissioner: COMMISSIONER_LABELS[service.commissioner],
      ...(spec ? { specification: spec } : {}),
      provided,
      text: provided ? service.provided : service.notProvided,
      layer,
    };
  });

  const remaining = remainingCategories(rule, ctx.services, ctx.profile);

  const status: PracticeStatus =
    covering.length === 0
      ? 'no-service'
      : !ctx.profile
        ? 'profile-not-set'
        : services.some((s) => s.provided)
          ? 'provided'
          : 'not-provided';

  const icb = ctx.profile?.icb ?? null;
  const place = ctx.profile?.place;
  const referrals = [...ctx.directory.values()]
    .map(({ item }) => item)
    .filter((e) => coverage(e.covers, rule) > 0)
    .filter((e) => e.icbs === undefined || (icb !== null && e.icbs.includes(icb)))
    // Only a known place rules an entry out: without one, the entry's area in words decides.
    .filter((e) => e.places === undefined || place === undefined || e.places.includes(place))
    // A substance-misuse service is shown only with its eligibility stated (the validator also
    // requires it; a hand-built set must not slip one through).
    .filter((e) => e.kind !== 'substance-misuse' || e.eligibility !== undefined)
    .sort(
      (a, b) =>
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        Number(a.icbs === undefined) - Number(b.icbs === undefined) ||
        coverage(b.covers, rule) - coverage(a.covers, rule),
    )
    .map((e) => referralOf(e, ctx.today, allowed));

  return {
    status,
    services,
    ...(icb && ctx.icbName ? { icbName: ctx.icbName } : {}),
    remaining,
    paint: remaining.length > 0 ? 'normal' : (ctx.commissionedFlags ?? 'quiet'),
    referrals,
    showReferrals:
      referrals.length > 0 || covering.length > 0 || rule.categories.includes('dependence-forming'),
    noLocalService: !referrals.some(
      (r) => r.kind !== 'substance-misuse' && r.kind !== 'resource' && !r.national,
    ),
  };
}
