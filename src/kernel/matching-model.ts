/**
 * The matcher's data: the young person, the request and the beds as plain objects, and the
 * reasons it gives. Plain types over plain data: no framework, no database.
 */
import { type AccommodationCode } from './accommodation';
import { type BedStatus } from './inventory';

export interface MatchPerson {
  dateOfBirth: string;
  gender: string;
  uasc: boolean;
  homeArea: string | null;
  areasToAvoid: string[];
  needsServiceLevelRank: number | null;
  stepFreeNeeded: boolean;
  hasPet: boolean;
  risks: string[];
}
/** The matcher's view of a young person's record. */
export function toMatchPerson(y: {
  dateOfBirth: string;
  gender: string;
  uasc: boolean;
  homeArea?: string | null;
  areasToAvoid: string[];
  needsServiceLevelRank?: number | null;
  stepFreeNeeded: boolean;
  hasPet: boolean;
  risks: string[];
}): MatchPerson {
  return {
    dateOfBirth: y.dateOfBirth,
    gender: y.gender,
    uasc: y.uasc,
    homeArea: y.homeArea ?? null,
    areasToAvoid: y.areasToAvoid,
    needsServiceLevelRank: y.needsServiceLevelRank ?? null,
    stepFreeNeeded: y.stepFreeNeeded,
    hasPet: y.hasPet,
    risks: y.risks,
  };
}
export interface MatchRequest {
  urgency: 'emergency' | 'planned';
  neededBy: string /* YYYY-MM-DD */;
  serviceLevelIds: string[] | null;
  preferredAreas: string[];
}
export interface MatchLevel {
  id: string;
  rank: number;
  minAge: number;
  maxAge: number;
  supportHoursMin: number;
  supportHoursMax: number;
  emergency: boolean;
  accommodationCode: AccommodationCode;
  suitable: boolean;
}
export interface MatchProvider {
  id: string;
  area: string;
  ofstedUrn: string | null;
  ofstedCategory: string | null;
}
export interface MatchBed {
  id: string;
  label: string;
  status: BedStatus;
  minAge: number;
  maxAge: number;
  gender: 'any' | 'female' | 'male';
  stepFree: boolean;
  petsAllowed: boolean;
  acceptsFireRisk: boolean;
  acceptsSexualHarmRisk: boolean;
  uascSpecialist: boolean;
  under18Only: boolean;
  over18Only: boolean;
  availableFrom: string | null;
  level: MatchLevel;
  provider: MatchProvider;
}
/** `effect`: 'excluded' for a broken hard rule, or the score contribution of a soft rule. */
export interface Reason {
  rule: string;
  effect: 'excluded' | number;
  detail: string;
}
export interface Candidate {
  bedId: string;
  score: number;
  reasons: Reason[];
}
export interface Excluded {
  bedId: string;
  reasons: Reason[];
}
