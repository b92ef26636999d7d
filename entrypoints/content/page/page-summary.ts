/**
 * The page at a glance, for the toolbar badge, the popup and the co-prescribing notice: per
 * medicine, how many marks are current, past or possible, and which co-prescribing alerts the
 * current medication triggers. Only listed names are quoted: an exact mark's text, with invisible
 * characters dropped, is sent only when it is one of its rules' own names (in the page's case);
 * anything else (a product name from the dictionary, a name padded with 250 zero-width spaces,
 * issue #16) is sent as the rule's drug name. Misspellings are counted, never copied out of the page.
 *
 * Counts are of medicines, not mentions: each medication row (or block) counts once however often
 * it names the drug, and mentions (notes, search suggestions, lab results) are counted apart and
 * never as current. Co-prescribing is looked for within one patient at a time: on a list of
 * patients each patient's current medicines are checked on their own, and names outside any one
 * patient's context on such a list join no alert.
 */
import { byPriorityThenName } from '@/rules/views/order';
import { visibleText } from '@/rules/views/visible-text';
import type { NoticeItem } from '@/components/popover/CoPrescribingNotice';
import {
  describeGroups,
  findCoPrescribing,
  type TriggeredAlert,
} from '@/rules/views/coprescribing';
import type { EffectiveRuleSet } from '@/rules/loader/merge';
import type { FlaggedDrug, PageSummary } from '@/rules/schema/messages';
import type { PracticeProfile } from '@/rules/schema/settings';
import { remainingCategories } from '@/rules/views/practice-position';
import type { Mark } from '../scan/page-session';
import { SINGLE_PATIENT, type PatientKey } from '../scan/patient-scope';
import type { Reading } from '../scan/section-context';

export interface PageState {
  readonly summary: PageSummary;
  readonly notices: readonly NoticeItem[];
}

/** Marks read between pauses of `summarizePageSteps`: about 1–2 ms of a big page's summary. */
export const MARKS_PER_STEP = 2000;

/** Runs `steps` to their end, at once: what a stepped computation gives when nobody pauses it. */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** The page's state now, in one go (small pages, tests, a summary wanted at once). */
export function summarizePage(...args: Parameters<typeof summarizePageSteps>): PageState {
  return runToEnd(summarizePageSteps(...args));
}

/**
 * The same, pausing after every MARKS_PER_STEP marks so a caller can spread a big page's summary
 * over several tasks: on the 20,000-row page one summary is 20,000 marks, 10–25 ms in one task,
 * over 50 ms while V8 marks the page's heap (tests/e2e/hostile-scale.spec.ts).
 */
export function* summarizePageSteps(
  marks: Iterable<Mark>,
  effective: EffectiveRuleSet,
  dismissed: ReadonlySet<string>,
  dismissedAlerts: ReadonlySet<string> = new Set(),
  /** Which patient a mark belongs to on a list of several (patient-scope.ts). */
  patientOf: (mark: Mark) => PatientKey = () => SINGLE_PATIENT,
  /** The practice profile (#19): categories it is commissioned for are not counted as traps. */
  practice?: PracticeProfile,
): Generator<void, PageState, void> {
  interface Entry {
    drug: FlaggedDrug;
    names: Map<string, string>;
    current: Set<Element>;
    /** Current items only by default: the page says neither current nor past. */
    unstated: Set<Element>;
    past: Set<Element>;
    patients: Set<PatientKey>;
    mentions: number;
  }
  const byRule = new Map<string, Entry>();
  const listedName = listedNames(effective);
  // Current rule ids per patient context, for co-prescribing within one patient.
  const currentByPatient = new Map<PatientKey, Set<string>>();
  const patientsSeen = new Set<number>();
  let untilPause = MARKS_PER_STEP;
  for (const mark of marks) {
    if (--untilPause === 0) {
      untilPause = MARKS_PER_STEP;
      yield;
    }
    const reading: Reading = mark.reading ?? (mark.isPast ? 'past' : 'current');
    const patient = mark.patient === undefined ? patientOf(mark) : mark.patient;
    if (patient !== null) patientsSeen.add(patient);
    // One medicine per medication row (or block): a row naming it twice is one medicine.
    const item = mark.item;
    for (const ruleId of mark.ruleIds) {
      const resolved = effective.rules.get(ruleId);
      if (!resolved) continue;
      let entry = byRule.get(ruleId);
      if (!entry) {
        const remaining = remainingCategories(resolved.rule, effective.services, practice);
        entry = {
          drug: {
            ruleId,
            drug: resolved.rule.drug,
            categories: remaining.length > 0 ? remaining : [...resolved.rule.categories],
            ...(remaining.length === 0 ? { commissioned: true } : {}),
            names: [],
            current: 0,
            past: 0,
            possible: 0,
            dismissed: dismissed.has(ruleId),
          },
          names: new Map(),
          current: new Set(),
          unstated: new Set(),
          past: new Set(),
          patients: new Set(),
          mentions: 0,
        };
        byRule.set(ruleId, entry);
      }
      if (reading === 'past') entry.past.add(item);
      // A misspelling is a possible match wherever it is (it is never current, nor alerts).
      else if (mark.kind === 'fuzzy') entry.drug.possible++;
      else if (reading === 'mention') entry.mentions++;
      else {
        entry.current.add(item);
        if (mark.isUnstated) entry.unstated.add(item);
        entry.patients.add(patient);
        if (patient !== null) {
          let set = currentByPatient.get(patient);
          if (!set) currentByPatient.set(patient, (set = new Set()));
          set.add(ruleId);
        }
      }
      if (mark.kind === 'exact') {
        const name = listedName(mark) ?? resolved.rule.drug;
        const key = name.toLowerCase();
        if (!entry.names.has(key)) entry.names.set(key, name);
      }
    }
  }
  const isList =
    patientsSeen.size > 1 || (patientsSeen.size === 1 && !patientsSeen.has(SINGLE_PATIENT));
  const flagged = [...byRule.values()]
    .map(({ drug, names, current, unstated, past, patients, mentions }) => ({
      ...drug,
      names: [...names.values()],
      current: current.size,
      // A list counts patients, not rows; "possible current" is said of one patient's record.
      ...(unstated.size > 0 && !isList ? { unstated: unstated.size } : {}),
      past: past.size,
      ...(mentions > 0 ? { mentions } : {}),
      ...(isList ? { patients: [...patients].filter((p) => p !== null).length } : {}),
    }))
    .sort(byPriorityThenName);

  const drugName = (id: string) => effective.rules.get(id)?.rule.drug ?? id;
  // Per alert: each patient's triggering groups, in page order.
  const byAlert = new Map<
    string,
    { alert: TriggeredAlert['alert']; perPatient: (readonly (readonly string[])[])[] }
  >();
  for (const ids of currentByPatient.values()) {
    for (const t of findCoPrescribing(effective, [...ids])) {
      let a = byAlert.get(t.alert.id);
      if (!a) byAlert.set(t.alert.id, (a = { alert: t.alert, perPatient: [] }));
      a.perPatient.push(t.groupRuleIds);
    }
  }
  const triggered = [...byAlert.values()];
  const describe = (perPatient: (readonly (readonly string[])[])[]): string => {
    const phrases = perPatient.map((groups) => describeGroups(groups.map((g) => g.map(drugName))));
    if (!isList) return phrases.join('; ');
    const n = perPatient.length;
    return n === 1
      ? `1 patient on this list: ${phrases.join('; ')}`
      : `${n} patients on this list, each on their own: ${phrases.join('; ')}`;
  };
  return {
    summary: {
      flagged,
      alerts: triggered.map((t) => ({
        id: t.alert.id,
        title: t.alert.title,
        drugs: [...new Set(t.perPatient.flat(2))].map(drugName),
        ...(isList ? { patients: t.perPatient.length } : {}),
      })),
      ...(isList ? { patients: patientsSeen.size } : {}),
    },
    notices: triggered
      .filter((t) => !dismissedAlerts.has(t.alert.id))
      .map((t) => ({
        id: t.alert.id,
        title: t.alert.title,
        drugs: describe(t.perPatient),
        message: t.alert.message,
        advice: t.alert.advice,
        sources: t.alert.sources,
        members: [...new Set(t.perPatient.flat(2))].map((ruleId) => ({
          ruleId,
          drug: drugName(ruleId),
        })),
        ...(isList ? { onList: true } : {}),
      })),
  };
}

/** Each rule's listed names, lower-cased: per rule set, since a page is summarised many times. */
const namesByRule = new WeakMap<EffectiveRuleSet, Map<string, ReadonlySet<string>>>();

function lowerNamesOf(effective: EffectiveRuleSet, ruleId: string): ReadonlySet<string> {
  let byRule = namesByRule.get(effective);
  if (!byRule) namesByRule.set(effective, (byRule = new Map<string, ReadonlySet<string>>()));
  let names = byRule.get(ruleId);
  if (!names) {
    names = new Set((effective.rules.get(ruleId)?.rule.names ?? []).map((n) => n.toLowerCase()));
    byRule.set(ruleId, names);
  }
  return names;
}

/**
 * The mark's text as the page shows it, without invisible characters, when that is one of its
 * rules' listed names (any case); null otherwise. So what leaves the page is a pack name, never
 * free page text, and never longer than the pack allows. A 20,000-row list repeats a few hundred
 * texts: each is cleaned once per summary, and each rule's names lower-cased once per rule set
 * (lower-casing every name of a rule for every mark made a 50–70 ms task there while V8 was
 * marking the page's heap: tests/e2e/hostile-scale.spec.ts).
 */
function listedNames(effective: EffectiveRuleSet): (mark: Mark) => string | null {
  const shownByText = new Map<string, { readonly shown: string; readonly key: string }>();
  return (mark) => {
    let seen = shownByText.get(mark.text);
    if (!seen) {
      const shown = visibleText(mark.text);
      shownByText.set(mark.text, (seen = { shown, key: shown.toLowerCase() }));
    }
    for (const id of mark.ruleIds) if (lowerNamesOf(effective, id).has(seen.key)) return seen.shown;
    return null;
  };
}
