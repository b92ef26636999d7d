import type { Category } from '@/rules/schema/rule-pack';

/** Plain-English names a GP recognises. */
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  'shared-care': 'Shared care',
  'specialist-initiation': 'Specialist initiation',
  'no-commissioned-service': 'No commissioned service',
  'dependence-forming': 'Dependence-forming',
};
