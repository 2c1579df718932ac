// 「手続きを さがす」: rank every procedure, life-event guide and help page against what the resident types,
// and show the best ones in order right under the box. Loaded on that page only; without it the page is the
// complete list (the box stays hidden). The build publishes this file minified (rjsmin) as
// assets/javascripts/finder.js; the same file runs in Node for the benchmark (module.exports below).
//
// Scoring: the query is cut into character pairs (「保育園に入れたい」 → 保育, 育園, 園に, …), so sentences,
// particles and missing spaces need no word splitter. A pair counts more when it is rare among the pages
// (idf) and when it is in the title (3) rather than the words (2: keywords, readings, everyday words from
// finder/synonyms.yml, added at build time) or the summary (1). A typed word found whole adds a bonus. Pairs
// typed in hiragana count only where the page has them beside their typed neighbours (see queryTerms).
(function () {
  "use strict";

  // Same classes as generator/site/search_text.py. Spaces split a query but not an index field.
  var PUNCTUATION = /[、。・,.!?「」『』()\[\]【】:;\/"'〜~…]+/;
  var BREAKS = /[\s、。・,.!?「」『』()\[\]【】:;\/"'〜~…]+/;
  var WEIGHT = { title: 3, words: 2, more: 1 };
  // What a pair weighs for its kind (queryTerms): a kind is its factor.
  var CONTENT = 1, EDGE = 0.7, GRAMMAR = 0.4, SINGLE = 0.3;
  var KANJI = /[\u3400-\u9fff]/;
  var PARTICLE = /^[がをにのはでもとへ]?$/; // a particle, or nothing (queryWords: alone)
  var MORE; // the everyday words (expand), once loaded

  function fold(text) {
    return text.normalize("NFKC").toLowerCase().replace(/[\u30a1-\u30f6]/g, function (ch) {
      return String.fromCharCode(ch.charCodeAt(0) - 0x60);
    });
  }

  // An index field: pieces split at punctuation, with the spaces of 分かち書き removed.
  function fieldPieces(text) {
    return fold(text).split(PUNCTUATION).map(function (piece) { return piece.replace(/\s+/g, ""); }).filter(String);
  }

  // A query: the resident's spaces split it too, but not the one before a lone 届 or とどけ (「しゅっせい とどけ」 is
  // the form's whole name, as in typedPieces; the same literal twice is the smaller gzip).
  function queryPieces(text) {
    return fold(text).replace(/\s+(?=(届|とどけ)(\s|$))/g, "").split(BREAKS).filter(String);
  }

  function grams(piece) {
    if (piece.length < 2) return [piece];
    var out = [];
    for (var i = 0; i + 1 < piece.length; i += 1) out.push(piece.slice(i, i + 2));
    return out;
  }

  // Maps keyed by pairs or letters are plain objects: no key of one or two letters is a name Object.prototype has.
  // entries: [{id, title, name, words, more}] (the page adds its card) with words and more as written by the build (pieces joined by
  // spaces); the title and the official name (procedures only) as the card shows them, a space at each word break.
  // more: the everyday words (expand), when the caller has them (the page fetches them later: MORE).
  function prepare(entries, more) {
    MORE = more;
    var df = {};
    var items = entries.map(function (entry) {
      var weights = {};
      var text = {};
      // The words come in three sections, each ended by "/" (SECTION_END in generator/site/search_text.py): the pieces that name
      // the title (its reading, everyday words for it), the page's own words, the everyday words for the rest.
      var sections = (entry.words + "//").split("/");
      var titled = sections[0].split(" ");
      // The title's reading comes as the readings of its runs of kanji, in order (",じどうてあて,しんせい"):
      // put them in the title's place (title_readings in generator/site/search_text.py).
      if (titled[0][0] === ",") {
        var runs = titled.shift().split(","), at = 0;
        titled = fieldPieces(entry.title).map(function (piece) {
          return piece.replace(/[\u3400-\u9fff々]+/g, function () { at += 1; return runs[at]; });
        }).concat(titled);
      }
      // The official name (entry.name, from the card) is one of the page's own words.
      sections[1] += " " + fieldPieces(entry.name || "").join(" ");
      var fields = {
        title: fieldPieces(entry.title).concat(titled),
        words: (sections[1] + " " + sections[2]).split(" "),
        more: entry.more.split(" ")
      };
      text.own = " " + sections[1] + " ";
      Object.keys(WEIGHT).forEach(function (field) {
        var parts = fields[field].filter(String);
        text[field] = " " + parts.join(" ") + " ";
        parts.forEach(function (piece) {
          grams(piece).concat(piece.split("")).forEach(function (gram) {
            if (!(weights[gram] >= WEIGHT[field])) weights[gram] = WEIGHT[field];
          });
        });
      });
      // The title once more with its word breaks (the <wbr> of 分かち書き, read as spaces), so that a pair typed
      // in kana finds the start of a word of the title (「もら」 of 「もらいたい」 in 「はじめて もらう」).
      text.all = text.title + text.words + text.more + fold(entry.title) + " ";
      Object.keys(weights).forEach(function (gram) { df[gram] = (df[gram] || 0) + 1; });
      return { entry: entry, weights: weights, text: text };
    });
    return { items: items, df: df, size: items.length };
  }

  function idf(index, gram) {
    return Math.log(1 + index.size / ((index.df[gram] || 0) + 0.5));
  }

  // The pieces of a query as typed (not yet folded: queryTerms reads their script). A lone kana between other
  // words is a particle (「赤ちゃん が うまれた」: 「が」 would match k02 「子どもの 人数が かわった」), not a word;
  // alone, it is the first letter of one being typed. A lone 届 (or とどけ) ends the form named before it (「出生 届」).
  function typedPieces(query) {
    var typed = query.normalize("NFKC").toLowerCase().replace(/\s+(?=(届|とどけ)(\s|$))/g, "").split(BREAKS).filter(String);
    return typed.length > 1 ? typed.filter(function (piece) { return !/^[\u3041-\u309f]$/.test(piece); }) : typed;
  }

  // The pairs of a query, each with a weight. In 「母が介護を受けたい」 the kanji and katakana carry the meaning
  // and the hiragana the grammar: a pair of hiragana counts less in a piece that has other letters, a pair
  // across the border a little less, and each kanji also counts alone (「母」 finds 「親の 介護」 through the
  // dictionary). A query of hiragana only (「ほいくえん」) is all meaning. The script of each letter is read
  // before katakana are folded into hiragana. seen: each pair's weight, by the pair (rank reads it).
  function queryTerms(index, query, seen) {
    var terms = [];
    function add(gram, kind, loose, near, next, scale) {
      if (seen[gram]) return;
      terms.push({ gram: gram, idf: seen[gram] = idf(index, gram) * kind * (scale || 1), kind: kind, loose: loose || kind === EDGE || kind === GRAMMAR, near: near, next: next });
    }
    // The page words of the everyday words typed (expand) count as typed too.
    typedPieces(query).concat(typedPieces(expand(query))).forEach(function (piece) {
      var script = piece.replace(/[\u3041-\u309f]/g, "h").replace(/[^h]/g, "o");
      var text = fold(piece);
      var mixed = script.indexOf("o") >= 0;
      var lead = script.indexOf("o");
      // The length of the run of kanji, katakana or letters each letter is in: a long word (「マイナンバーカード」,
      // 「署名用電子証明書」) weighs no more than one of four letters, so that it does not outweigh the short word
      // beside it that names the page (「暗証番号」, 「期限切れ」).
      var run = [];
      script.replace(/o+/g, function (letters, at) {
        for (var k = 0; k < letters.length; k += 1) run[at + k] = letters.length;
      });
      // A form's name (「出生届」, 「しゅっせいとどけ」) is one word: its 届 (or とどけ) and the pairs across it count
      // only where the page has the whole name, not in another word (k02's official name 「…届出」, read
      // 「とどけで」, put the second child above the first for 「出生届」).
      var form = text.search(/.(届|とどけ)$/) + 1;
      if (text.length < 2) { add(text, CONTENT); return; }
      for (var i = 0; i + 1 < text.length; i += 1) {
        var kinds = script.slice(i, i + 2);
        var kind = kinds === "oo" || !mixed ? CONTENT : (kinds === "hh" ? GRAMMAR : EDGE);
        // A pair of a word typed in kana only (「ようかいご」) is common in unrelated words (「よう」 of
        // 「ようしき」, 「しん」 of 「しんせい」 for 「にんしん」): it counts only where the page has it with a
        // letter beside it as typed (「ようか」, 「うかい」), or, first of the piece, where a word of the page
        // starts or ends with it (「やめ」 of 「やめたい」 in 「やめる」, 「やね」 of 「やねが」). Kana after a word
        // may be a word left unconverted (「カードが よみとれない」, 「親が ひっこして くる」): a pair of them
        // counts as more than grammar where the page has four of those kana as typed, but not four that start
        // right after a kanji: those begin with its okurigana (「分からない」 is not 「見つからない」).
        var n = mixed ? 4 : 3;
        var near = [];
        for (var at = i + 2 - n; at <= i; at += 1) {
          if (at >= 0 && at + n <= text.length && (!mixed || script.substr(at, n) === "hhhh" && !KANJI.test(text.charAt(at - 1)))) near.push(text.substr(at, n));
        }
        if (!mixed && i === 0) near.push(" " + text.slice(0, 2), text.slice(0, 2) + " ");
        // Three kana or more and a particle before the first kanji are a word left in kana (「おなかに赤ちゃん」): its
        // pairs count as kana after a word where the page has the word without the particle (「おなかの 赤ちゃん」).
        if (mixed && i + 3 <= lead && lead > 3) near.push(text.slice(0, lead - 1));
        // A pair that ends in が, を or に ties a word to the next one: it counts only where the page has the letter
        // typed after it too (「子どもが生まれた」 is not k02's 「子どもが ふえた」); one that starts with a particle after
        // a word, where the page has the letter typed before it (「介護度が上がった」 is not c07's 「自己負担が 上限」,
        // 「うちの子」 not k02's 「児童手当の 子ども」).
        add(text.slice(i, i + 2), kind, false, text.length > 2 && (!mixed || kind === GRAMMAR) && near, form && i + 2 > form && text || /[がをに]/.test(text[i + 1]) && text.substr(i, 3) || kinds === "ho" && PARTICLE.test(text[i]) && text.slice(i - 1, i + 2),
          kinds === "oo" && Math.min(1, 4 / run[i]));
      }
      var kana = /h/.test(script);
      // A kanji standing alone between kana is a word of its own (「父」 「母」 「家」 of 「父が認知症に」).
      if (mixed) text.split("").forEach(function (ch, at) {
        if (!KANJI.test(ch)) return;
        var alone = !KANJI.test(text.charAt(at - 1)) && !KANJI.test(text.charAt(at + 1));
        add(ch, alone ? CONTENT : SINGLE, kana, false, form && at >= form && text);
      });
    });
    return terms;
  }

  // Whether text has a whole word of kanji that differs from run in one letter or two neighbouring ones (not the
  // start of a longer one: 「介護保健証」 is c06's 介護保険証, not c05's 介護保険負担割合証).
  function slipped(text, run) {
    return new RegExp("(^|[^\\u3400-\\u9fff])(" + grams(run).map(function (gram, at) {
      return run.slice(0, at) + KANJI.source + KANJI.source + run.slice(at + 2);
    }).join("|") + ")(?![\\u3400-\\u9fff])").test(text);
  }

  // The results for a query, best first: [{entry, score, meaning}]. meaning: the page shares more than particles
  // with the query.
  function rank(index, query) {
    var typed = {};
    var terms = queryTerms(index, query, typed);
    if (!terms.length) return [];
    // A word with の after it (「じどうてあての」, 「児童手当の」) is found whole without it: the particle says nothing
    // about the page, and three titles have 「児童手当の」 (k02, k07, k10) but not k01, the one for a first child.
    var pieces = queryPieces(query).map(function (piece) { return piece.replace(/^(.{2,6})の$/, "$1"); });
    var whole = pieces.concat(pieces.slice(1).map(function (piece, at) { return pieces[at] + piece; }));
    // A word of four kanji or more with a pair that no page has is likely typed with a homophone slip
    // (「児童不要手当」).
    var words = queryWords(query);
    var slips = words.filter(function (word) {
      return word.kanji && word.text.length > 3 && grams(word.text).some(function (gram) { return !index.df[gram]; });
    }).map(function (word) { return word.text; });
    var results = [];
    index.items.forEach(function (item) {
      var score = 0;
      var meaning = false;
      // A typed word that is one of the page's own words, whole (「介護認定」 on c01), counts as its title.
      var named = {};
      pieces.forEach(function (piece) {
        if (piece.length > 1 && item.text.own.indexOf(" " + piece + " ") >= 0) {
          grams(piece).forEach(function (gram) { named[gram] = true; });
        }
      });
      terms.forEach(function (term) {
        var weight = item.weights[term.gram];
        if (!weight) return;
        var near = term.near && term.near.some(function (part) { return item.text.all.indexOf(part) >= 0; });
        if (term.near && term.kind === CONTENT && !near || term.next && item.text.all.indexOf(term.next) === -1) return;
        if (named[term.gram]) weight = WEIGHT.title;
        // A pair across kana (「子ど」 「ども」 of 「子ども手当」) or a lone kanji of a sentence (「子」 of
        // 「子供が生まれた」) says little about the page, so it is no stronger in the title than in the words: it
        // must not put k02 「子どもの 人数が かわった」 above k01 「はじめて もらう」 for a birth.
        if (term.loose) weight = Math.min(weight, WEIGHT.words);
        score += weight * term.idf * (near && term.kind === GRAMMAR ? EDGE / GRAMMAR : 1);
        meaning = meaning || term.kind !== GRAMMAR;
      });
      if (score === 0) return;
      // A typed word found whole adds its pairs once more (title or one of the page's own words, as typed or as two
      // typed words: 「かいご にんてい」 is c01's 介護認定) or by half (words); so do two typed words that the page
      // has as one (「てんにゅう とどけ」: 転入届 read in the moving guide), and a slip whose title
      // has the word it differs from in one letter or two neighbouring ones (「児童扶養手当」). Each pair adds what it
      // weighs in the query (typed, from queryTerms): a long word of katakana no more than one of four letters, so that
      // 「マイナンバーカード」, help-prepare's own word, does not outweigh 「読み取り」 beside it (a pair of no term, the
      // one across two typed words, its idf).
      whole.concat(slips).forEach(function (piece, at) {
        if (piece.length < 2) return;
        var bonus = grams(piece).reduce(function (sum, gram) { return sum + (typed[gram] || idf(index, gram)); }, 0);
        if (at < whole.length ? item.text.title.indexOf(piece) >= 0 : slipped(item.text.title, piece)) score += bonus;
        else if (item.text.own.indexOf(" " + piece + " ") >= 0) score += bonus;
        else if (item.text.words.indexOf(piece) >= 0) score += bonus / 2;
      });
      // Kana typed before the first kanji or katakana of a piece weigh as grammar, but they may be a word the
      // resident could not convert (「かいごを受けたい」): a page holding their first three counts as close.
      meaning = meaning || words.some(function (word) {
        return word.start && item.text.all.indexOf(word.text.slice(0, 3)) >= 0;
      });
      results.push({ entry: item.entry, score: score, meaning: meaning, item: item });
    });
    // Equal scores keep the pages' order (sort is stable).
    results.sort(function (a, b) { return b.score - a.score; });
    return results;
  }


  // The words of a query: the runs of kanji, katakana or letters (「台風」 「家」 「壊」 in 「台風で家が壊れた」) and
  // the pieces typed in kana only. A page holds a word of kanji when it has two thirds of its pairs (「介護」 and
  // 「認定」 for 「介護認定」) or, for two kanji, each of them (「出」 「生」 of 「出生」 in 「出産」 「生まれた」); a word
  // of katakana or letters when it has all of its pairs (four in five when long: 「パス」 and 「ポー」 do not make
  // 「パスポート」); a kana-only piece, or the kana that start a piece, when it has most of them. A word of kanji
  // with nothing but particles or spaces on either side is a noun of its own (alone: 「犬」 of 「犬の登録」), not
  // a verb's stem (「落」 of 「落ちた」) or a word inside a phrase (「時」 of 「死亡した時の」).
  function queryWords(query) {
    var words = [];
    typedPieces(query).forEach(function (piece) {
      // Kana before the first kanji may be a word left unconverted (「ごみの出し方」, 「かいごの認定」). A page holds a
      // word of kana when it has 0.6 of its pairs.
      var lead = piece.search(/[^\u3041-\u309f]/);
      if (lead < 0 || lead > 1) words.push({ text: lead < 0 ? piece : piece.slice(0, lead), share: 0.6, kana: true, start: lead > 0 });
      piece.replace(/[^\u3041-\u309f]+/g, function (word, at) {
        var kanji = /^[\u3400-\u9fff々]+$/.test(word);
        words.push({ text: fold(word), share: kanji ? 2 / 3 : (word.length <= 5 ? 1 : 0.8), long: word.length > 1, kanji: kanji,
          alone: kanji && PARTICLE.test(piece.charAt(at - 1)) && PARTICLE.test(piece.charAt(at + word.length)) });
      });
    });
    return words;
  }

  function holds(weights, word) {
    var pairs = grams(word.text);
    var found = pairs.filter(function (gram) { return weights[gram]; }).length;
    return found >= word.share * pairs.length - 1e-9 || word.kanji && word.text.length === 2 && weights[word.text[0]] && weights[word.text[1]];
  }

  // Whether one page holds the query's words well enough: every word of two or more kanji, katakana or letters
  // and at least half of all the words (every word when none is that long: 「家を建てたい」 needs 「家」 and
  // 「建」), or all but one long word of several; and a long word or a noun standing alone that it misses is one the
  // site knows (「期限」 of 「児童手当 期限」: a page has it; 「何」: an everyday word has it), not an errand it does
  // not cover (「パスポート」, 「犬」 of 「犬の登録」: help-family holds 「登録」 but is no answer).
  function held(index, item, words) {
    var long = words.filter(function (word) { return word.long && !word.kana; });
    var count = words.filter(function (word) { return holds(item.weights, word); }).length;
    var missing = words.filter(function (word) { return !word.kana && (word.long || word.alone) && !holds(item.weights, word); });
    // (A long word may be missing only when there are two or more: true counts as 1.)
    return (long.length ? count * 2 >= words.length : count === words.length) &&
      missing.filter(function (word) { return word.long; }).length <= (long.length > 1) &&
      missing.every(function (word) {
        return grams(word.text).every(function (gram) { return index.df[gram]; }) || !word.long && MORE && MORE[2].indexOf(word.text) >= 0;
      });
  }

  // A page answers the words surely when it holds every one of them and names each long one itself: in its
  // title, or as one of its own keywords (「台風」 for d01), not only as pairs scattered in longer words; and a word
  // typed in kana (the verb after a particle) starts one of its words, not only sits inside one (「児童手当を
  // やめたい」 is not k01's keyword 「公務員やめた」).
  function names(item, words) {
    return words.every(function (word) {
      return holds(item.weights, word) && (word.kana ? item.text.all.indexOf(" " + word.text.slice(0, 2)) >= 0 : !word.long ||
        item.text.title.indexOf(word.text) >= 0 || item.text.words.indexOf(" " + word.text + " ") >= 0);
    });
  }

  // A query matches when one of the first three pages holds its words; otherwise the page says that nothing
  // matched exactly. It is sure (Enter may open the first page) only once the everyday words have come (MORE:
  // before, the order lacks them, and 「電子証明書が きれた」 led with the page of スマホ用電子証明書), when the first
  // page names every word, no other page of the first three does, it scores clearly more than the next one (1.1 times)…
  function judge(index, results, query) {
    var words = queryWords(query);
    var top = results.slice(0, 3).map(function (result) { return result.item; });
    // The page words of the everyday words typed (expand) count as words the page may hold instead of some typed
    // ones (「おやが ひとりで くらせなくなった」 → 「介護の 認定を たのむ」); Enter's sure stays with the words as typed.
    var more = expand(query);
    var exact = top.some(function (item) { return held(index, item, words) || more && held(index, item, words.concat(queryWords(more))); });
    var naming = top.filter(function (item) { return names(item, words); });
    var lead = !results[1] || results[0].score >= 1.1 * results[1].score;
    // …and its title carries one of the long words: a keyword alone (「年金」 on k03) is not what the page is about.
    var titled = words.some(function (word) { return word.long && !word.kana && top[0].text.title.indexOf(word.text) >= 0; });
    return { exact: exact, sure: MORE && naming.length === 1 && naming[0] === top[0] && lead && titled };
  }

  // The page words of the everyday words a query holds (finder/everyday.yml, loaded when the resident starts
  // typing: MORE = [{word: page words}, the ways of asking (choose)]): 「申請に 必要な もの」 also looks for
  // 「用意する もの」. The words come longest first, so the pattern made of them (once, kept as MORE[2]) reads
  // 「給食費」, not 「食費」. (Weighed at 0.3–0.6 of a typed word, they ranked the
  // tuning queries as well as at full weight once the words that mean several things were left out; the script
  // had no room for the difference: tests/site/test_page_weight.py.) A word of one or two kana (「ひび」, 「デイ」) is
  // a key after a space, which the pattern never reads: it counts only as a piece typed alone, since inside a longer
  // piece its letters are often two words' (「でい」 of 「たいふうでいえが」).
  function expand(query) {
    var extra = "";
    if (MORE) {
      fold(query).replace(/\s+/g, "").replace(RegExp(MORE[2] = MORE[2] || Object.keys(MORE[0]).join("|"), "g"), function (word) { extra += MORE[0][word]; });
      queryPieces(query).forEach(function (piece) { extra += MORE[0][" " + piece] || ""; });
    }
    return extra;
  }

  // What the page shows: the close results, and whether the best one matched well enough to call it a match.
  // Once the everyday words have come, the ways of asking (MORE[1]: 「教えて」, 「やり方」, 「できますか」) are read
  // as spaces, unless nothing else was typed: they are in help pages' words and made them lead.
  function choose(index, query) {
    var asked = MORE ? query.replace(RegExp(MORE[1], "g"), " ") : query;
    if (queryPieces(asked).length) query = asked;
    var results = rank(index, query);
    if (!results.length) return { results: [], exact: false, sure: false };
    var best = results[0];
    var verdict = judge(index, results, query);
    var exact = verdict.exact;
    // Shown: the pages that score at least 0.3 of the best one, at most 8 (3 when nothing matched well, and then
    // only pages that share more than particles with the query).
    var shown = results.filter(function (result) {
      return result.score >= 0.3 * best.score && (exact || result.meaning);
    });
    return { results: shown.slice(0, exact ? 8 : 3), exact: exact, sure: verdict.sure && shown[0] === best };
  }

  if (typeof module === "object") module.exports = { fieldPieces: fieldPieces, queryPieces: queryPieces, prepare: prepare, choose: choose };
  if (typeof document === "undefined") return;

  var form = document.querySelector("[data-finder]");
  if (!form) return;
  // The everyday words (expand) are fetched beside this script (finder.json) when the resident starts typing,
  // not with the page (its first visit stays light); until they come, and if they never do, the page ranks
  // without them. When they come, the results are ranked again unless the resident is in the list.
  var moreSrc = document.currentScript.src + "on";
  var input = form.querySelector("input");
  var examples = document.getElementById("finder-examples");
  var status = document.getElementById("finder-status");
  // The messages come from the page (the edition's string table, finder_script): an entry with its {slots} filled.
  var WORDS = JSON.parse(document.getElementById("finder-words").textContent);
  function say(key, values) {
    return WORDS[key].replace(/\{(\w+)\}/g, function (slot, name) { return values[name]; });
  }
  var results = document.querySelector("[data-finder-results]");
  var list = results.querySelector("[data-finder-list]");
  var fallback = document.querySelector("[data-finder-fallback]");
  var all = document.querySelector("[data-finder-all]");
  var events = all.querySelector("[data-finder-events]");
  var sections = [].slice.call(all.querySelectorAll("section"));
  var cards = [].slice.call(document.querySelectorAll("[data-search]"));
  // A card's text without the ruby's readings (やさしい日本語), with a space at each word break (<wbr>).
  function plain(node) {
    return node.nodeType === 3 ? node.data : node.nodeName === "RT" ? "" : node.nodeName === "WBR" ? " " :
      [].map.call(node.childNodes, plain).join("");
  }
  var index = prepare(cards.map(function (card) {
    var name = card.querySelector("[data-name]");
    return {
      card: card,
      id: card.getAttribute("data-id"),
      title: plain(card.querySelector(".t-card__title")),
      name: name ? plain(name) : "",
      words: card.getAttribute("data-search"),
      more: card.getAttribute("data-more") || ""
    };
  }));
  var timer;

  function show() {
    var query = input.value;
    var empty = queryPieces(query).length === 0;
    var found = empty ? { results: [] } : choose(index, query);
    list.textContent = "";
    found.results.forEach(function (result) {
      var item = document.createElement("li");
      item.setAttribute("data-id", result.entry.id);
      item.appendChild(result.entry.card.firstElementChild.cloneNode(true));
      list.appendChild(item);
    });
    // Nothing matched exactly: below the closest pages, the life events (from the full list) and the phone.
    var help = !empty && !found.exact;
    results.hidden = empty;
    all.hidden = !empty && !help;
    sections.forEach(function (section) { section.hidden = help && section !== events; });
    examples.hidden = !empty;
    fallback.hidden = !help;
    var message = empty ? "" : (found.exact
      ? say("found", { count: found.results.length })
      : say("none") + (found.results.length ? say("near") : ""));
    // The count is written a moment after typing stops, so a screen reader is not interrupted on every key.
    clearTimeout(timer);
    timer = setTimeout(function () { status.textContent = message; }, empty ? 0 : 400);
    var first = list.querySelector("a");
    if (first) {
      // With the phone keyboard open only ~400 px of the page show: keep the first result in sight.
      var view = window.visualViewport;
      var height = view ? view.height : innerHeight;
      var box = first.getBoundingClientRect();
      if (box.bottom > height || form.getBoundingClientRect().top < 0) form.scrollIntoView({ block: "start" });
    }
    return found;
  }

  form.hidden = false;
  function typed() {
    if (moreSrc) fetch(moreSrc).then(function (response) { return response.json(); }).then(function (table) {
      MORE = table;
      if (!results.contains(document.activeElement)) show();
    }, function () {});
    moreSrc = "";
    show();
  }
  input.addEventListener("input", typed);
  // On a phone, tapping the box opens the keyboard over half the screen: bring the box to the top now, so
  // the results appear right under it (and the scroll costs no keystroke).
  input.addEventListener("focus", function () {
    if (matchMedia("(pointer: coarse)").matches) form.scrollIntoView({ block: "start" });
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var found = show();
    // Enter (the keyboard's 「検索」 key) opens the first result only when it surely answers the words typed (never
    // before the everyday words have come: judge); otherwise it brings the resident to the list to choose, and
    // says so. It never opens a page they did not choose.
    var first = list.querySelector("a");
    if (first && found.sure) { window.location.assign(first.href); return; }
    clearTimeout(timer);
    if (!first) { status.textContent = say("none_help"); return; }
    status.textContent = (found.exact ? "" : say("none")) + say("choose", { count: list.children.length });
    first.focus();
  });
  // A query in the address (sagasu/?q=台風) fills the box, so a search can be shared or bookmarked.
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
    typed();
  }
})();
