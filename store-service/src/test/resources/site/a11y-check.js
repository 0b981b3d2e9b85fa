// A small accessibility check run in the page by SiteBrowserTest: the WCAG basics a reviewer would
// check by hand. Returns a list of problems, empty when the page passes.
var problems = [];
function describe(e) {
  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '');
}
if (document.documentElement.getAttribute('lang') !== 'nl') {
  problems.push('html has lang="' + document.documentElement.getAttribute('lang') + '", not "nl"');
}
if (!document.title || !document.title.trim()) { problems.push('the page has no title'); }
var h1s = document.querySelectorAll('h1');
if (h1s.length !== 1) { problems.push('the page has ' + h1s.length + ' h1 elements, not 1'); }
document.querySelectorAll('img').forEach(function (img) {
  if (!img.hasAttribute('alt')) { problems.push('image without alt: ' + img.src); }
});
document.querySelectorAll('svg').forEach(function (svg) {
  var named = svg.getAttribute('aria-label') || svg.getAttribute('aria-labelledby') || svg.querySelector('title');
  if (svg.getAttribute('aria-hidden') !== 'true' && !named) { problems.push('svg without a name: ' + describe(svg)); }
});
document.querySelectorAll('input, select, textarea').forEach(function (c) {
  if (c.type === 'hidden' || c.type === 'submit' || c.type === 'button') { return; }
  var labelled = (c.id && document.querySelector('label[for="' + c.id + '"]')) || c.closest('label')
    || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby');
  if (!labelled) { problems.push('form control without a label: ' + describe(c)); }
});
document.querySelectorAll('progress, meter').forEach(function (c) {
  var labelled = (c.id && document.querySelector('label[for="' + c.id + '"]')) || c.closest('label')
    || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby');
  if (!labelled) { problems.push('progress bar without a label: ' + describe(c)); }
});
document.querySelectorAll('button').forEach(function (b) {
  if (!b.textContent.trim() && !b.getAttribute('aria-label')) { problems.push('button without text: ' + describe(b)); }
});
document.querySelectorAll('a').forEach(function (a) {
  if (!a.hasAttribute('href')) { problems.push('link without href: ' + describe(a)); }
  var text = (a.textContent || '').trim() || a.getAttribute('aria-label') || (a.querySelector('img[alt]') || {}).alt;
  if (!text) { problems.push('link without text: ' + a.getAttribute('href')); }
});
var last = 0;
document.querySelectorAll('h1, h2, h3, h4, h5, h6').forEach(function (h) {
  var level = Number(h.tagName.substring(1));
  if (last && level > last + 1) { problems.push('heading skips a level: h' + last + ' then ' + describe(h) + ' "' + h.textContent.trim() + '"'); }
  last = level;
});
var ids = {};
document.querySelectorAll('[id]').forEach(function (e) {
  if (ids[e.id]) { problems.push('duplicate id: ' + e.id); }
  ids[e.id] = true;
});
document.querySelectorAll('table').forEach(function (t) {
  if (!t.querySelector('th')) { problems.push('table without header cells: ' + describe(t)); }
});
if (!document.querySelector('main')) { problems.push('the page has no main landmark'); }
// text contrast: computed colour against the nearest opaque background, WCAG AA (4.5:1)
function rgb(s) { var m = s.match(/rgba?\(([^)]+)\)/); if (!m) { return null; } var p = m[1].split(',').map(Number); return p; }
function lum(c) { var a = c.slice(0, 3).map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2]; }
function background(e) {
  for (; e && e.nodeType === 1; e = e.parentElement) {
    var c = rgb(getComputedStyle(e).backgroundColor);
    if (c && (c.length < 4 || c[3] > 0.9)) { return c; }
  }
  return [255, 255, 255];
}
document.querySelectorAll('p, li, a, dt, dd, td, th, h1, h2, h3, label, span, strong, button, time, legend, caption').forEach(function (e) {
  if (!e.textContent.trim() || e.offsetParent === null) { return; }
  var fg = rgb(getComputedStyle(e).color); var bg = background(e);
  if (!fg) { return; }
  var l1 = lum(fg), l2 = lum(bg);
  var ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
  if (ratio < 4.5) { problems.push('contrast ' + ratio.toFixed(2) + ':1 below 4.5:1 on ' + describe(e) + ' "' + e.textContent.trim().slice(0, 40) + '"'); }
});
return problems;
