import type { YoungPersonView } from '../../features/young-people/young-people.dto';
import { editBody, editValues, editValuesOf, presentEditForm, STALE_MESSAGE } from './young-person-edit.presenter';

const person: YoungPersonView = {
  id: 'p1',
  reference: 'CL-1',
  firstName: 'Sam',
  lastName: 'Jones',
  dateOfBirth: '2009-11-06',
  age: 17,
  gender: 'female',
  legalStatus: 'relevant',
  uasc: false,
  paUserId: 'u1',
  homeArea: 'Crewe',
  areasToAvoid: ['Macclesfield', 'Old Town'],
  needsServiceLevelRank: null,
  stepFreeNeeded: true,
  hasPet: false,
  pregnantOrParent: false,
  risks: ['fire_setting'],
  version: 3,
};
const areas = [{ name: 'Crewe' }, { name: 'Macclesfield' }, { name: 'Nantwich' }];

describe('the change details form presenter', () => {
  it('starts from the record: the date in its boxes, the needs ticked, the version read', () => {
    const v = editValuesOf(person);
    expect(v).toMatchObject({
      day: '6',
      month: '11',
      year: '2009',
      uasc: 'no',
      needs: ['stepFreeNeeded'],
      version: '3',
    });
    const form = presentEditForm(v, { areas, pas: null });
    expect(form.version).toBe('3');
    expect(form.paItems).toBeNull();
    // An area to avoid no longer on the managed list is still shown, ticked.
    expect(form.areasToAvoidItems).toEqual([
      { value: 'Crewe', text: 'Crewe', checked: false },
      { value: 'Macclesfield', text: 'Macclesfield', checked: true },
      { value: 'Nantwich', text: 'Nantwich', checked: false },
      { value: 'Old Town', text: 'Old Town', checked: true },
    ]);
    expect(form.areaItems.find((a) => a.selected)?.value).toBe('Crewe');
  });

  it('reads the posted form into the PATCH body: needs false when unticked, no home area clears it, the version a number', () => {
    const posted = editValues({
      firstName: 'Sam',
      lastName: 'Jones',
      'dateOfBirth-day': '6',
      'dateOfBirth-month': '11',
      'dateOfBirth-year': '2009',
      gender: 'female',
      legalStatus: 'relevant',
      uasc: 'no',
      homeArea: '',
      areasToAvoid: 'Nantwich',
      needs: ['hasPet'],
      paUserId: 'u2',
      version: '3',
    });
    expect(editBody(posted, false).body).toEqual({
      firstName: 'Sam',
      lastName: 'Jones',
      dateOfBirth: '2009-11-06',
      gender: 'female',
      legalStatus: 'relevant',
      uasc: false,
      homeArea: null,
      areasToAvoid: ['Nantwich'],
      stepFreeNeeded: false,
      hasPet: true,
      pregnantOrParent: false,
      risks: [],
      version: 3,
    });
    // Only a user who allocates sends the PA.
    expect(editBody(posted, true).body).toMatchObject({ paUserId: 'u2' });
  });

  it('says what is wrong with a date of birth, boxes at fault', () => {
    const bad = editBody({ ...editValuesOf(person), day: '31', month: '2' }, false);
    expect(bad.errors).toEqual([{ field: 'dateOfBirth', message: expect.stringMatching(/real date/) }]);
    const form = presentEditForm(editValuesOf(person), {
      areas,
      pas: null,
      errors: bad.errors!,
      faulty: ['day', 'month'],
    });
    expect(form.errors.summary[0].href).toBe('#dateOfBirth-day');
    expect(form.dateItems.filter((i) => 'error' in i).map((i) => i.name)).toEqual(['day', 'month']);
  });

  it('puts a colleague’s change in the error summary, not against a field', () => {
    const form = presentEditForm(editValuesOf(person), {
      areas,
      pas: null,
      errors: [{ field: 'form', message: STALE_MESSAGE }],
    });
    expect(form.errors.summary).toEqual([{ text: STALE_MESSAGE, href: '#main-content' }]);
    expect(form.errors.byField).toEqual({});
  });
});
