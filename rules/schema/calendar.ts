/** Month names as NHS documents write dates ("1 May 2027"): dates on screens, letters and errors. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
