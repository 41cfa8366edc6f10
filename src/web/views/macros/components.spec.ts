import fc from 'fast-check';
import nunjucks from 'nunjucks';
import { join } from 'node:path';
import { ROOT, trimFilter, ViewLoader } from '../../view-engine';

/** The pages' template search path, as `configureViews` sets it. */
const env = new nunjucks.Environment(
  new ViewLoader([join(ROOT, 'src/web/views'), join(ROOT, 'node_modules/govuk-frontend/dist')]),
  { autoescape: true },
);
env.addFilter('trim', trimFilter);

const render = (from: string, macro: string, params: unknown) =>
  env.renderString(`{% from "${from}" import ${macro} %}{{ ${macro}(params) }}`, { params });

/** The markup with whitespace made irrelevant: runs collapsed, none kept beside a tag. */
const markup = (html: string) => html.replace(/\s+/g, ' ').replace(/\s*</g, '<').replace(/>\s*/g, '>');

/** The written-out macro `mine` gives the same markup as GOV.UK's `theirs` (from `from`) for every `params` drawn. */
function expectSameMarkup(mine: string, from: string, theirs: string, params: fc.Arbitrary<unknown>, numRuns = 150) {
  fc.assert(
    fc.property(params, (p) => {
      expect(markup(render('macros/components.njk', mine, p))).toBe(markup(render(from, theirs, p)));
    }),
    { numRuns },
  );
}

const text = fc.string({ maxLength: 12 }).map((s) => s.trim() || 'x');
/** Text with the characters escaping is about. */
const risky = fc.oneof(text, fc.constantFrom('<b>&"\'', 'a & b', '"quoted"', 'x < y > z'));
const classes = fc.option(fc.constantFrom('govuk-tag--red app-tag--block', 'govuk-tag--orange', 'app-x'), {
  nil: undefined,
});
const html = fc.constantFrom('<strong class="govuk-tag">Open</strong>', '<ul><li>a</li></ul>', 'Since x<br>y');

describe('the GOV.UK components written out for the hot pages', () => {
  it('appTag gives govukTag’s markup for any text and classes, html, or attributes', () => {
    const params = fc.oneof(
      fc.record({ text: risky, classes }, { requiredKeys: ['text'] }),
      fc.record({ html, classes }, { requiredKeys: ['html'] }),
      fc.record({ text: risky, attributes: fc.constant({ 'data-x': '1' }) }),
    );
    expectSameMarkup('appTag', 'govuk/components/tag/macro.njk', 'govukTag', params, 60);
  });

  it('appSummaryList gives govukSummaryList’s markup for plain rows, cards, and anything else it hands over', () => {
    const value = fc.oneof(
      risky.map((t) => ({ text: t })),
      html.map((h) => ({ html: h })),
    );
    const key = risky.map((t) => ({ text: t }));
    const plainRow = fc.oneof(fc.record({ key, value }), fc.constant(null));
    const otherRow = fc.oneof(
      fc.record({
        key,
        value,
        actions: fc.constant({ items: [{ href: '#change', text: 'Change', visuallyHiddenText: 'the thing' }] }),
      }),
      fc.record({ key: html.map((h) => ({ html: h })), value, classes: fc.constant('app-row') }),
    );
    const title = fc.record({ text: risky, headingLevel: fc.constantFrom(2, 3, 4) }, { requiredKeys: ['text'] });
    const cardClasses = fc.constantFrom('app-ladder-card', 'app-ladder-card app-ladder-card--current');
    // What the pages pass (plain rows, maybe in a card with a title), written out by appSummaryList itself…
    const plain = fc.record(
      {
        rows: fc.array(plainRow, { maxLength: 5 }),
        card: fc.record({ title, classes: cardClasses }, { requiredKeys: ['title'] }),
      },
      { requiredKeys: ['rows'] },
    );
    // …and anything else, handed to GOV.UK's macro.
    const other = fc.record(
      {
        rows: fc.tuple(fc.array(plainRow, { maxLength: 3 }), otherRow).map(([rows, r]) => [...rows, r]),
        card: fc.record({
          title,
          classes: cardClasses,
          actions: fc.constant({ items: [{ href: '#', text: 'Delete' }] }),
        }),
        classes: fc.constant('govuk-summary-list--no-border'),
        attributes: fc.constant({ 'data-x': '1' }),
      },
      { requiredKeys: ['rows'] },
    );
    const params = fc.oneof(plain, other);
    expectSameMarkup('appSummaryList', 'govuk/components/summary-list/macro.njk', 'govukSummaryList', params);
  });

  it('appDateInput gives govukDateInput’s markup for the alert page’s kind of date, and for anything else it hands over', () => {
    const value = fc.constantFrom(undefined, null, '', '3', '2027', '<&">', false);
    const width = fc.constantFrom('govuk-input--width-2', 'govuk-input--width-4', ' govuk-input--width-2 app-x');
    const item = (name: string) => fc.record({ name: fc.constant(name), value, classes: width });
    const plainItems = fc.tuple(item('day'), item('month'), item('year'));
    const otherItem = fc.oneof(
      fc.record({
        name: fc.constant('day'),
        value,
        classes: fc.constantFrom('govuk-input--error govuk-input--width-2', 'app-x'),
      }),
      fc.record({ name: fc.constant('month'), value, classes: width, error: fc.constant(true) }),
      fc.record({ name: fc.constant('year'), value, classes: width, id: fc.constant('y'), label: fc.constant('Año') }),
      fc.record({ name: fc.constant('day'), value: fc.constant(true), classes: width }),
      fc.constant(null),
    );
    const legend = fc.record(
      { text: risky, classes: fc.constantFrom('govuk-fieldset__legend--s', 'govuk-fieldset__legend--m') },
      { requiredKeys: ['text'] },
    );
    const plain = fc.record(
      {
        id: fc.constantFrom('reviewBy', 'movedIn'),
        namePrefix: fc.constantFrom('reviewBy', 'movedIn'),
        fieldset: fc.record({ legend }),
        hint: fc.record({ text: risky }),
        items: plainItems,
      },
      { requiredKeys: ['id', 'fieldset', 'items'] },
    );
    const other = fc.record(
      {
        id: fc.constant('reviewBy'),
        namePrefix: fc.constant('reviewBy'),
        fieldset: fc.record({ legend }),
        hint: fc.record({ text: risky }),
        items: fc.tuple(item('day'), otherItem, item('year')),
        errorMessage: fc.constant({ text: 'Enter a real date' }),
      },
      { requiredKeys: ['id', 'fieldset', 'items'] },
    );
    expectSameMarkup('appDateInput', 'govuk/components/date-input/macro.njk', 'govukDateInput', fc.oneof(plain, other));
  });

  it('appSelect gives govukSelect’s markup for the filters’ kind of select, and for anything else it hands over', () => {
    const option = fc.oneof(
      fc.record({ value: fc.option(risky, { nil: undefined }), text: risky, selected: fc.boolean() }),
      fc.constant(null),
    );
    const otherOption = fc.oneof(
      fc.record({ value: risky, text: risky, disabled: fc.constant(true) }),
      fc.record({ value: risky, text: risky, attributes: fc.constant({ 'data-x': '1' }) }),
    );
    const label = fc.record(
      { text: risky, classes: fc.constantFrom('govuk-label--s', 'app-x') },
      { requiredKeys: ['text'] },
    );
    const plain = fc.record(
      {
        id: fc.constantFrom('area', 'urgency'),
        name: fc.constantFrom('area', 'urgency'),
        label,
        items: fc.array(option, { maxLength: 6 }),
      },
      { requiredKeys: ['name', 'label', 'items'] },
    );
    const other = fc.oneof(
      plain.map((p) => ({ ...p, errorMessage: { text: 'Choose an area from the list' } })),
      plain.map((p) => ({ ...p, hint: { text: 'A hint' }, value: 'North' })),
      fc.tuple(plain, otherOption).map(([p, o]) => ({ ...p, items: [...p.items, o] })),
    );
    expectSameMarkup('appSelect', 'govuk/components/select/macro.njk', 'govukSelect', fc.oneof(plain, other));
  });

  it.each([
    ['appRadios', 'govuk/components/radios/macro.njk', 'govukRadios'],
    ['appCheckboxes', 'govuk/components/checkboxes/macro.njk', 'govukCheckboxes'],
  ])(
    '%s gives GOV.UK’s markup for the filters’ kind of choice, and for anything else it hands over',
    (mine, from, theirs) => {
      const choice = fc.oneof(
        fc.record(
          { name: fc.constantFrom('breach', 'unacknowledged'), value: risky, text: risky, checked: fc.boolean() },
          { requiredKeys: ['value', 'text'] },
        ),
        fc.constant(null),
      );
      const otherChoice = fc.oneof(
        fc.record({ value: risky, text: risky, hint: fc.constant({ text: 'A hint' }) }),
        fc.record({
          value: risky,
          text: risky,
          conditional: fc.constant({ html: '<p>more</p>' }),
          checked: fc.boolean(),
        }),
        fc.record({ value: risky, text: risky, id: fc.constant('own-id'), disabled: fc.constant(true) }),
        fc.record({ divider: fc.constant('or') }),
        fc.record({ value: risky, text: risky, behaviour: fc.constant('exclusive') }),
      );
      const legend = fc.record(
        { text: risky, classes: fc.constantFrom('govuk-fieldset__legend--s', 'app-x') },
        { requiredKeys: ['text'] },
      );
      const plain = fc.record(
        {
          name: fc.constantFrom('show', 'breach'),
          idPrefix: fc.constantFrom('show', 'filter'),
          classes: fc.constantFrom('govuk-radios--small govuk-checkboxes--small', 'app-x'),
          fieldset: fc.record({ legend }),
          items: fc.array(choice, { maxLength: 4 }),
        },
        { requiredKeys: ['name', 'fieldset', 'items'] },
      );
      const other = fc.oneof(
        plain.map((p) => ({ ...p, errorMessage: { text: 'Choose one' } })),
        plain.map((p) => ({ ...p, hint: { text: 'A hint' }, value: 'everyone', values: ['true'] })),
        fc.tuple(plain, otherChoice).map(([p, c]) => ({ ...p, items: [...p.items, c] })),
      );
      expectSameMarkup(mine, from, theirs, fc.oneof(plain, other));
    },
  );

  it('writes the alert page’s cards out itself rather than handing them to GOV.UK (what makes it cheap)', () => {
    const card = {
      card: { title: { text: 'Step 1', headingLevel: 3 }, classes: 'app-ladder-card' },
      rows: [{ key: { text: 'Status' }, value: { html: '<strong class="govuk-tag">Open</strong>' } }],
    };
    const out = render('macros/components.njk', 'appSummaryList', card);
    expect(out).toBe(render('macros/components.njk', 'appSummaryList', card));
    // GOV.UK's own output is full of blank lines from its loops; the written-out one has none.
    expect(out).not.toMatch(/\n\s*\n/);
    expect(render('govuk/components/summary-list/macro.njk', 'govukSummaryList', card)).toMatch(/\n\s*\n/);
  });
});
