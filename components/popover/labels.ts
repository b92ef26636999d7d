export { CATEGORY_LABELS } from '@/rules/schema/rule-pack';
