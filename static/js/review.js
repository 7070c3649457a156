// Editors' workspace: keyboard shortcuts for the review queue and span selection for
// "tag a span". Loaded as a file (the CSP forbids inline scripts); htmx does the requests.
(function () {
  "use strict";

  // ---- Review queue -------------------------------------------------------------------
  var ROW = "[data-review-row]";
  var currentId = null; // id of the row the keyboard acts on
  var advanceFrom = null; // after confirm/reject, move on once the row is back

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll(ROW));
  }

  function currentRow() {
    return currentId ? document.getElementById(currentId) : null;
  }

  function focusRow(row) {
    if (!row) return;
    rows().forEach(function (r) { r.classList.remove("is-current"); });
    row.classList.add("is-current");
    currentId = row.id;
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var all = rows();
    if (!all.length) return;
    var index = all.indexOf(currentRow());
    var next = index === -1 ? all[0] : all[Math.min(Math.max(index + step, 0), all.length - 1)];
    focusRow(next);
  }

  function press(row, key) {
    var button = row && row.querySelector('[data-shortcut="' + key + '"]');
    if (!button) return false;
    button.click();
    return true;
  }

  function isTyping(target) {
    if (!target || !target.closest) return false;
    return Boolean(target.closest("input, textarea, select, [contenteditable=true]"));
  }

  var help = document.getElementById("review-help");

  function toggleHelp() {
    if (!help) return;
    if (help.open) {
      help.close();
    } else {
      help.showModal();
    }
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-help-open]")) toggleHelp();
    if (event.target.closest("[data-help-close]") && help) help.close();
  });

  if (help) {
    help.addEventListener("close", function () {
      var row = currentRow();
      if (row) row.focus({ preventScroll: true });
    });
  }

  // A click or tab into a row makes it the current one.
  document.addEventListener("focusin", function (event) {
    var row = event.target.closest && event.target.closest(ROW);
    if (row && row.id !== currentId) {
      rows().forEach(function (r) { r.classList.remove("is-current"); });
      row.classList.add("is-current");
      currentId = row.id;
    }
  });

  document.addEventListener("keydown", function (event) {
    if (!document.querySelector("[data-review-list]")) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var key = event.key;
    if (help && help.open) {
      if (key === "?") {
        event.preventDefault();
        help.close();
      }
      return; // Escape closes the dialog natively
    }
    var row = currentRow();
    // Escape inside a row's editor leaves it (the "Done" button), keeping the row focused.
    if (key === "Escape" && row && row.contains(event.target)) {
      if (press(row, "Escape")) event.preventDefault();
      return;
    }
    if (isTyping(event.target)) return;
    if (key === "?") {
      event.preventDefault();
      toggleHelp();
      return;
    }
    if (key === "j" || key === "k") {
      event.preventDefault();
      move(key === "j" ? 1 : -1);
      return;
    }
    if (key.length !== 1 || "crsonude".indexOf(key) === -1) return;
    if (!row) {
      move(1); // no row chosen yet: act on the first one
      row = currentRow();
      if (!row) return;
    }
    if (press(row, key)) {
      event.preventDefault();
      if (key === "c" || key === "r") advanceFrom = row.id;
    }
  });

  // Start on the first row so the keyboard works straight away.
  if (document.querySelector("[data-review-list]")) {
    var first = document.querySelector(ROW);
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    focusRow(target && target.matches(ROW) ? target : first);
  }

  // htmx swaps a row's outerHTML: find the new element, give it focus back, and move on
  // after a confirm or reject; open editors focus their first field.
  document.addEventListener("htmx:load", function (event) {
    var el = event.detail && event.detail.elt;
    if (!el || !el.matches || !el.matches(ROW)) return;
    if (el.id !== currentId) return;
    el.classList.add("is-current");
    if (advanceFrom === el.id) {
      advanceFrom = null;
      if (!el.querySelector(".error")) {
        var all = rows();
        var next = all[all.indexOf(el) + 1];
        if (next) {
          focusRow(next);
          return;
        }
      }
    }
    var field = el.querySelector("[data-autofocus]");
    if (field) {
      field.focus();
    } else {
      el.focus({ preventScroll: true });
    }
  });

  // New results (filters, paging): start again at the top.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail && event.detail.target && event.detail.target.id === "queue-results") {
      currentId = null;
      // Paging with the keyboard: carry on at the first row of the new page.
      var source = event.detail.requestConfig && event.detail.requestConfig.elt;
      if (source && source.matches && source.matches("[data-page-next], [data-page-prev]")) {
        focusRow(document.querySelector(ROW));
      }
    }
  });

  // ---- Tag a span ---------------------------------------------------------------------
  var source = document.querySelector("[data-span-source]");
  var form = document.querySelector("[data-tag-form]");
  if (!source || !form) return;

  var startInput = form.querySelector("[name=start]");
  var endInput = form.querySelector("[name=end]");
  var quoteInput = form.querySelector("[name=quote]");
  var preview = form.querySelector("[data-span-preview]");
  // The exact text, as stored: the page's text has its line breaks normalised by the HTML
  // parser (\r\n becomes \n), so selection offsets are mapped back onto this.
  var exact = document.getElementById("span-source-text");
  var text = exact ? JSON.parse(exact.textContent) : source.textContent;
  var domToText = [];
  (function () {
    var i = 0;
    while (i < text.length) {
      domToText.push(i);
      i += text.charAt(i) === "\r" && text.charAt(i + 1) === "\n" ? 2 : 1;
    }
    domToText.push(text.length);
  })();

  // The server counts characters (code points); JavaScript counts UTF-16 units.
  function toCodePoints(unitOffset) {
    return Array.from(text.slice(0, unitOffset)).length;
  }

  function toUnits(pointOffset) {
    return Array.from(text).slice(0, pointOffset).join("").length;
  }

  function unitOffset(node, offset) {
    var range = document.createRange();
    range.selectNodeContents(source);
    range.setEnd(node, offset);
    var domOffset = range.toString().length;
    return domToText[Math.min(domOffset, domToText.length - 1)];
  }

  function show(startUnits, endUnits) {
    var quote = text.slice(startUnits, endUnits);
    quoteInput.value = quote;
    preview.textContent = quote || "Nothing selected yet.";
  }

  document.addEventListener("selectionchange", function () {
    var selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    if (!source.contains(range.startContainer) || !source.contains(range.endContainer)) return;
    var start = unitOffset(range.startContainer, range.startOffset);
    var end = unitOffset(range.endContainer, range.endOffset);
    // Leave out white space picked up at either edge.
    while (start < end && /\s/.test(text.charAt(start))) start += 1;
    while (end > start && /\s/.test(text.charAt(end - 1))) end -= 1;
    if (end <= start) return;
    startInput.value = toCodePoints(start);
    endInput.value = toCodePoints(end);
    show(start, end);
  });

  // Typed offsets update the preview too.
  function fromInputs() {
    var start = parseInt(startInput.value, 10);
    var end = parseInt(endInput.value, 10);
    if (isNaN(start) || isNaN(end) || end <= start) return;
    show(toUnits(start), toUnits(end));
  }
  startInput.addEventListener("input", fromInputs);
  endInput.addEventListener("input", fromInputs);
})();
