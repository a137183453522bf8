// The document around an HTML report: one file with its stylesheet and script inline, and a content security
// policy that admits only those two, so the page cannot fetch anything or run anything else.
import { createHash } from 'node:crypto';
import { html, render, trusted, type Content } from './markup.js';
import { STYLESHEET } from './style.js';
import { patternDefinitions } from './svg.js';

function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** `default-src 'none'`, with the page's own stylesheet and script admitted by their hashes. */
export function contentSecurityPolicy(script: string, stylesheet: string = STYLESHEET): string {
  return [
    "default-src 'none'",
    `style-src ${sha256Source(stylesheet)}`,
    `script-src ${script === '' ? "'none'" : sha256Source(script)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * A whole HTML document: `title` in the tab, `body` as the page, `script` (a constant of the code) run at its end,
 * `style` (a constant too) after the shared stylesheet.
 */
export function htmlPage(page: { title: string; body: Content; script: string; style?: string }): string {
  const stylesheet = STYLESHEET + (page.style ?? '');
  const script = page.script === '' ? '' : html`<script>${trusted(page.script)}</script>`;
  return `<!DOCTYPE html>\n${render(html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(page.script, stylesheet)}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="controlproof">
<title>${page.title}</title>
<style>${trusted(stylesheet)}</style>
</head>
<body>
${patternDefinitions()}
${page.body}
${script}
</body>
</html>`)}\n`;
}
