// 「わたしの 手続き」: the small script the page loads. It shows the start button and, only when the questions
// start (the button, or an address that already holds answers: "#s…"), loads what they need: the rules
// (flow.json) and flow.js (issue #23: the first visit stays under 20 KB; the two were 14 KB of it). flow.js reads the rules from a JSON script element, as it did when
// the page carried them, and draws the screen the address names.
(function () {
  "use strict";
  var app = document.querySelector("[data-flow]");
  var start = document.querySelector("[data-flow-start]");
  if (!app || !start || !window.fetch) return;
  var failed = document.querySelector("[data-flow-failed]");
  var state = "idle";
  start.hidden = false;
  document.querySelector("[data-flow-nojs]").hidden = true;

  function rules() {
    return fetch(app.getAttribute("data-flow-src")).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    });
  }

  function load(answering) {
    if (state === "loading") return;
    if (state === "ready") { if (answering) window.location.hash = "#s"; return; }
    state = "loading";
    failed.hidden = true;
    rules().then(function (text) {
      var data = document.createElement("script");
      data.type = "application/json";
      data.id = "flow-data";
      data.textContent = text;
      document.body.appendChild(data);
      var script = document.createElement("script");
      script.src = app.getAttribute("data-flow-script");
      script.onload = function () {
        state = "ready";
        // flow.js draws the screen on "hashchange", with the focus on its heading.
        if (answering) window.location.hash = "#s";
      };
      script.onerror = fail;
      document.body.appendChild(script);
    }).catch(fail);
  }

  function fail() {
    state = "idle";
    failed.hidden = false;
  }

  start.querySelector("button").addEventListener("click", function () { load(true); });
  if (/^#s(&|$)/.test(window.location.hash)) load(false);
  else window.addEventListener("hashchange", function () { if (/^#s(&|$)/.test(window.location.hash)) load(false); });
})();
