/**
 * @module
 * A browsable API reference rendered in the page from `/api/v1/openapi.json`. Self-contained (no CDN), so
 * it works on closed networks such as a province's data centre.
 */
export const REFERENCE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Press Liaison API reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#f6f7f9}
header{background:#8b1a1a;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}
main{max-width:1000px;margin:0 auto;padding:16px 24px}
details{background:#fff;border:1px solid #d9dce1;border-radius:6px;margin:8px 0}
summary{cursor:pointer;padding:10px 14px;font-family:ui-monospace,monospace}
.m{display:inline-block;min-width:56px;font-weight:700;text-transform:uppercase}
.get{color:#1f6f43}.post{color:#8a5300}.put{color:#1f4f8a}.delete{color:#8b1a1a}
pre{background:#f1f3f5;padding:10px;overflow:auto;margin:0 14px 14px;border-radius:4px;font-size:13px}
p.d{margin:0 14px 8px}h2{font-size:17px;margin-top:24px}
</style></head><body><header><h1>Press Liaison API <small id="v"></small></h1>
<div>OpenAPI document: <a style="color:#fff" href="openapi.json">openapi.json</a></div></header>
<main id="root" aria-live="polite">Loading…</main>
<script type="module">
const doc = await (await fetch('openapi.json')).json();
document.getElementById('v').textContent = doc.info.version;
const root = document.getElementById('root');
root.textContent = '';
const byTag = new Map();
for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
  const tag = (op.tags && op.tags[0]) || 'Other';
  if (!byTag.has(tag)) byTag.set(tag, []);
  byTag.get(tag).push({ path, method, op });
}
const el = (tag, props = {}, ...children) => { const e = Object.assign(document.createElement(tag), props); e.append(...children); return e; };
for (const [tag, ops] of byTag) {
  root.append(el('h2', {}, tag));
  for (const { path, method, op } of ops) {
    const body = op.requestBody && op.requestBody.content && Object.values(op.requestBody.content)[0];
    root.append(el('details', {},
      el('summary', {}, el('span', { className: 'm ' + method }, method), ' ' + path + ' — ' + (op.summary || '')),
      el('p', { className: 'd' }, op.description || ''),
      ...(op.parameters && op.parameters.length ? [el('pre', {}, 'Parameters\\n' + JSON.stringify(op.parameters, null, 2))] : []),
      ...(body ? [el('pre', {}, 'Request body\\n' + JSON.stringify(body.schema, null, 2))] : []),
      el('pre', {}, 'Responses\\n' + JSON.stringify(op.responses, null, 2)),
    ));
  }
}
</script></body></html>`;
