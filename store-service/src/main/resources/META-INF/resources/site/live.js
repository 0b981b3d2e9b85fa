// Home page, live: new answers from GET /api/stream (SSE; events named by their CloudEvents type,
// data a ZaakUpdate as JSON) are put on top of the list without a reload. Text goes in through
// textContent only, never as HTML. Without JavaScript the page is the same, just not live.
(function () {
  'use strict';
  var list = document.getElementById('nieuwste');
  var status = document.getElementById('live-status');
  if (!list || !window.EventSource) { return; }
  var TYPES = ['nl.kamerstroom.answer.published.v1'];
  var MAX_ITEMS = 50;
  var seen = {};
  var source = new EventSource('/api/stream?type=answer.published');

  function dutchDate(iso) {
    if (!iso) { return 'datum onbekend'; }
    var d = new Date(iso + 'T12:00:00');
    return d.toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text) { e.textContent = text; }
    return e;
  }

  function show(update) {
    // one answer letter may cover several answer events (one per answered question group)
    var key = update.documentId;
    if (seen[key]) { return; }
    seen[key] = true;
    var empty = list.querySelector('.empty');
    if (empty) { empty.remove(); }
    var li = el('li', 'answer new');
    li.dataset.zaak = update.zaakNumber;
    var h3 = el('h3');
    var a = el('a', null, update.subject || update.zaakNumber);
    a.href = '/zaken/' + encodeURIComponent(update.zaakNumber);
    h3.appendChild(a);
    li.appendChild(h3);
    var by = (update.answeredBy || []).join(', ');
    li.appendChild(el('p', 'meta', 'Antwoord op zaak ' + update.zaakNumber + ', ' + dutchDate(update.letterDate)
      + (by ? ', door ' + by : '')));
    if (update.text) {
      li.appendChild(el('p', null, update.text.length > 300 ? update.text.slice(0, 300) + ' …' : update.text));
    }
    list.insertBefore(li, list.firstChild);
    while (list.children.length > MAX_ITEMS) { list.removeChild(list.lastChild); }
    status.textContent = 'Nieuw antwoord op zaak ' + update.zaakNumber + '.';
  }

  source.onopen = function () {
    document.body.dataset.live = 'open';
    status.textContent = 'Live: nieuwe antwoorden verschijnen hier vanzelf.';
  };
  source.onerror = function () {
    document.body.dataset.live = 'reconnecting';
  };
  TYPES.forEach(function (type) {
    source.addEventListener(type, function (event) {
      try { show(JSON.parse(event.data)); } catch (e) { /* a malformed event is skipped, the stream goes on */ }
    });
  });
})();
