/* The live room refreshes itself: every 10 s it asks room.json with If-None-Match; a 304
   costs a few bytes, a 200 updates the cells and the help/stuck flags in place. On an error
   it waits longer each time (up to 2 minutes) and says so; while the tab is hidden it waits.
   Without this script the page is the same after a reload. No names travel in the poll. */
(function () {
  "use strict";
  var table = document.getElementById("room");
  if (!table || !window.fetch) { return; }
  var BASE = 10000, MAX = 120000;
  var delay = BASE, version = table.getAttribute("data-version");
  var labels = JSON.parse(table.getAttribute("data-labels"));
  var status = document.getElementById("room-status");

  function cellsOf(text) {
    var found = [], re = /([nipfP])(\d*)/g, m;
    while ((m = re.exec(text)) !== null) {
      found.push(m[1] === "P" ? ["p", "100"] : [m[1], m[2]]);  // P: passed at 100 %
    }
    return found;
  }

  function setCell(td, cell) {
    td.className = "c c-" + cell[0];
    td.querySelector(".sym").textContent = labels.y[cell[0]];
    td.querySelector(".score").textContent = cell[1] === "" ? "" : cell[1] + "%";
    td.querySelector(".word").textContent = labels.s[cell[0]];
  }

  function setFlag(tr, kind, shown, seen, episode) {
    var badge = tr.querySelector('[data-flag="' + kind + '"]');
    var form = tr.querySelector('form[data-ack="' + kind + '"]');
    badge.hidden = !shown;
    badge.querySelector(".seen").hidden = !seen;
    form.hidden = !shown || seen;
    if (episode) { form.querySelector('input[name="episode"]').value = episode; }
  }

  function setRow(tr, row) {
    var cells = cellsOf(row[1]), tds = tr.querySelectorAll("td.c");
    for (var i = 0; i < tds.length && i < cells.length; i++) { setCell(tds[i], cells[i]); }
    var help = row[2], stuck = row[3], at = stuck.indexOf("@");
    var reasons = at < 0 ? stuck : stuck.slice(0, at);
    var stuckSeen = reasons !== "" && reasons === reasons.toUpperCase();
    setFlag(tr, "help", help !== 0, help === -1, help > 0 ? "h" + help : "");
    setFlag(tr, "stuck", reasons !== "", stuckSeen, at < 0 ? "" : stuck.slice(at + 1));
    tr.querySelector('[data-flag="stuck"] .reasons').textContent = reasons.toLowerCase()
      .split("").map(function (r) { return labels.r[r]; }).join(", ");
    tr.classList.toggle("needs-help", help > 0);
    tr.classList.toggle("is-stuck", reasons !== "" && !stuckSeen);
    return [help !== 0, reasons !== ""];
  }

  function apply(data) {
    var trs = table.tBodies[0].rows;
    var ids = Array.prototype.map.call(trs, function (tr) { return tr.getAttribute("data-e"); });
    var fresh = data.r.map(function (row) { return String(row[0]); });
    if (ids.join() !== fresh.join()) { window.location.reload(); return; }  // someone joined
    var helped = 0, stuckCount = 0;
    for (var i = 0; i < trs.length; i++) {
      var flags = setRow(trs[i], data.r[i]);
      helped += flags[0] ? 1 : 0;
      stuckCount += flags[1] ? 1 : 0;
    }
    document.getElementById("count-help").textContent = helped;
    document.getElementById("count-stuck").textContent = stuckCount;
    version = data.v;
  }

  function poll() {
    if (document.hidden) { window.setTimeout(poll, delay); return; }
    fetch(table.getAttribute("data-poll"), {
      headers: { "If-None-Match": '"' + version + '"', "Accept": "application/json" },
      credentials: "same-origin",
      cache: "no-store"
    }).then(function (response) {
      if (response.status === 304) { return null; }
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      if (data) { apply(data); }
      delay = BASE;
      status.textContent = "";
      table.setAttribute("data-version", version);
    }).catch(function () {
      delay = Math.min(delay * 2, MAX);
      status.textContent = table.getAttribute("data-offline");
    }).then(function () { window.setTimeout(poll, delay); });
  }

  window.setTimeout(poll, delay);
})();
