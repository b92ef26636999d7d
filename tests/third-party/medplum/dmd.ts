/**
 * dm+d-style products for the Medplum page: the patient's MedicationRequests and the products the
 * mocked dm+d value set offers while typing. Names follow dm+d VMP/AMP naming (domain reference
 * §4.3); the codes are illustrative SNOMED-format ids, not looked up in the dm+d release.
 */
export const DMD_SYSTEM = 'https://dmd.nhs.uk';

export interface DmdProduct {
  readonly code: string;
  readonly display: string;
}

/** The patient's medication list, newest first (MedicationRequest status, dm+d product). */
export const PATIENT_MEDICATIONS: readonly {
  readonly id: string;
  readonly status: 'active' | 'stopped' | 'on-hold';
  readonly product: DmdProduct;
  readonly lastUpdated: string;
}[] = [
  {
    id: 'mr-zopiclone',
    status: 'active',
    product: { code: '35811011000001103', display: 'Zopiclone 7.5mg tablets' },
    lastUpdated: '2025-03-10T09:00:00.000Z',
  },
  {
    id: 'mr-amlodipine',
    status: 'active',
    product: { code: '42206911000001104', display: 'Amlodipine 5mg tablets' },
    lastUpdated: '2025-03-09T09:00:00.000Z',
  },
  {
    id: 'mr-methotrexate',
    status: 'active',
    product: { code: '42280711000001108', display: 'Methotrexate 2.5mg tablets' },
    lastUpdated: '2025-03-08T09:00:00.000Z',
  },
  {
    id: 'mr-lyrica',
    status: 'active',
    product: { code: '13311411000001102', display: 'Lyrica 75mg capsules (Pfizer Ltd)' },
    lastUpdated: '2025-03-07T09:00:00.000Z',
  },
  {
    id: 'mr-warfarin',
    status: 'on-hold',
    product: { code: '42280411000001109', display: 'Warfarin 1mg tablets' },
    lastUpdated: '2025-03-06T09:00:00.000Z',
  },
  {
    id: 'mr-liothyronine',
    status: 'active',
    product: { code: '39109711000001101', display: 'Liothyronine 20microgram tablets' },
    lastUpdated: '2025-03-05T09:00:00.000Z',
  },
  {
    id: 'mr-metformin',
    status: 'active',
    product: { code: '42207011000001109', display: 'Metformin 500mg tablets' },
    lastUpdated: '2025-03-04T09:00:00.000Z',
  },
  {
    // Stopped: Medplum shows it with a "stopped" StatusBadge, so it is past, and joins no
    // co-prescribing notice with the zopiclone and Lyrica above.
    id: 'mr-codeine',
    status: 'stopped',
    product: { code: '42109711000001100', display: 'Codeine 30mg tablets' },
    lastUpdated: '2025-03-01T09:00:00.000Z',
  },
];

/** What the mocked dm+d value set can expand to (VMPs and a few AMPs). */
export const DMD_PRODUCTS: readonly DmdProduct[] = [
  { code: '39732411000001106', display: 'Amoxicillin 500mg capsules' },
  { code: '42206911000001104', display: 'Amlodipine 5mg tablets' },
  { code: '42207111000001105', display: 'Amlodipine 10mg tablets' },
  { code: '42215411000001103', display: 'Atorvastatin 20mg tablets' },
  { code: '42207011000001109', display: 'Metformin 500mg tablets' },
  { code: '42280711000001108', display: 'Methotrexate 2.5mg tablets' },
  { code: '42280811000001100', display: 'Methotrexate 10mg tablets' },
  { code: '42280611000001104', display: 'Methylphenidate 10mg tablets' },
  { code: '42207211000001104', display: 'Omeprazole 20mg gastro-resistant capsules' },
  { code: '42109611000001109', display: 'Paracetamol 500mg tablets' },
  { code: '39113811000001102', display: 'Pregabalin 75mg capsules' },
  { code: '42207311000001107', display: 'Ramipril 5mg capsules' },
  { code: '42281011000001107', display: 'Sertraline 50mg tablets' },
  { code: '42280411000001109', display: 'Warfarin 1mg tablets' },
  { code: '35811111000001102', display: 'Zopiclone 3.75mg tablets' },
  { code: '35811011000001103', display: 'Zopiclone 7.5mg tablets' },
  { code: '16283411000001109', display: 'Zimovane 7.5mg tablets (Sanofi)' },
];

/** dm+d-style search: every typed term must start a word of the product name. */
export function searchDmd(filter: string, count: number): DmdProduct[] {
  const terms = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return DMD_PRODUCTS.slice(0, count);
  return DMD_PRODUCTS.filter((p) => {
    const words = p.display.toLowerCase().split(/[\s()]+/);
    return terms.every((t) => words.some((w) => w.startsWith(t)));
  }).slice(0, count);
}
