import { createHash } from 'node:crypto';
import { NODE_PALETTE } from '../specs/common.ts';

/** `'sha256-…'` CSP source for an inline <style> or <script> body (exact bytes). */
export function cspHash(body: string): string {
  return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

const palette = NODE_PALETTE.map((c, i) => `.c${i}{background:${c}}`).join('');

/** The page's only stylesheet. System fonts, laptop-first, print-friendly. */
export const STYLE = `
:root{--fg:#1b1b1b;--muted:#5a5a5a;--line:#dcdcdc;--soft:#f5f5f4;--err:#b3261e;--warn:#8a5a00;--info:#285a8c;--ok:#1e6b3a;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff;line-height:1.45}
body{margin:0}
main,header.top,nav.toc,footer{max-width:1180px;margin:0 auto;padding:0 24px}
header.top{padding-top:20px;padding-bottom:8px;border-bottom:1px solid var(--line)}
h1{font-size:1.55rem;margin:.2rem 0 .6rem}
h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-bottom:.25rem;border-bottom:2px solid var(--fg)}
h3{font-size:1.05rem;margin:1.6rem 0 .5rem}
code,.mono,td.t,td.src{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.86em}
a{color:#0b57a4}
.verdict{display:inline-block;font-weight:700;letter-spacing:.04em;padding:.2rem .7rem;border-radius:4px;color:#fff;margin-right:.6rem}
.verdict.fail{background:var(--err)}.verdict.pass{background:var(--ok)}
.meta{color:var(--muted);font-size:.92rem;margin:.3rem 0}
nav.toc{font-size:.92rem;padding-top:8px;padding-bottom:8px}
nav.toc a{margin-right:1rem}
.story{font-size:1.04rem;max-width:78ch;background:var(--soft);border-left:4px solid var(--fg);padding:.6rem 1rem;margin:.6rem 0}
.story p{margin:.35rem 0}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.4rem 0 1rem}
th,td{text-align:left;vertical-align:top;padding:.28rem .5rem;border-bottom:1px solid var(--line)}
th{background:var(--soft);font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
caption{text-align:left;font-weight:600;font-size:.92rem;padding:.2rem 0;color:var(--muted)}
time,td.slots{white-space:nowrap}
td.who{white-space:nowrap;font-size:.88em}
.sw{display:inline-block;width:.75em;height:.75em;border-radius:2px;margin-right:.35em;vertical-align:baseline;border:1px solid rgba(0,0,0,.25)}
.sw.none{background:#fff}
${palette}
ul.findings{list-style:none;padding:0;margin:.3rem 0 1rem}
ul.findings li{border:1px solid var(--line);border-left-width:5px;border-radius:4px;padding:.45rem .7rem;margin:.4rem 0}
ul.findings li.error{border-left-color:var(--err)}ul.findings li.warning{border-left-color:#e69f00}ul.findings li.info{border-left-color:#56b4e9}
.sev{font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.05em;margin-right:.4rem}
.sev.error{color:var(--err)}.sev.warning{color:var(--warn)}.sev.info{color:var(--info)}
.rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.82rem;color:var(--muted)}
.ev{font-size:.85rem;color:var(--muted);margin-top:.2rem}
.ev a,.ev span.src{margin-right:.6rem}
figure.chart{margin:1.2rem 0 1.8rem;padding:0;break-inside:avoid;page-break-inside:avoid;overflow-x:auto}
figure.chart svg{max-width:100%;height:auto;display:block}
.scroll{overflow-x:auto;max-width:100%}
figure.chart figcaption{font-size:.85rem;color:var(--muted);margin-top:.3rem}
.empty{color:var(--muted);font-style:italic}
details{margin:.4rem 0}
summary{cursor:pointer;color:var(--muted)}
form.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:center;background:var(--soft);padding:.5rem .7rem;border-radius:4px;position:sticky;top:0;z-index:1}
form.filters label{font-size:.88rem}
form.filters select,form.filters input{font:inherit;font-size:.88rem;margin-left:.3rem;max-width:22rem}
#timeline-count{font-size:.88rem;color:var(--muted)}
table.timeline td{padding:.18rem .45rem}
table.timeline td.t,table.timeline td.src{white-space:nowrap}
table.timeline td.src{font-size:.8em}
table.timeline td.msg{word-break:break-word;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.82em}
table.timeline td.kind{white-space:nowrap;font-size:.85em}
table.timeline tr:target{background:#fff3c4}
table.timeline tr.key td.kind{font-weight:600}
.note{font-size:.88rem;color:var(--muted)}
footer{color:var(--muted);font-size:.82rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid var(--line);margin-top:2rem}
@media (max-width:760px){
 main,header.top,nav.toc,footer{padding:0 10px}
 figure.chart svg{max-width:none;width:auto}
 figure.chart figcaption::before{content:"Scroll sideways for the whole chart. "}
 h1{font-size:1.25rem}
 .story{padding:.5rem .7rem;font-size:1rem}
 nav.toc a{display:inline-block;margin:.15rem .8rem .15rem 0}
 form.filters{position:static}
 form.filters select,form.filters input{max-width:100%}
}
@media print{
 :root{font-size:10.5pt}
 nav.toc,form.filters,a.download{display:none!important}
 main,header.top,footer{max-width:none;padding:0}
 h2{break-after:avoid;page-break-after:avoid}
 table.timeline{font-size:8pt}
 .scroll,figure.chart{overflow:visible}
 tr,li{break-inside:avoid;page-break-inside:avoid}
 a{color:inherit;text-decoration:none}
 .story{background:none}
}
`.trim();

/**
 * Timeline filters (node, kind, text). Progressive: without it the whole table shows and the form
 * stays hidden. Hashed into the CSP; no inline handlers anywhere.
 */
export const FILTER_SCRIPT = `
(function(){
var table=document.getElementById('timeline-table'),form=document.getElementById('timeline-filters');
if(!table||!form||!table.tBodies[0])return;
var node=form.elements.namedItem('node'),kind=form.elements.namedItem('kind'),text=form.elements.namedItem('q'),count=document.getElementById('timeline-count');
var rows=Array.prototype.slice.call(table.tBodies[0].rows);
function apply(){
var n=node.value,k=kind.value,q=text.value.trim().toLowerCase(),shown=0;
for(var i=0;i<rows.length;i++){var r=rows[i],d=r.getAttribute('data-kind')||'';
var ok=(!n||r.getAttribute('data-node')===n)&&(!k||(k.slice(-2)==='.*'?d.indexOf(k.slice(0,-1))===0:d===k))&&(!q||r.textContent.toLowerCase().indexOf(q)>=0);
r.hidden=!ok;if(ok)shown++;}
count.textContent=shown+' of '+rows.length+' events shown';
}
function reveal(){var id=location.hash.slice(1),r=id?document.getElementById(id):null;if(r&&r.hidden){form.reset();apply();r.scrollIntoView();}}
form.addEventListener('input',apply);form.addEventListener('change',apply);
form.addEventListener('submit',function(e){e.preventDefault();});
form.addEventListener('reset',function(){setTimeout(apply,0);});
window.addEventListener('hashchange',reveal);
form.hidden=false;apply();reveal();
})();
`.trim();

/** The page's Content-Security-Policy: nothing loads, only our own style and script run. */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    'img-src data:',
    `style-src ${cspHash(STYLE)}`,
    `script-src ${cspHash(FILTER_SCRIPT)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
