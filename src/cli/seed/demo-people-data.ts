/**
 * The demo county's sixteen young people (fictional) and where they live, as data: who their PA is,
 * their home town, and their current stay. `demo-people.ts` records them through the service.
 *
 * Caseloads: every team has someone. CL-DEMO-008 (a young parent in a Sandbach B&B) comes from
 * Sandbach, in the South team's patch, but their PA is in the North team (allocated while they
 * lived in Macclesfield, and kept when they moved): their alerts go up the North team's line, since
 * line management wins over the home area. The 16-17s and the UASC young person are the Pathway
 * team's.
 */
import type { AccommodationCode } from '../../kernel/accommodation';
import type { DemoArea } from './demo-org';

export interface DemoStay {
  code: AccommodationCode;
  description: string;
  hoursAgo: number;
}

export interface DemoPerson {
  ref: string;
  /** The allocated PA (who records them, their stay and any request). */
  pa: string;
  age: number;
  legalStatus: 'relevant' | 'former_relevant' | 'qualifying';
  uasc?: boolean;
  homeArea: DemoArea;
  pregnantOrParent?: boolean;
  risks?: string[];
  stay?: DemoStay;
  request?: boolean;
}

/** Who is where: a handful in hotels and night shelters (the live list), the rest settled. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    ref: 'CL-DEMO-001',
    pa: 'pa@demo.invalid',
    age: 19,
    legalStatus: 'former_relevant',
    homeArea: 'Crewe',
    stay: { code: 'W', description: 'Travelodge, Crewe', hoursAgo: 3 },
    request: true,
  },
  {
    ref: 'CL-DEMO-002',
    pa: 'pa@demo.invalid',
    age: 20,
    legalStatus: 'former_relevant',
    homeArea: 'Crewe',
    stay: { code: 'W', description: 'Premier Inn, Crewe', hoursAgo: 30 },
    request: true,
  },
  {
    ref: 'CL-DEMO-003',
    pa: 'pa.north@demo.invalid',
    age: 18,
    legalStatus: 'former_relevant',
    homeArea: 'Macclesfield',
    stay: { code: 'W', description: 'Guest house, Macclesfield', hoursAgo: 80 },
    request: true,
  },
  {
    ref: 'CL-DEMO-004',
    pa: 'pa.south@demo.invalid',
    age: 22,
    legalStatus: 'former_relevant',
    homeArea: 'Nantwich',
    risks: ['substances'],
    stay: { code: 'W', description: 'Hotel, Nantwich', hoursAgo: 200 },
  },
  {
    ref: 'CL-DEMO-005',
    pa: 'pa.pathway@demo.invalid',
    age: 17,
    legalStatus: 'relevant',
    homeArea: 'Crewe',
    risks: ['exploitation', 'missing'],
    stay: { code: 'W', description: 'Hotel, Crewe (out of hours)', hoursAgo: 6 },
    request: true,
  },
  {
    ref: 'CL-DEMO-006',
    pa: 'pa.south@demo.invalid',
    age: 21,
    legalStatus: 'former_relevant',
    homeArea: 'Congleton',
    stay: { code: 'V', description: 'Direct-access hostel, Macclesfield', hoursAgo: 20 },
  },
  {
    ref: 'CL-DEMO-007',
    pa: 'pa@demo.invalid',
    age: 23,
    legalStatus: 'former_relevant',
    homeArea: 'Crewe',
    stay: { code: 'S', description: 'Sofa-surfing', hoursAgo: 50 },
  },
  {
    ref: 'CL-DEMO-008',
    pa: 'pa.north@demo.invalid',
    age: 19,
    legalStatus: 'former_relevant',
    homeArea: 'Sandbach',
    pregnantOrParent: true,
    stay: { code: 'W', description: 'B&B, Sandbach', hoursAgo: 24 * 33 },
  },
  {
    ref: 'CL-DEMO-009',
    pa: 'pa@demo.invalid',
    age: 18,
    legalStatus: 'former_relevant',
    homeArea: 'Crewe',
    stay: { code: 'D', description: 'YMCA Crewe', hoursAgo: 24 * 40 },
  },
  {
    ref: 'CL-DEMO-010',
    pa: 'pa.wilmslow@demo.invalid',
    age: 20,
    legalStatus: 'former_relevant',
    homeArea: 'Macclesfield',
    stay: { code: 'E', description: 'Supported lodgings', hoursAgo: 24 * 120 },
  },
  {
    ref: 'CL-DEMO-011',
    pa: 'pa.wilmslow@demo.invalid',
    age: 21,
    legalStatus: 'former_relevant',
    homeArea: 'Wilmslow',
    stay: { code: 'U', description: 'Own tenancy', hoursAgo: 24 * 300 },
  },
  {
    ref: 'CL-DEMO-012',
    pa: 'pa@demo.invalid',
    age: 19,
    legalStatus: 'former_relevant',
    homeArea: 'Crewe',
    stay: { code: 'Z', description: 'Staying Put with former foster carers', hoursAgo: 24 * 400 },
  },
  {
    ref: 'CL-DEMO-013',
    pa: 'pa.pathway@demo.invalid',
    age: 17,
    legalStatus: 'relevant',
    uasc: true,
    homeArea: 'Crewe',
    stay: { code: 'D', description: 'UASC supported accommodation', hoursAgo: 24 * 60 },
  },
  {
    ref: 'CL-DEMO-014',
    pa: 'pa.pathway@demo.invalid',
    age: 16,
    legalStatus: 'relevant',
    homeArea: 'Alsager',
    stay: { code: 'B', description: 'With an aunt', hoursAgo: 24 * 90 },
  },
  {
    ref: 'CL-DEMO-015',
    pa: 'pa.north@demo.invalid',
    age: 24,
    legalStatus: 'former_relevant',
    homeArea: 'Knutsford',
    stay: { code: 'X', description: 'HMP Styal', hoursAgo: 24 * 10 },
  },
  {
    ref: 'CL-DEMO-016',
    pa: 'pa.south@demo.invalid',
    age: 20,
    legalStatus: 'qualifying',
    homeArea: 'Crewe',
    stay: { code: 'U', description: 'University halls', hoursAgo: 24 * 70 },
  },
];
