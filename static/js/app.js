// Small behaviours shared by every page. No inline scripts: the CSP forbids them.
(function () {
  "use strict";
  // Pages mark themselves loaded once; browser tests check the marker survives htmx swaps.
  window.stanceTrackerLoadedAt = window.stanceTrackerLoadedAt || Date.now();
})();
