import { describe, expect, it } from 'vitest';
import { escapeHtml, html, render, trusted } from '../../../src/formatters/html/markup.js';

describe('html templates', () => {
  it('escape the five characters that can end text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('escape every interpolated string, keep markup they built, join lists and drop false, null and undefined', () => {
    const cell = html`<td title="${'" onmouseover="x'}">${'<b>'}</td>`;
    expect(render(html`<tr>${[cell, 3, false, null, undefined, 'a&b']}</tr>`)).toBe('<tr><td title="&quot; onmouseover=&quot;x">&lt;b&gt;</td>3a&amp;b</tr>');
  });

  it('take constants of the code as they are only through trusted', () => {
    expect(render(html`${trusted('<style>p{}</style>')}${'<style>'}`)).toBe('<style>p{}</style>&lt;style&gt;');
  });
});
