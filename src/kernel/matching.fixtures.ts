/**
 * Builders for the matching specs (matching*.spec.ts): a baseline young person, request and bed
 * that break no hard rule, each overridable field by field. Test support only: no production code
 * imports this file.
 */
import type { MatchBed, MatchLevel, MatchPerson, MatchProvider, MatchRequest } from './matching-model';

export const TODAY = '2026-11-23';
export const NEEDED_BY = '2026-12-01';
export const AGED_19 = '2007-06-15'; // 19 on NEEDED_BY
export const AGED_17 = '2009-06-15'; // 17 on NEEDED_BY

export const level = (o: Partial<MatchLevel> = {}): MatchLevel => ({
  id: 'level-d',
  rank: 4,
  minAge: 16,
  maxAge: 25,
  supportHoursMin: 7,
  supportHoursMax: 12,
  emergency: false,
  accommodationCode: 'D',
  suitable: true,
  ...o,
});
export const provider = (o: Partial<MatchProvider> = {}): MatchProvider => ({
  id: 'provider-1',
  area: 'Crewe',
  ofstedUrn: '2600001',
  ofstedCategory: 'shared_housing',
  ...o,
});
export const bed = (o: Partial<MatchBed> = {}): MatchBed => ({
  id: 'bed-1',
  label: 'Room 1',
  status: 'available',
  minAge: 16,
  maxAge: 25,
  gender: 'any',
  stepFree: false,
  petsAllowed: false,
  acceptsFireRisk: false,
  acceptsSexualHarmRisk: false,
  uascSpecialist: false,
  under18Only: false,
  over18Only: false,
  availableFrom: null,
  level: level(),
  provider: provider(),
  ...o,
});
export const person = (o: Partial<MatchPerson> = {}): MatchPerson => ({
  dateOfBirth: AGED_19,
  gender: 'female',
  uasc: false,
  homeArea: null,
  areasToAvoid: [],
  needsServiceLevelRank: null,
  stepFreeNeeded: false,
  hasPet: false,
  risks: [],
  ...o,
});
export const request = (o: Partial<MatchRequest> = {}): MatchRequest => ({
  urgency: 'planned',
  neededBy: NEEDED_BY,
  serviceLevelIds: null,
  preferredAreas: [],
  ...o,
});
