import fc from 'fast-check';
import nunjucks from 'nunjucks';
import { trimFilter, ViewLoader } from './view-engine';

/** Nunjucks' own `trim`, as every GOV.UK component was written against. */
const nunjucksTrim = new nunjucks.Environment().getFilter('trim') as (s: unknown) => unknown;
const WHITESPACE = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2028', '\u3000', '\ufeff'];

describe('the trim filter the pages render with', () => {
  it('answers exactly what Nunjucks’ own trim answers, for any mix of whitespace and text', () => {
    const text = fc
      .array(fc.oneof(fc.constantFrom(...WHITESPACE), fc.string({ maxLength: 3 })), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (s) => {
        expect(trimFilter(s)).toBe(nunjucksTrim(s));
      }),
    );
  });

  it('keeps markup marked safe safe, and plain text plain (so autoescaping is unchanged)', () => {
    const safe = trimFilter(new nunjucks.runtime.SafeString('\n   <p>x</p>\n  '));
    expect(safe).toBeInstanceOf(nunjucks.runtime.SafeString);
    expect(String(safe)).toBe('<p>x</p>');
    expect(trimFilter('  <p>x</p> ')).toBe('<p>x</p>');
    const env = new nunjucks.Environment(null, { autoescape: true });
    env.addFilter('trim', trimFilter);
    expect(
      env.renderString('{{ a | trim }}|{{ b | trim }}', { a: ' <b> ', b: new nunjucks.runtime.SafeString(' <b> ') }),
    ).toBe('&lt;b&gt;|<b>');
  });

  it('trims a long indented block (GOV.UK’s date input inside its fieldset) to the same text', () => {
    const block = `\n${Array.from({ length: 50 }, (_, i) => `${' '.repeat(1000)}<div>${i}</div>\n`).join('')}${' '.repeat(2000)}`;
    expect(trimFilter(block)).toBe(block.replace(/^\s*|\s*$/g, ''));
  });
});

describe('the view loader', () => {
  it('resolves a name relative to the asking template as Nunjucks’ own loader does, each answer kept', () => {
    const loader = new ViewLoader([]);
    const plain = new nunjucks.FileSystemLoader([]);
    const from = '/views/govuk/components/tag/macro.njk';
    for (const to of ['./template.njk', '../../macros/attributes.njk', '../fieldset/macro.njk']) {
      expect(loader.resolve(from, to)).toBe(plain.resolve(from, to));
      expect(loader.resolve(from, to)).toBe(plain.resolve(from, to));
    }
    expect(loader.resolve('/views/a/b.njk', './template.njk')).toBe('/views/a/template.njk');
    expect(loader.resolve(from, './template.njk')).toBe('/views/govuk/components/tag/template.njk');
  });
});
