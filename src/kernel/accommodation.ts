/**
 * The DfE's SSDA903 accommodation codes and what each one means for suitability, in one table
 * (domain.md, "Accommodation and its suitability"; ssda903-oc3.md, "Codes"). Every rule about a
 * code (never for under-18s, always unsuitable, unsuitable unless a manager says otherwise,
 * emergency provision, not a placement at all) reads its column here.
 */

export const ACCOMMODATION_CODES = [
  'B',
  'C',
  'D',
  'E',
  'G',
  'H',
  'K',
  'R',
  'S',
  'T',
  'U',
  'V',
  'W',
  'X',
  'Y',
  'Z',
] as const;
export type AccommodationCode = (typeof ACCOMMODATION_CODES)[number];

export interface AccommodationKind {
  /** The DfE's description. */
  label: string;
  /** A short name for rule explanations ("foyer", "custody"). */
  short: string;
  /** Statutory guidance: B&B / hotels, all-age night shelters and foyers are never suitable for 16-17 year olds. */
  neverSuitableUnder18: boolean;
  /** No fixed abode and custody are always unsuitable: the DfE has no S1 or X1. */
  alwaysUnsuitable: boolean;
  /** Unsuitable unless someone decides otherwise (V, W and S by the brief; R because nobody can vouch for it). */
  unsuitableByDefault: boolean;
  /** Marking it suitable needs a manager and a reason. */
  suitableOnlyByManager: boolean;
  /** Emergency provision: the escalation clock runs here whatever the suitability digit says. */
  emergency: boolean;
  /** A situation, not a placement anyone can be offered. */
  notAPlacement: boolean;
  /** A room paid by the night (bed and breakfast, a hotel), not a step on the pathway. */
  bedAndBreakfast: boolean;
}

const kind = (label: string, short: string, flags: Partial<Omit<AccommodationKind, 'label' | 'short'>> = {}) => ({
  label,
  short,
  neverSuitableUnder18: false,
  alwaysUnsuitable: false,
  unsuitableByDefault: false,
  suitableOnlyByManager: false,
  emergency: false,
  notAPlacement: false,
  bedAndBreakfast: false,
  ...flags,
});

export const ACCOMMODATION: Readonly<Record<AccommodationCode, AccommodationKind>> = {
  B: kind('with parents or relatives', 'parents or relatives'),
  C: kind('community home / residential care', 'residential care'),
  D: kind('semi-independent, transitional accommodation', 'semi-independent accommodation'),
  E: kind('supported lodgings', 'supported lodgings'),
  G: kind('gone abroad', 'abroad'),
  H: kind('deported', 'deported'),
  K: kind('ordinary lodgings without formal support', 'ordinary lodgings'),
  R: kind('residence not known', 'residence not known', { unsuitableByDefault: true }),
  S: kind('no fixed abode / homeless', 'no fixed abode', {
    alwaysUnsuitable: true,
    unsuitableByDefault: true,
    notAPlacement: true,
  }),
  T: kind('foyer or similar', 'foyer', { neverSuitableUnder18: true }),
  U: kind('independent living', 'independent living'),
  V: kind('emergency accommodation (night shelter / emergency hostel)', 'emergency hostel / night shelter', {
    neverSuitableUnder18: true,
    unsuitableByDefault: true,
    suitableOnlyByManager: true,
    emergency: true,
  }),
  W: kind('bed and breakfast / hotel', 'bed and breakfast / hotel', {
    bedAndBreakfast: true,
    neverSuitableUnder18: true,
    unsuitableByDefault: true,
    suitableOnlyByManager: true,
    emergency: true,
  }),
  X: kind('in custody', 'custody', { alwaysUnsuitable: true, unsuitableByDefault: true, notAPlacement: true }),
  Y: kind('other accommodation', 'other'),
  Z: kind('with former foster carers (Staying Put)', 'former foster carers'),
};

const where = (flag: keyof Omit<AccommodationKind, 'label' | 'short'>): readonly AccommodationCode[] =>
  ACCOMMODATION_CODES.filter((c) => ACCOMMODATION[c][flag]);

export const NEVER_SUITABLE_UNDER_18 = where('neverSuitableUnder18');
export const ALWAYS_UNSUITABLE = where('alwaysUnsuitable');
export const DEFAULT_UNSUITABLE = where('unsuitableByDefault');
export const MANAGER_OVERRIDE = where('suitableOnlyByManager');
export const EMERGENCY_CODES = where('emergency');
export const NOT_PLACEMENTS = where('notAPlacement');

export function isAccommodationCode(code: string): code is AccommodationCode {
  return (ACCOMMODATION_CODES as readonly string[]).includes(code);
}

/** The DfE's description of a code (the code itself when it is not one). */
export function accommodationLabel(code: string): string {
  return isAccommodationCode(code) ? ACCOMMODATION[code].label : code;
}

/** A code's SSDA903 `ACCOM` value: the letter and 1 (suitable) or 2 (unsuitable). */
export function ssda903Accom(code: AccommodationCode, suitable: boolean): string {
  return `${code}${suitable && !ACCOMMODATION[code].alwaysUnsuitable ? 1 : 2}`;
}

/**
 * On the live list of "unsuitable or emergency accommodation": a stay that is unsuitable, or
 * emergency provision (by its service level or its code). `liveListSql` is the same rule for a
 * query over the `stay` table.
 */
export function onLiveList(stay: {
  accommodationCode: AccommodationCode;
  suitable: boolean;
  emergency: boolean;
}): boolean {
  return !stay.suitable || stay.emergency || ACCOMMODATION[stay.accommodationCode].emergency;
}

export function liveListSql(alias: string): string {
  const codes = EMERGENCY_CODES.map((c) => `'${c}'`).join(', ');
  return `(not ${alias}.suitable or ${alias}.emergency or ${alias}.accommodation_code in (${codes}))`;
}
