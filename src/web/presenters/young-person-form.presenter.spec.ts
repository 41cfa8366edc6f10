import {
  newPersonBody,
  newPersonMessage,
  newPersonValues,
  presentDuplicates,
  presentNewPersonForm,
} from './young-person-form.presenter';

const filled = {
  firstName: 'Jo',
  lastName: 'Smith',
  'dateOfBirth-day': '17',
  'dateOfBirth-month': '4',
  'dateOfBirth-year': '2009',
  gender: 'female',
  legalStatus: 'relevant',
  uasc: 'no',
  homeArea: 'Crewe',
  paUserId: '',
  needs: ['hasPet', 'stepFreeNeeded'],
  risks: 'self_harm',
};

describe('the add a young person form', () => {
  it('reads the posted form into the API’s body: the date composed, yes/no as true/false, each need a flag, one risk a list', () => {
    const input = newPersonBody(newPersonValues(filled));
    expect(input.errors).toBeNull();
    expect(input.body).toEqual({
      firstName: 'Jo',
      lastName: 'Smith',
      dateOfBirth: '2009-04-17',
      gender: 'female',
      legalStatus: 'relevant',
      uasc: false,
      homeArea: 'Crewe',
      stepFreeNeeded: true,
      hasPet: true,
      pregnantOrParent: false,
      risks: ['self_harm'],
    });
    const confirmed = newPersonBody(newPersonValues({ ...filled, confirmedNotDuplicate: 'true', paUserId: 'p1' }));
    expect(confirmed.body).toMatchObject({ confirmedNotDuplicate: true, paUserId: 'p1' });
  });

  it('says in GOV.UK’s words what is missing, and which date boxes are at fault', () => {
    const input = newPersonBody(
      newPersonValues({ 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2009' }),
    );
    expect(input.errors).toEqual([
      { field: 'firstName', message: 'Enter their first name' },
      { field: 'lastName', message: 'Enter their last name' },
      { field: 'dateOfBirth', message: 'Date of birth must be a real date' },
      { field: 'gender', message: 'Select their gender' },
      { field: 'legalStatus', message: 'Select their legal status' },
      { field: 'uasc', message: 'Select yes if they are an unaccompanied asylum-seeking child' },
    ]);
    const noMonth = newPersonBody(newPersonValues({ ...filled, 'dateOfBirth-month': '' }));
    expect(noMonth.errors).toEqual([{ field: 'dateOfBirth', message: 'Date of birth must include a month' }]);
    expect(noMonth.body === null && noMonth.faulty).toEqual(['month']);
  });

  it('puts the service’s messages in the form’s terms', () => {
    expect(newPersonMessage({ field: 'homeArea', message: 'homeArea is not on the list of areas' }).message).toBe(
      'Choose a home area from the list',
    );
    expect(newPersonMessage({ field: 'paUserId', message: 'every young person needs an allocated PA' }).message).toBe(
      'Choose a personal adviser from the list',
    );
    expect(newPersonMessage({ field: 'dateOfBirth', message: 'Aged 15 on 2026-11-27' }).message).toBe(
      'Aged 15 on 27 November 2026',
    );
  });

  it('lists the possible duplicates the user may see, linked, and says when another is out of sight', () => {
    expect(
      presentDuplicates({
        duplicates: [{ id: 'y1', reference: 'CL-1', firstName: 'Jo', lastName: 'Smith', dateOfBirth: '2009-04-17' }],
        undisclosedMatches: true,
      }),
    ).toEqual({
      records: [{ href: '/young-people/y1', text: 'CL-1: Jo Smith, born 17 April 2009' }],
      undisclosed: true,
    });
    expect(presentDuplicates({ duplicates: [], undisclosedMatches: false })).toEqual({
      records: [],
      undisclosed: false,
    });
  });

  it('offers the areas, and the PAs only to a user who allocates, with what was posted chosen again', () => {
    const values = newPersonValues({ ...filled, paUserId: 'p2' });
    const form = presentNewPersonForm(values, {
      areas: [{ name: 'Crewe' }, { name: 'Nantwich' }],
      pas: [
        { id: 'p1', name: 'Ann' },
        { id: 'p2', name: 'Bob' },
      ],
      errors: [{ field: 'dateOfBirth', message: 'Date of birth must include a month' }],
      faulty: ['month'],
    });
    expect(form.areaItems.filter((a) => a.selected).map((a) => a.value)).toEqual(['Crewe']);
    expect(form.paItems!.filter((p) => p.selected).map((p) => p.text)).toEqual(['Bob']);
    expect(form.needItems.filter((n) => n.checked).map((n) => n.value)).toEqual(['stepFreeNeeded', 'hasPet']);
    expect(form.riskItems.filter((r) => r.checked).map((r) => r.text)).toEqual(['Self harm']);
    expect(form.genderItems.map((g) => g.text)).toEqual(['Female', 'Male', 'Non binary', 'Other']);
    expect(form.errors.summary).toEqual([{ text: 'Date of birth must include a month', href: '#dateOfBirth-month' }]);
    expect(form.dateItems.find((d) => d.name === 'month')).toMatchObject({ error: true });
    expect(presentNewPersonForm(values, { areas: [], pas: null }).paItems).toBeNull();
  });
});
