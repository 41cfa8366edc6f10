import fc from 'fast-check';
import nunjucks from 'nunjucks';
import {
  escapeHtml,
  frameSet,
  nunjucksOriginals,
  speedUpNunjucks,
  trimFilter,
  ViewLoader,
  type NunjucksFrame,
} from './view-engine';

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

describe('Nunjucks’ runtime as the pages run it', () => {
  const FrameClass = (
    nunjucks.runtime as unknown as { Frame: new (parent?: NunjucksFrame, isolate?: boolean) => NunjucksFrame }
  ).Frame;

  it('holds Nunjucks’ own functions as the reference, not the faster ones', () => {
    expect(nunjucksOriginals.frameSet).not.toBe(frameSet);
    expect(nunjucksOriginals.escape).not.toBe(escapeHtml);
  });

  /** Three nested frames (the middle one isolating writes or not) after a run of sets by one `set` or the other, and each set's outcome. */
  function framesAfter(set: typeof frameSet, isolate: boolean, ops: [number, string, number, boolean][]) {
    const top = new FrameClass();
    const middle = new FrameClass(top, isolate);
    const inner = new FrameClass(middle);
    const frames = [top, middle, inner];
    for (const f of frames) f.set = set;
    const outcomes = ops.map(([at, name, value, resolveUp]) => {
      try {
        frames[at].set(name, value, resolveUp);
        return 'set';
      } catch (e) {
        return (e as Error).constructor.name; // setting `a.b` where `a` holds a number throws, in both
      }
    });
    return { outcomes, frames: frames.map((f) => JSON.stringify(f.variables)) };
  }

  it('sets variables exactly as Nunjucks’ own Frame.set: dotted names, resolving up, isolated frames', () => {
    const name = fc.constantFrom('loop', 'loop.index', 'loop.first', 'item', 'params', 'a.b.c', 'a.b', 'a', 'caller');
    const op = fc.tuple(fc.integer({ min: 0, max: 2 }), name, fc.integer(), fc.boolean());
    fc.assert(
      fc.property(fc.boolean(), fc.array(op, { maxLength: 30 }), (isolate, ops) => {
        expect(framesAfter(frameSet, isolate, ops)).toEqual(framesAfter(nunjucksOriginals.frameSet, isolate, ops));
      }),
    );
  });

  it('escapes exactly as Nunjucks’ own autoescape, for text with and without markup', () => {
    const text = fc
      .array(fc.oneof(fc.constantFrom('&', '"', "'", '<', '>', '\\', '&amp;', 'é'), fc.string({ maxLength: 4 })), {
        maxLength: 20,
      })
      .map((parts) => parts.join(''));
    fc.assert(fc.property(text, (s) => expect(escapeHtml(s)).toBe(nunjucksOriginals.escape(s))));
    expect(escapeHtml('B&B, Sandbach <2>')).toBe('B&amp;B, Sandbach &lt;2&gt;');
  });

  it('renders a page’s loops, macros and autoescaping the same once the faster functions are in place', () => {
    const template = `{% macro tag(p) %}<strong class="{{ p.classes }}">{{ p.text }}</strong>{% endmacro %}
{% set total = 0 %}{% for x in items %}{{ loop.index }}/{{ loop.length }}{% if loop.first %}^{% endif %}{{ tag({ text: x, classes: "c" + loop.index0 }) }}{% set total = total + 1 %}{% endfor %}{{ total }}`;
    const render = () =>
      new nunjucks.Environment(null, { autoescape: true }).renderString(template, { items: ['a&b', '<i>', 'plain'] });
    const before = render();
    speedUpNunjucks();
    expect(render()).toBe(before);
    expect(before).toContain('1/3^<strong class="c0">a&amp;b</strong>2/3<strong class="c1">&lt;i&gt;</strong>');
  });
});
