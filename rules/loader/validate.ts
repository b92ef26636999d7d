/**
 * unknown → RulePack, or every problem with its JSON path. The schema checks shapes; this module adds
 * the checks that span fields: unique ids, names claimed by rules with conflicting categories,
 * review dates; and warnings for slips that do no harm to matching (a name repeated within a rule, a
 * pack disabling its own rule, a rule reviewed "in the future"). Every pack path, bundled included,
 * goes through here.
 *
 * Content scripts validate too (before the background's first snapshot), so this stays lean: the
 * plain-English wording admins read (where in words, suggestions, hints, and the cross-field checks
 * that still run when the schema has refused a pack) is explain.ts's job (issue #20).
 */
import * as v from 'valibot';
import { normalizeName } from '../engine';
import { placesOf } from '../schema/icbs';
import { RulePackSchema, type RulePack } from '../schema/rule-pack';
import type { PackIssue, Result } from './issues';

/** True when valibot reports a "missing" key only because the value holding it is a list. */
function isListForObject(issue: v.BaseIssue<unknown>): boolean {
  const last = issue.path?.[issue.path.length - 1];
  return (
    issue.type === 'strict_object' && issue.received === 'undefined' && Array.isArray(last?.input)
  );
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  // A list where an object belongs is one mistake at the list, not one missing field per key.
  const parts = isListForObject(issue) ? (issue.path ?? []).slice(0, -1) : (issue.path ?? []);
  let out = '';
  for (const item of parts) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(pack)' : out;
}

function describe(issue: v.BaseIssue<unknown>): string {
  if (isListForObject(issue)) return 'Must be an object ({ … }), not a list';
  if (issue.type === 'object' || issue.type === 'strict_object') {
    // valibot reports a missing key, an unknown key and a non-object value all as `strict_object`
    // issues; only `expected: "never"` means a key the schema does not know.
    if (issue.received === 'undefined') return 'This field is required';
    if (issue.expected === 'never' && issue.path) {
      const last = issue.path[issue.path.length - 1];
      return `"${String(last?.key)}" is not a field this schema knows (check the spelling)`;
    }
    return 'Must be an object';
  }
  if (issue.received === 'undefined' && issue.kind === 'schema') return 'This field is required';
  return issue.message;
}

export interface ValidateOptions {
  /** Today's date (YYYY-MM-DD) for review-date checks; injectable so tests are stable. */
  readonly today?: string;
  /**
   * Rule ids of the layers below this pack (the bundled pack's, for a local or policy pack), which
   * its services and directory may cover by id besides its own rules. Absent: only its own.
   */
  readonly knownRuleIds?: ReadonlySet<string>;
  /**
   * Refuse a rule with no source instead of warning. The bundled national pack sets it: every
   * national position must be checkable, while a local pack may lack a source for a local line.
   */
  readonly requireSources?: boolean;
}

/** What an admin reads about a rule with no source; the card then names the pack instead. */
export function noSourceMessage(packName: string): string {
  return `No source given, so readers cannot check it; the card will say "No source given by ${packName}". Add the document the rule rests on (title, publisher and https link)`;
}

export function validatePack(input: unknown, options: ValidateOptions = {}): Result<RulePack> {
  // valibot accepts an array where an object is expected and then reports every field as missing;
  // one plain sentence serves an admin who uploaded the wrong file better.
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      issues: [
        {
          path: '(pack)',
          message: 'A rule pack must be a JSON object ({ … }) with schemaVersion, packId and rules',
          severity: 'error',
        },
      ],
    };
  }
  const parsed = v.safeParse(RulePackSchema, input, { abortPipeEarly: true });
  // The cross-field checks below need a well-formed pack; on raw input they run in explain.ts,
  // for the admin reading the report (content scripts only need to know a pack is refused).
  if (!parsed.success) {
    const issues = new Map<string, PackIssue>();
    for (const issue of parsed.issues) {
      const found = { path: pathOf(issue), message: describe(issue), severity: 'error' as const };
      issues.set(`${found.path}\n${found.message}`, found);
    }
    return { ok: false, issues: [...issues.values()] };
  }
  const pack = parsed.output;
  const errors: PackIssue[] = [];
  const warnings: PackIssue[] = [];

  const seenIds = new Map<string, number>();
  pack.rules.forEach((rule, i) => {
    const first = seenIds.get(rule.id);
    if (first !== undefined) {
      errors.push({
        path: `rules[${i}].id`,
        message: `Duplicate rule id "${rule.id}" (rule ${first + 1} already uses it); give each rule its own id`,
        severity: 'error',
      });
    } else seenIds.set(rule.id, i);
  });

  // Alerts and letters are looked up by id (a later layer overrides by id), so a repeated id within
  // one pack would silently hide one of the two.
  const flagRepeatedIds = (ids: readonly string[], at: (i: number) => string, noun: string) => {
    const first = new Map<string, number>();
    ids.forEach((id, i) => {
      const prior = first.get(id);
      if (prior === undefined) first.set(id, i);
      else
        errors.push({
          path: `${at(i)}.id`,
          message: `Duplicate ${noun} id "${id}" (${noun} ${prior + 1} already uses it)`,
          severity: 'error',
        });
    });
  };
  flagRepeatedIds(
    (pack.alerts ?? []).map((a) => a.id),
    (i) => `alerts[${i}]`,
    'alert',
  );
  for (const [category, text] of Object.entries(pack.categoryText ?? {})) {
    flagRepeatedIds(
      (text?.letters ?? []).map((l) => l.id),
      (i) => `categoryText.${category}.letters[${i}]`,
      'letter',
    );
  }

  flagRepeatedIds(
    (pack.services ?? []).map((x) => x.id),
    (i) => `services[${i}]`,
    'service',
  );
  flagRepeatedIds(
    (pack.directory ?? []).map((x) => x.id),
    (i) => `directory[${i}]`,
    'directory entry',
  );
  // A service or referral entry that names a rule nobody defines would never be shown; usually a
  // misspelt id, and the admin believes the medicine is covered when it is not.
  const knownRules = (id: string) => seenIds.has(id) || (options.knownRuleIds?.has(id) ?? false);
  const checkCovers = (
    covers: { readonly rules?: readonly string[] },
    at: string,
    noun: string,
  ) => {
    (covers.rules ?? []).forEach((id, j) => {
      if (!knownRules(id))
        errors.push({
          path: `${at}.covers.rules[${j}]`,
          message: `${noun} covers rule "${id}", which no pack in force defines; check the id`,
          severity: 'error',
        });
    });
  };
  (pack.services ?? []).forEach((service, i) => {
    checkCovers(service.covers, `services[${i}]`, `Service "${service.id}"`);
  });
  (pack.directory ?? []).forEach((entry, i) => {
    checkCovers(entry.covers, `directory[${i}]`, `Directory entry "${entry.id}"`);
    // Substance-misuse services are an inappropriate default for prescribed-drug dependence (FOI
    // survey 2023); shown only with who they take, so the eligibility must be written down.
    if (entry.kind === 'substance-misuse' && entry.eligibility === undefined)
      errors.push({
        path: `directory[${i}].eligibility`,
        message: `Directory entry "${entry.id}" is a substance-misuse service and must state its eligibility (e.g. whether it takes people dependent on prescribed medicines)`,
        severity: 'error',
      });
    // A place outside the entry's ICBs would never match a practice: a mistyped code or ICB.
    (entry.places ?? []).forEach((place, j) => {
      const inIcbs = (entry.icbs ?? []).some((icb) => placesOf(icb).some((p) => p.code === place));
      if (!inIcbs)
        errors.push({
          path: `directory[${i}].places[${j}]`,
          message: `Directory entry "${entry.id}" lists place "${place}", which is not a sub-ICB location of ${entry.icbs ? 'its ICBs' : 'any ICB it names (add "icbs")'}`,
          severity: 'error',
        });
    });
    if (entry.lastReviewed > entry.reviewBy)
      errors.push({
        path: `directory[${i}].reviewBy`,
        message: `Directory entry "${entry.id}": reviewBy (${entry.reviewBy}) is before lastReviewed (${entry.lastReviewed})`,
        severity: 'error',
      });
    if (options.today && entry.reviewBy < options.today)
      warnings.push({
        path: `directory[${i}].reviewBy`,
        message: `Directory entry "${entry.id}" was due for review on ${entry.reviewBy}; check it before referring`,
        severity: 'warning',
      });
  });

  // A pack that adds nothing and switches nothing off changes nothing once loaded: almost always an
  // export that lost its rules. Every list at the top of a pack (rules, disable, and any added later)
  // is something a pack can contribute, so any non-empty one makes the pack worth loading.
  if (!Object.values(pack).some((field) => Array.isArray(field) && field.length > 0)) {
    errors.push({
      path: 'rules',
      message:
        'The pack has no rules and disables none, so loading it would change nothing; add rules or a disable list',
      severity: 'error',
    });
  }

  // A name shared by rules must mean the same thing, unless form words tell the rules apart.
  const claims = new Map<string, { index: number; categories: string; forms: boolean }>();
  pack.rules.forEach((rule, i) => {
    rule.names.forEach((name, j) => {
      const key = normalizeName(name).join(' ');
      if (key === '') {
        errors.push({
          path: `rules[${i}].names[${j}]`,
          message: `Name "${name}" has no letters or digits to match on`,
          severity: 'error',
        });
        return;
      }
      const categories = rule.categories.join(',');
      const forms = rule.forms !== undefined;
      const prior = claims.get(key);
      if (!prior) {
        claims.set(key, { index: i, categories, forms });
        return;
      }
      if (prior.index === i) return;
      if (prior.categories !== categories && !prior.forms && !forms) {
        const other = pack.rules[prior.index];
        errors.push({
          path: `rules[${i}].names[${j}]`,
          message: `Name "${name}" is also claimed by rule "${other?.id ?? '?'}" with different categories (rule ${prior.index + 1}); give one of them form words or remove the name`,
          severity: 'error',
        });
      }
    });
  });

  // Harmless to the matcher, but a repeated name is usually a copy-paste slip worth showing the author.
  pack.rules.forEach((rule, i) => {
    const seen = new Map<string, number>();
    rule.names.forEach((name, j) => {
      const key = normalizeName(name).join(' ');
      if (key === '') return; // already an error above
      const first = seen.get(key);
      if (first === undefined) seen.set(key, j);
      else
        warnings.push({
          path: `rules[${i}].names[${j}]`,
          message: `Name "${name}" repeats "${rule.names[first] ?? ''}" (name ${first + 1}) once case and punctuation are ignored`,
          severity: 'warning',
        });
    });
  });

  // merge.ts applies a pack's own `disable` list before its rules, so disabling an id the same pack
  // defines does nothing; the author almost certainly meant something else.
  (pack.disable ?? []).forEach((off, i) => {
    if (seenIds.has(off.ruleId)) {
      warnings.push({
        path: `disable[${i}].ruleId`,
        message: `This pack both defines and disables rule "${off.ruleId}"; its own rule stays active. Remove one of them`,
        severity: 'warning',
      });
    }
  });

  pack.rules.forEach((rule, i) => {
    if (rule.sources.length > 0) return;
    (options.requireSources ? errors : warnings).push({
      path: `rules[${i}].sources`,
      message: options.requireSources
        ? 'Rule sources must list at least one source: every rule in the national pack cites one'
        : noSourceMessage(pack.name),
      severity: options.requireSources ? 'error' : 'warning',
    });
  });

  const cats = pack.categoryText ?? {};
  pack.rules.forEach((rule, i) => {
    for (const c of rule.categories) {
      if (!rule.position && !cats[c]) {
        warnings.push({
          path: `rules[${i}].position`,
          message: `No position text for category "${c}" in this rule or the pack; the bundled pack's text will be shown`,
          severity: 'warning',
        });
      }
    }
  });

  if (options.today && pack.reviewBy < options.today) {
    warnings.push({
      path: 'reviewBy',
      message: `The pack's review date ${pack.reviewBy} has passed; its content may be out of date`,
      severity: 'warning',
    });
  }
  if (options.today) {
    const today = options.today;
    pack.rules.forEach((rule, i) => {
      if (rule.lastReviewed > today) {
        warnings.push({
          path: `rules[${i}].lastReviewed`,
          message: `Rule "${rule.id}" says it was last reviewed on ${rule.lastReviewed}, which is in the future; check the date`,
          severity: 'warning',
        });
      }
    });
  }
  if (pack.publishedAt > pack.reviewBy) {
    errors.push({
      path: 'reviewBy',
      message: `reviewBy (${pack.reviewBy}) is before publishedAt (${pack.publishedAt}); the review date must come after publication`,
      severity: 'error',
    });
  }

  if (errors.length > 0) return { ok: false, issues: [...errors, ...warnings] };
  return { ok: true, value: pack, warnings };
}
