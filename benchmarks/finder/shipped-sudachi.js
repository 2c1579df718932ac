// The shipped finder over an index with SudachiPy base forms and readings added at build time (sudachi.py).
"use strict";
module.exports = require("./shipped");
