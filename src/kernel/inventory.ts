/** The vocabulary of supply: providers' Ofsted registration and beds (domain.md, "Supply"). */

/** Ofsted supported-accommodation registration categories. */
export const OFSTED_CATEGORIES = ['single_occupancy', 'shared_housing', 'supported_lodgings', 'lead_tenancy'] as const;
export type OfstedCategory = (typeof OFSTED_CATEGORIES)[number];

export const BED_STATUSES = ['available', 'held', 'occupied', 'out_of_service'] as const;
export type BedStatus = (typeof BED_STATUSES)[number];

export const BED_GENDERS = ['any', 'female', 'male'] as const;
export type BedGender = (typeof BED_GENDERS)[number];
