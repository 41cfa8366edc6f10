import type { MatchBed, MatchPerson, MatchRequest } from './matching-model';
import { SOFT_RULES, WEIGHTS, scoreBed } from './matching-soft-rules';
import { bed, level, person, request } from './matching.fixtures';

const effectOf = (rule: string, p: MatchPerson, r: MatchRequest, b: MatchBed) =>
  scoreBed(p, r, b).reasons.find((x) => x.rule === rule)?.effect;

describe('soft preferences', () => {
  it('lists every soft rule, in order, and the score is their sum', () => {
    const s = scoreBed(
      person({ needsServiceLevelRank: 4, homeArea: 'Crewe', uasc: true }),
      request({ urgency: 'emergency', preferredAreas: ['crewe'] }),
      bed({ uascSpecialist: true, level: level({ emergency: true }) }),
    );
    expect(s.reasons.map((r) => r.rule)).toEqual([...SOFT_RULES]);
    expect(s.score).toBe(
      WEIGHTS.levelExact +
        WEIGHTS.homeArea +
        WEIGHTS.preferredArea +
        WEIGHTS.uascSpecialistForUasc +
        WEIGHTS.emergencyForEmergency,
    );
  });

  it('scores level closeness: exact best, under-support costs more than over-support, none assessed is neutral', () => {
    const fit = (needs: number | null, rank: number) =>
      effectOf('level_fit', person({ needsServiceLevelRank: needs }), request(), bed({ level: level({ rank }) }));
    expect(fit(null, 4)).toBe(0);
    expect(fit(4, 4)).toBe(40);
    expect(fit(4, 3)).toBe(30); // one step more support
    expect(fit(4, 5)).toBe(20); // one step less support
    expect(fit(4, 7)).toBe(-20);
    expect(
      scoreBed(person({ needsServiceLevelRank: 4 }), request(), bed({ level: level({ rank: 6 }) })).reasons[0].detail,
    ).toBe('Level rank 6 is 2 steps less support than the assessed rank 4');
  });

  it('rewards the home area and preferred areas, trimmed and case-insensitive', () => {
    expect(effectOf('home_area', person({ homeArea: ' crewe' }), request(), bed())).toBe(WEIGHTS.homeArea);
    expect(effectOf('home_area', person({ homeArea: 'Nantwich' }), request(), bed())).toBe(0);
    expect(effectOf('home_area', person({ homeArea: null }), request(), bed())).toBe(0);
    expect(effectOf('preferred_area', person(), request({ preferredAreas: ['Nantwich', 'CREWE '] }), bed())).toBe(
      WEIGHTS.preferredArea,
    );
    expect(effectOf('preferred_area', person(), request({ preferredAreas: ['Nantwich'] }), bed())).toBe(0);
  });

  it('favours UASC specialist beds for UASC young people and keeps them for them', () => {
    expect(effectOf('uasc_specialism', person({ uasc: true }), request(), bed({ uascSpecialist: true }))).toBe(25);
    expect(effectOf('uasc_specialism', person({ uasc: false }), request(), bed({ uascSpecialist: true }))).toBe(-5);
    expect(effectOf('uasc_specialism', person({ uasc: true }), request(), bed())).toBe(0);
  });

  it('favours emergency provision for emergencies only, and penalises unsuitable levels', () => {
    const emergencyBed = bed({ level: level({ emergency: true }) });
    expect(effectOf('emergency_provision', person(), request({ urgency: 'emergency' }), emergencyBed)).toBe(10);
    expect(effectOf('emergency_provision', person(), request({ urgency: 'planned' }), emergencyBed)).toBe(-10);
    expect(effectOf('emergency_provision', person(), request({ urgency: 'emergency' }), bed())).toBe(0);
    expect(
      effectOf('suitability', person(), request(), bed({ level: level({ accommodationCode: 'W', suitable: false }) })),
    ).toBe(-30);
    expect(effectOf('suitability', person(), request(), bed())).toBe(0);
  });
});
