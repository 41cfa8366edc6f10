/** The vocabulary of placement requests and holds on beds. */

export const REQUEST_STATUSES = ['open', 'held', 'placed', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const URGENCIES = ['emergency', 'planned'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const HOLD_STATUSES = ['held', 'confirmed', 'released', 'expired'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];
