// 「わたしの 手続き」: one question per screen, then the resident's own list. Loaded on that page only.
// The rules are data (questions/flow.yml, embedded in the page as JSON); the evaluation below is the same
// algorithm as generator/model/flow.py, and the tests run both on the same scenarios (tests/flow/).
// Shipped minified (generator/site/my_procedures.py: flow_script), so keep it ES5 (calmjs.parse reads ES5).
// Answers live only in the address after "#": nothing is stored or sent anywhere.
(function () {
  "use strict";
  var UNKNOWN = "unknown";

  // --- Evaluation (pure; also run by Node in the tests) ---------------------------------------------------
  var NO = 0, MAYBE = 1, YES = 2;

  function Walk(flow, given) {
    this.flow = flow;
    this.byId = {};
    for (var i = 0; i < flow.questions.length; i++) this.byId[flow.questions[i].id] = flow.questions[i];
    this.answers = {};
    this.asked = [];
    this.current = null;
    for (i = 0; i < flow.questions.length; i++) {
      var q = flow.questions[i];
      if (this.condition(q.when) !== YES) continue;
      this.asked.push(q.id);
      if (!Object.prototype.hasOwnProperty.call(given, q.id)) { this.current = q.id; break; }
      this.answers[q.id] = given[q.id];
    }
  }

  Walk.prototype.value = function (id) {
    if (Object.prototype.hasOwnProperty.call(this.answers, id)) return this.answers[id];
    return this.condition(this.byId[id].when) === MAYBE ? UNKNOWN : null;
  };

  Walk.prototype.matches = function (id, accepted) {
    var value = this.value(id);
    if (value === null) return NO;
    var given = [].concat(value);
    if (given[0] === UNKNOWN) return this.byId[id].unknown_stops ? NO : MAYBE;
    return given.some(function (v) { return accepted.indexOf(v) !== -1; }) ? YES : NO;
  };

  Walk.prototype.condition = function (conditions) {
    if (!conditions || !conditions.length) return YES;
    var self = this, best = NO;
    conditions.forEach(function (condition) {
      var all = YES;
      Object.keys(condition).forEach(function (id) { all = Math.min(all, self.matches(id, condition[id])); });
      best = Math.max(best, all);
    });
    return best;
  };

  Walk.prototype.results = function () {
    var self = this, found = {};
    this.flow.rules.forEach(function (rule) {
      var truth = self.condition(rule.when);
      if (truth === NO) return;
      var result = found[rule.procedure] || (found[rule.procedure] = {procedure: rule.procedure, truth: truth, because: [], only_if: []});
      result.truth = Math.max(result.truth, truth);
      if (rule.deadline && !result.deadline) result.deadline = rule.deadline;
      if (result.because.indexOf(rule.because) === -1) result.because.push(rule.because);
      if (rule.only_if && result.only_if.indexOf(rule.only_if) === -1) result.only_if.push(rule.only_if);
    });
    var order = this.flow.order;
    return Object.keys(found).map(function (id) { return found[id]; })
      .sort(function (a, b) { return order.indexOf(a.procedure) - order.indexOf(b.procedure); });
  };

  // The counter steps (出生届 …) that apply or may apply, in the flow's order.
  Walk.prototype.counters = function () {
    var self = this, order = this.flow.order;
    return (this.flow.counters || []).map(function (c) { return {counter: c, truth: self.condition(c.when)}; })
      .filter(function (r) { return r.truth !== NO; })
      .sort(function (a, b) { return order.indexOf(a.counter.id) - order.indexOf(b.counter.id); });
  };

  Walk.prototype.counterQuestions = function () {
    var asks = [], self = this;
    Object.keys(this.answers).forEach(function (id) {
      var q = self.byId[id], chosen = [].concat(self.answers[id]);
      if (chosen.indexOf(UNKNOWN) !== -1) asks.push(q.ask);
      (q.options || []).forEach(function (o) { if (o.ask && chosen.indexOf(o.value) !== -1) asks.push(o.ask); });
    });
    return asks.filter(function (a, i) { return asks.indexOf(a) === i; });
  };

  Walk.prototype.dates = function () {
    var found = {}, self = this;
    Object.keys(this.answers).forEach(function (id) {
      var q = self.byId[id], a = self.answers[id];
      if (q.kind === "date" && a !== UNKNOWN && !found[q.date_of]) found[q.date_of] = a;
    });
    return found;
  };

  function addDays(iso, days) {
    var p = iso.split("-");
    return new Date(Date.UTC(+p[0], +p[1] - 1, +p[2]) + days * 864e5).toISOString().slice(0, 10);
  }

  // The deadline as a date: only for kind fixed with a rule, when the resident gave the date it counts from.
  function computedDeadline(deadline, dates) {
    var rule = deadline.rule;
    if (deadline.kind !== "fixed" || !rule) return null;
    var fact = rule.counts_from.filter(function (f) { return dates[f]; })[0];
    if (!fact) return null;
    var day = dates[fact];
    var due = rule.within_days ? addDays(day, rule.within_days - (rule.from_next_day ? 0 : 1)) : day;
    return {due: due, opens: rule.opens_days_before ? addDays(day, -rule.opens_days_before) : null, fact: fact};
  }

  function validDate(text) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    var year = +text.slice(0, 4);
    return year >= 1990 && year <= 2100 && addDays(text, 0) === text;
  }

  // Answers <-> the address after "#": topic=child&child=born&care-needs=renewal.lost&birth-date=2026-11-20
  function parseHash(flow, hash) {
    var params = new URLSearchParams(hash.replace(/^#/, "")), given = {};
    flow.questions.forEach(function (q) {
      var raw = params.get(q.id);
      if (raw === null) return;
      var values = (q.options || []).map(function (o) { return o.value; }).concat([UNKNOWN]);
      if (q.kind === "date") {
        if (raw === UNKNOWN || validDate(raw)) given[q.id] = raw;
      } else if (q.kind === "many") {
        var chosen = raw.split(".").filter(function (v) { return values.indexOf(v) !== -1; });
        if (chosen.length && (chosen.indexOf(UNKNOWN) === -1 || chosen.length === 1)) given[q.id] = chosen;
      } else if (values.indexOf(raw) !== -1) {
        given[q.id] = raw;
      }
    });
    return given;
  }

  function makeHash(flow, answers) {
    var parts = ["s"];
    flow.questions.forEach(function (q) {
      if (Object.prototype.hasOwnProperty.call(answers, q.id)) parts.push(q.id + "=" + [].concat(answers[q.id]).join("."));
    });
    return "#" + parts.join("&");
  }

  // The deadline a result shows: the situation's own (a rule's deadline), else the procedure's.
  function shownDeadline(result, procedure) { return result.deadline || procedure.deadline; }

  var api = {Walk: Walk, computedDeadline: computedDeadline, shownDeadline: shownDeadline, addDays: addDays, parseHash: parseHash, makeHash: makeHash, UNKNOWN: UNKNOWN};
  if (typeof module === "object" && module.exports) { module.exports = api; return; }

  // --- The page --------------------------------------------------------------------------------------------
  var app = document.querySelector("[data-flow]");
  var source = document.getElementById("flow-data");
  if (!app || !source) return;
  var data = JSON.parse(source.textContent);
  var intro = document.getElementById("flow-intro");
  var siteTitle = document.title;
  // The words come from the page (the edition's string table, flow_script): an entry with its {slots} filled.
  var WORDS = JSON.parse(document.getElementById("flow-words").textContent);
  function say(key, values) {
    return WORDS[key].replace(/\{(\w+)\}/g, function (slot, name) { return values[name]; });
  }
  var WEEK = say("weekdays").split(",");

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (attrs[key] === null || attrs[key] === undefined || attrs[key] === false) return;
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key] === true ? "" : attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); });
    return node;
  }

  function jdate(iso) {
    var p = iso.split("-"), day = new Date(Date.UTC(+p[0], +p[1] - 1, +p[2]));
    return say("date_weekday", {date: say("date", {year: +p[0], month: +p[1], day: +p[2]}), weekday: WEEK[day.getUTCDay()]});
  }

  function optionLabel(q, value) {
    if (value === UNKNOWN) return say("unknown");
    if (q.kind === "date") return jdate(value);
    var option = q.options.filter(function (o) { return o.value === value; })[0];
    return option ? option.label : value;
  }

  function go(answers) { window.location.hash = makeHash(data, answers); }

  function given() { return parseHash(data, window.location.hash); }

  function render(moveFocus) {
    var answers = given();
    var started = /^#s(&|$)/.test(window.location.hash);
    app.textContent = "";
    intro.hidden = started;
    app.hidden = !started;
    if (!started) {
      document.title = siteTitle;
      var top = intro.querySelector("h1");
      top.setAttribute("tabindex", "-1");
      if (moveFocus) top.focus();
      return;
    }
    var walk = new Walk(data, answers);
    var heading = walk.current ? question(walk, data.questions.filter(function (q) { return q.id === walk.current; })[0]) : result(walk);
    if (moveFocus) heading.focus();
  }

  function backButton(walk) {
    var button = el("button", {type: "button", "class": "t-flow__back", text: say("back")});
    button.addEventListener("click", function () {
      var kept = {}, previous = walk.asked.slice(0, -1), last = previous[previous.length - 1];
      previous.slice(0, -1).forEach(function (id) { kept[id] = walk.answers[id]; });
      if (!previous.length) { window.location.hash = ""; return; }
      pending = {id: last, value: walk.answers[last]};
      go(kept);
    });
    return el("p", {}, [button]);
  }

  function question(walk, q) {
    var number = walk.asked.length;
    var title = el("h1", {"class": "t-flow__question", tabindex: "-1", text: q.text});
    document.title = say("title_question", {number: number, question: q.text, site: siteTitle});
    var hintId = "flow-hint", errorId = "flow-error";
    var fieldset = el("fieldset", {"class": "t-flow__fieldset", "aria-describedby": q.hint ? hintId : null}, [
      el("legend", {"class": "t-flow__legend"}, [title]),
      q.hint ? el("p", {"class": "t-flow__hint", id: hintId, text: q.hint}) : null,
    ]);
    var error = el("p", {"class": "t-flow__error", id: errorId, hidden: true});
    fieldset.appendChild(error);
    var summary = el("div", {"class": "t-flow__summary", role: "alert", tabindex: "-1", hidden: true});
    var form = el("form", {"class": "t-flow__form", novalidate: true}, [summary, fieldset]);
    var first;
    if (q.kind === "date") {
      var input = el("input", {type: "date", id: "flow-date", name: q.id, min: "1990-01-01", max: "2100-12-31", "class": "t-flow__date"});
      first = input;
      fieldset.appendChild(el("label", {"for": "flow-date", "class": "t-flow__date-label", text: say("date_label")}));
      fieldset.appendChild(input);
    } else {
      var list = el("div", {"class": "t-flow__options"});
      var multiple = q.kind === "many";
      q.options.concat([{value: UNKNOWN, label: say("unknown"), hint: multiple ? say("unknown_hint") : null}]).forEach(function (o) {
        var id = "flow-" + q.id + "-" + o.value;
        var box = el("input", {type: multiple ? "checkbox" : "radio", id: id, name: q.id, value: o.value, "aria-describedby": o.hint ? id + "-hint" : null});
        if (!first) first = box;
        list.appendChild(el("div", {"class": "t-flow__option" + (o.value === UNKNOWN ? " t-flow__option--unknown" : "")}, [
          box, el("label", {"for": id}, [el("span", {"class": "t-flow__label", text: o.label}), o.hint ? el("span", {"class": "t-flow__option-hint", id: id + "-hint", text: o.hint}) : null]),
        ]));
      });
      fieldset.appendChild(list);
      if (multiple) {
        // 「わからない」 cannot be combined with an answer.
        list.addEventListener("change", function (event) {
          var boxes = list.querySelectorAll("input");
          Array.prototype.forEach.call(boxes, function (box) {
            if (event.target.checked && box !== event.target && (box.value === UNKNOWN || event.target.value === UNKNOWN)) box.checked = false;
          });
        });
      }
    }
    var actions = el("div", {"class": "t-flow__actions"}, [el("button", {type: "submit", "class": "t-button", text: say("next")})]);
    if (q.kind === "date") actions.appendChild(el("button", {type: "submit", "class": "t-button t-button--secondary", "data-unknown": true, text: say("date_unknown")}));
    form.appendChild(actions);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answer = read(form, q, event.submitter);
      if (answer.error) {
        error.textContent = answer.error;
        error.hidden = false;
        fieldset.setAttribute("aria-describedby", (q.hint ? hintId + " " : "") + errorId);
        fieldset.classList.add("t-flow__fieldset--error");
        summary.textContent = "";
        summary.appendChild(el("p", {"class": "t-flow__summary-title", text: say("not_yet")}));
        summary.appendChild(el("ul", {}, [el("li", {}, [el("a", {href: "#" + first.id, text: answer.error})])]));
        summary.querySelector("a").addEventListener("click", function (e) { e.preventDefault(); first.focus(); });
        summary.hidden = false;
        summary.focus();
        return;
      }
      var next = {};
      walk.asked.slice(0, -1).forEach(function (id) { next[id] = walk.answers[id]; });
      next[q.id] = answer.value;
      go(next);
    });
    app.appendChild(el("p", {"class": "t-flow__progress", text: say("progress", {number: number, max: data.max})}));
    app.appendChild(form);
    app.appendChild(backButton(walk));
    return title;
  }

  function restore(form, q, previous) {
    if (q.kind === "date") { if (previous !== UNKNOWN) form.querySelector("input").value = previous; return; }
    [].concat(previous).forEach(function (value) {
      var box = form.querySelector('input[value="' + value + '"]');
      if (box) box.checked = true;
    });
  }

  function read(form, q, submitter) {
    if (q.kind === "date") {
      if (submitter && submitter.hasAttribute("data-unknown")) return {value: UNKNOWN};
      var value = form.querySelector("input").value;
      if (!value) return {error: say("error_date_empty")};
      if (!validDate(value)) return {error: say("error_date_form")};
      return {value: value};
    }
    var checked = Array.prototype.map.call(form.querySelectorAll("input:checked"), function (box) { return box.value; });
    if (!checked.length) return {error: say(q.kind === "many" ? "error_many" : "error_one")};
    return {value: q.kind === "many" ? checked : checked[0]};
  }

  // --- The result (also the printed 「わたしの 手続き メモ」) ---------------------------------------------------
  var ONLINE = {yes: say("online_yes"), no: say("online_no"), unknown: say("online_unknown", {kind: data.kind})};

  function ics(entry, due, id) {
    function esc(text) { return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n"); }
    function fold(line) {
      // RFC 5545: lines of at most 75 octets; continuation lines start with a space.
      var out = [], current = "", size = 0;
      Array.from(line).forEach(function (ch) {
        var bytes = new TextEncoder().encode(ch).length;
        if (size + bytes > (out.length ? 74 : 75)) { out.push(current); current = ""; size = 0; }
        current += ch; size += bytes;
      });
      out.push(current);
      return out.join("\r\n ");
    }
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var day = due.replace(/-/g, ""), after = addDays(due, 1).replace(/-/g, "");
    var url = entry.short || new URL(entry.url, window.location.href).href;
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tetsuzuki//watashi//JA", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
      "BEGIN:VEVENT", "UID:" + id + "-" + day + "@tetsuzuki", "DTSTAMP:" + stamp, "DTSTART;VALUE=DATE:" + day, "DTEND;VALUE=DATE:" + after,
      "SUMMARY:" + esc(say("ics_summary", {title: entry.title})), "DESCRIPTION:" + esc(entry.deadlineText + "\n" + url), "URL:" + url,
      "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P3D", "DESCRIPTION:" + esc(say("ics_alarm", {title: entry.title})), "END:VALARM",
      "END:VEVENT", "END:VCALENDAR",
    ];
    return "data:text/calendar;charset=utf-8," + encodeURIComponent(lines.map(fold).join("\r\n") + "\r\n");
  }

  function result(walk) {
    var results = walk.results(), counters = walk.counters(), dates = walk.dates(), asks = walk.counterQuestions();
    var title = el("h1", {"class": "t-flow__question", tabindex: "-1"}, [
      el("span", {"class": "t-flow__screen-only", text: say("result")}), el("span", {"class": "t-flow__print-only", text: say("result_print")}),
    ]);
    document.title = say("title_result", {site: siteTitle});
    app.appendChild(title);
    var today = new Date();
    app.appendChild(el("p", {"class": "t-flow__print-only t-flow__made", text: say("made", {town: data.town, date: say("date", {year: today.getFullYear(), month: today.getMonth() + 1, day: today.getDate()})})}));
    // On paper the answers and whom to call come first, one paragraph each, so a last sheet never holds only them.
    app.appendChild(el("p", {"class": "t-flow__print-only t-flow__answers-line", text: say("answers_line", {answers: answerTexts(walk).join(say("answers_join"))})}));
    var who = data.contact;
    app.appendChild(el("p", {"class": "t-flow__print-only t-flow__answers-line", text: say("contact_line", {name: who.name}) + (who.phone ? say("contact_line_phone", {phone: who.phone}) : "") + (who.hours ? say("contact_line_hours", {hours: who.hours}) : "")}));
    if (results.length || counters.length) {
      app.appendChild(el("p", {"class": "t-flow__lead", text: say("lead")}));
      if (counters.length) app.appendChild(el("p", {"class": "t-flow__lead-note", text: say("lead_counter")}));
      // What every procedure on the list needs (the card, its PINs, the phone) is said once, above the list.
      var common = results.length < 2 ? [] : data.procedures[results[0].procedure].prepare.filter(function (x) {
        return results.every(function (r) { return data.procedures[r.procedure].prepare.indexOf(x) !== -1; });
      });
      if (common.length) {
        app.appendChild(el("div", {"class": "t-flow__common"}, [
          el("p", {"class": "t-flow__common-title", text: say(counters.length ? "common_with_counter" : "common")}),
          el("ul", {}, common.map(function (x) { return el("li", {text: x}); })),
        ]));
      }
      var list = el("ol", {"class": "t-flow__results", role: "list"});
      var order = data.order, key = function (r) { return order.indexOf(r.counter ? r.counter.id : r.procedure); };
      results.concat(counters).sort(function (a, b) { return key(a) - key(b); }).forEach(function (r, index) {
        list.appendChild(r.counter ? counterItem(r, index + 1, dates) : resultItem(r, index + 1, dates, common));
      });
      app.appendChild(list);
    } else {
      app.appendChild(el("p", {"class": "t-flow__lead", text: say("none")}));
    }
    if (asks.length) {
      // From 「わからない」 answers; each procedure lists its own questions for the counter above.
      app.appendChild(el("h2", {id: "flow-counter", text: say("ask_counter")}));
      app.appendChild(el("ul", {"class": "t-flow__asks"}, asks.map(function (a) { return el("li", {text: a}); })));
    }
    var contact = data.contact;
    app.appendChild(el("h2", {id: "flow-contact", "class": "t-flow__screen-only", text: say("contact")}));
    app.appendChild(el("p", {"class": "t-flow__contact t-flow__screen-only"}, [contact.name, contact.phone ? el("br") : null, contact.phone ? el("a", {href: "tel:" + contact.phone.replace(/-/g, ""), text: say("phone", {phone: contact.phone})}) : null, contact.hours ? el("br") : null, contact.hours ? say("hours", {hours: contact.hours}) : null]));
    app.appendChild(answersList(walk));
    var guides = guideLinks(walk);
    if (guides.length) {
      app.appendChild(el("h2", {id: "flow-guides", "class": "t-flow__screen-only", text: say("guides")}));
      app.appendChild(el("ul", {"class": "t-links t-flow__screen-only", role: "list"}, guides.map(function (g) { return el("li", {}, [el("a", {"class": "t-card", href: g.url}, [el("span", {"class": "t-card__title", text: g.title})])]); })));
    }
    app.appendChild(tools());
    return title;
  }

  function resultItem(r, number, dates, common) {
    var p = data.procedures[r.procedure];
    var item = el("li", {"class": "t-flow__result" + (r.truth === MAYBE ? " t-flow__result--maybe" : "")});
    item.appendChild(el("h2", {"class": "t-flow__result-title"}, [el("span", {"class": "t-flow__number", text: number + ". "}), el("a", {href: p.url, text: p.title})]));
    // On paper the code floats at the right of the lines under the title.
    if (p.qr) item.appendChild(el("div", {"class": "t-flow__print-only t-flow__qr"}, [el("img", {src: p.qr, alt: say("qr_alt", {title: p.title}), width: "96", height: "96"})]));
    if (r.truth === MAYBE) item.appendChild(el("p", {"class": "t-flow__maybe", text: say("maybe")}));
    r.because.forEach(function (b) { item.appendChild(el("p", {"class": "t-flow__because", text: b})); });
    r.only_if.forEach(function (o) { item.appendChild(el("p", {"class": "t-flow__only", text: say("only_if", {condition: o})})); });
    var facts = el("dl", {"class": "t-flow__facts"});
    var deadline = shownDeadline(r, p);
    facts.appendChild(el("dt", {text: say(deadline.kind === "none" ? "when" : "deadline")}));
    facts.appendChild(dueDate(deadline, dates, {title: p.title, url: p.url, short: p.short}, r.procedure));
    // The limitation period (時効) is not a deadline: shown whatever the deadline's kind.
    if (p.limitation) facts.appendChild(el("dd", {"class": "t-flow__limit", text: p.limitation}));
    facts.appendChild(el("dt", {text: say("online", {town: data.town})}));
    facts.appendChild(el("dd", {}, [ONLINE[p.online], p.apply ? el("a", {"class": "t-button t-flow__apply t-flow__screen-only", href: p.apply, rel: "noopener", text: say("apply", {town: data.town})}) : null]));
    var own = p.prepare.filter(function (x) { return common.indexOf(x) === -1; });
    if (own.length) {
      facts.appendChild(el("dt", {text: say(common.length ? "prepare_more" : "prepare")}));
      facts.appendChild(el("dd", {}, [el("ul", {}, own.map(function (x) { return el("li", {text: x}); }))]));
    }
    if (p.ask.length) {
      facts.appendChild(el("dt", {text: say("ask_counter")}));
      facts.appendChild(el("dd", {}, [el("ul", {"class": "t-flow__asks"}, p.ask.map(function (a) { return el("li", {text: a}); }))]));
    }
    p.answered.forEach(function (qa) {
      facts.appendChild(el("dt", {text: qa[0]}));
      facts.appendChild(el("dd", {text: say("town_answer", {answer: qa[1], town: data.town})}));
    });
    item.appendChild(facts);
    // Under the facts, full width, so that the address prints as large as the rest of the memo.
    if (p.qr) item.appendChild(el("p", {"class": "t-flow__print-only t-flow__qr-url", text: say("page", {address: p.short})}));
    return item;
  }

  // A deadline as a date when the resident gave the day it counts from (with an .ics), else its text.
  function dueDate(deadline, dates, entry, id) {
    var computed = computedDeadline(deadline, dates);
    var when = el("dd", {});
    if (!computed) {
      when.textContent = deadline.text || (deadline.kind === "none" ? say("no_deadline") : say("ask_town", {kind: data.kind}));
      return when;
    }
    var line = say("due", {date: jdate(computed.due)});
    if (computed.opens) line = say("opens", {date: jdate(computed.opens), due: line});
    entry.deadlineText = deadline.text || entry.about || "";
    when.appendChild(el("strong", {"class": "t-flow__due", text: line}));
    if (deadline.text) when.appendChild(el("span", {"class": "t-flow__due-text", text: deadline.text}));
    when.appendChild(el("a", {"class": "t-button t-button--secondary t-flow__ics t-flow__screen-only", href: ics(entry, computed.due, id), download: "kigen-" + id + ".ics", text: say("ics")}));
    return when;
  }

  // A step done at the municipal counter (出生届 …): the life-event guide's own words, marked as such.
  function counterItem(r, number, dates) {
    var c = r.counter;
    var item = el("li", {"class": "t-flow__result t-flow__result--counter" + (r.truth === MAYBE ? " t-flow__result--maybe" : "")});
    item.appendChild(el("h2", {"class": "t-flow__result-title"}, [el("span", {"class": "t-flow__number", text: number + ". "}), el("a", {href: c.url, text: c.title})]));
    if (r.truth === MAYBE) item.appendChild(el("p", {"class": "t-flow__maybe", text: say("maybe")}));
    item.appendChild(el("p", {"class": "t-flow__because"}, [el("span", {"class": "t-flow__counter-mark", text: say("counter_mark")}), " " + c.text]));
    if (c.deadline.rule) {
      // Only a computed date is added: the step's text above already states the rule in words.
      var due = dueDate({kind: "fixed", text: "", rule: c.deadline.rule}, dates, {title: c.title, url: c.url, about: c.text}, c.id);
      if (due.querySelector(".t-flow__due")) item.appendChild(el("dl", {"class": "t-flow__facts t-flow__facts--counter"}, [el("dt", {text: say("deadline")}), due]));
    }
    return item;
  }

  function answerTexts(walk) {
    return Object.keys(walk.answers).map(function (id) {
      var q = walk.byId[id];
      return [].concat(walk.answers[id]).map(function (v) { return optionLabel(q, v); }).join(say("options_join"));
    });
  }

  function answersList(walk) {
    var box = el("section", {"class": "t-flow__answers t-flow__screen-only", "aria-labelledby": "flow-answers"}, [el("h2", {id: "flow-answers", text: say("answers")})]);
    var list = el("dl", {});
    Object.keys(walk.answers).forEach(function (id, index) {
      var q = walk.byId[id];
      var change = el("button", {type: "button", "class": "t-flow__change t-flow__screen-only", text: say("change")});
      change.setAttribute("aria-label", say("change_label", {question: q.text}));
      change.addEventListener("click", function () {
        var kept = {};
        walk.asked.slice(0, index).forEach(function (k) { kept[k] = walk.answers[k]; });
        pending = {id: id, value: walk.answers[id]};
        go(kept);
      });
      list.appendChild(el("dt", {text: q.text}));
      list.appendChild(el("dd", {}, [[].concat(walk.answers[id]).map(function (v) { return optionLabel(q, v); }).join(say("options_join")), " ", change]));
    });
    box.appendChild(list);
    return box;
  }

  function guideLinks(walk) {
    var events = [];
    Object.keys(walk.answers).forEach(function (id) {
      (walk.byId[id].options || []).forEach(function (o) {
        if (o.guide && [].concat(walk.answers[id]).indexOf(o.value) !== -1 && events.indexOf(o.guide) === -1) events.push(o.guide);
      });
    });
    if (!events.length) events = Object.keys(data.guides);
    return events.filter(function (e) { return data.guides[e]; }).map(function (e) { return data.guides[e]; });
  }

  function tools() {
    var status = el("p", {"class": "t-flow__status", role: "status"});
    var print = el("button", {type: "button", "class": "t-button", text: say("print")});
    print.addEventListener("click", function () { window.print(); });
    var copy = el("button", {type: "button", "class": "t-button t-button--secondary", text: say("copy")});
    copy.addEventListener("click", function () {
      var done = function () { status.textContent = say("copied"); };
      var fail = function () { status.textContent = say("copy_failed"); };
      if (navigator.clipboard) navigator.clipboard.writeText(window.location.href).then(done, fail); else fail();
    });
    var again = el("button", {type: "button", "class": "t-button t-button--secondary", text: say("again")});
    again.addEventListener("click", function () { go({}); });
    return el("div", {"class": "t-flow__tools t-flow__screen-only"}, [
      el("h2", {id: "flow-keep", text: say("keep")}),
      el("p", {text: say("keep_text")}),
      el("div", {"class": "t-flow__actions"}, [print, copy, again]), status,
    ]);
  }

  // After 「かえる」, the old answer is shown selected on the question it belongs to.
  var pending = null;
  var baseRender = render;
  render = function (moveFocus) {
    baseRender(moveFocus);
    if (pending) {
      var form = app.querySelector("form");
      var q = data.questions.filter(function (x) { return x.id === pending.id; })[0];
      if (form && q && form.querySelector('[name="' + q.id + '"]')) restore(form, q, pending.value);
      pending = null;
    }
  };

  var start = document.querySelector("[data-flow-start]");
  start.hidden = false;
  document.querySelector("[data-flow-nojs]").hidden = true;
  start.querySelector("button").addEventListener("click", function () { go({}); });
  // The answers are the address after "#", so in-page links (the skip link "本文へ 移動", the error summary)
  // must not replace it: they move the focus themselves and leave the address alone.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (!link || /^#s(&|$)/.test(link.getAttribute("href"))) return;
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) return;
    event.preventDefault();
    if (!target.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT)$/.test(target.tagName)) target.setAttribute("tabindex", "-1");
    target.focus();
  });
  window.addEventListener("hashchange", function () {
    if (/^#s(&|$)/.test(window.location.hash) || !window.location.hash || window.location.hash === "#") render(true);
  });
  render(false);
})();
