import { describe, expect, it } from 'vitest';
import { attr, html } from '../../src/web/static/html.js';

// Called through another name so the formatter leaves these templates byte for byte.
const markup = html;

describe('HTML built from API data', () => {
  it('escapes every interpolated value so an offer name cannot inject markup', () => {
    const name = '<img src=x onerror=alert(1)> "Job & Co"';
    expect(markup`<td title="${name}">${name}</td>`.toString()).toBe(
      '<td title="&lt;img src=x onerror=alert(1)&gt; &quot;Job &amp; Co&quot;">&lt;img src=x onerror=alert(1)&gt; &quot;Job &amp; Co&quot;</td>',
    );
  });

  it('nests safe fragments and lists without escaping them twice', () => {
    const items = ['a&b', 'c'].map((item) => markup`<li>${item}</li>`);
    expect(markup`<ul>${items}</ul>`.toString()).toBe('<ul><li>a&amp;b</li><li>c</li></ul>');
  });

  it('leaves out empty values and absent attributes', () => {
    expect(markup`<p>${null}${undefined}${false}</p>`.toString()).toBe('<p></p>');
    expect(markup`<th${attr('aria-sort', undefined)}>`.toString()).toBe('<th>');
    expect(markup`<th${attr('aria-sort', 'descending')}>`.toString()).toBe('<th aria-sort="descending">');
  });
});
