// SudachiPy at build time (base forms and readings added to the index by sudachi.py), the browser's
// Intl.Segmenter on the query, MiniSearch's BM25 with prefix matching (「壊れ」 finds 「壊れる」).
"use strict";
module.exports = require("./segmenter");
