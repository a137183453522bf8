// The one script of the HTML report: a search over the findings. The page reads the same without it; it shows the
// search box, hides the findings rows that do not hold every word typed, and the controls left without a row.

export const FINDING_FILTER_SCRIPT = `
(function () {
  var box = document.getElementById('finding-filter');
  var input = document.getElementById('finding-search');
  var count = document.getElementById('finding-count');
  if (!box || !input || !count) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.finding'));
  var controls = Array.prototype.slice.call(document.querySelectorAll('#controls article.control'));
  var sections = Array.prototype.slice.call(document.querySelectorAll('#controls section'));
  var findings = function (n) { return n + (n === 1 ? ' finding' : ' findings'); };
  function apply() {
    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var match = words.every(function (word) { return text.indexOf(word) >= 0; });
      row.hidden = !match;
      if (match) shown += 1;
    });
    controls.forEach(function (control) { control.hidden = words.length > 0 && !control.querySelector('tr.finding:not([hidden])'); });
    sections.forEach(function (section) { section.hidden = words.length > 0 && !section.querySelector('article.control:not([hidden])'); });
    count.textContent = words.length === 0 ? findings(rows.length) : shown + ' of ' + findings(rows.length) + ' shown';
  }
  box.hidden = false;
  input.addEventListener('input', apply);
  apply();
})();
`;
