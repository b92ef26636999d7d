/**
 * Medicines GPs start and prescribe every day with no local restriction anywhere in England. A local
 * pack that flags one is almost always a slip (a row pasted into the wrong list, a test pack left in
 * force): the flag would show on a large share of patients' records and teach GPs to ignore flags.
 * So the validator warns (it does not refuse: an ICB may have a reason, such as a brand switch).
 *
 * Single normalised generic names, as `normalizeName` returns them. None is flagged by the bundled
 * national pack (checked in validate.test.ts).
 */
export const EVERYDAY_MEDICINES: ReadonlySet<string> = new Set([
  'amlodipine',
  'amoxicillin',
  'aspirin',
  'atorvastatin',
  'bendroflumethiazide',
  'bisoprolol',
  'cetirizine',
  'clopidogrel',
  'colecalciferol',
  'doxycycline',
  'folic acid',
  'furosemide',
  'lansoprazole',
  'levothyroxine',
  'lisinopril',
  'loratadine',
  'losartan',
  'metformin',
  'nitrofurantoin',
  'omeprazole',
  'paracetamol',
  'ramipril',
  'salbutamol',
  'simvastatin',
]);
