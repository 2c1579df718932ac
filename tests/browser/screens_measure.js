// Where a procedure page's first start-or-call action begins, where its title, the start panel's first line and
// the first line of its answer (「スマートフォンで 申し込めます」 / 「電話で たずねて ください」) end, how tall the
// page is, and whether each phone
// number of a tel: link sits on one line. Shared by tests/browser/test_start_page.py and benchmarks/screens.py.
(screen) => {
  const main = document.querySelector('main');
  const actions = [...main.querySelectorAll('a[href^="tel:"], a[data-action="start"], a.t-button[href^="https://"]')]
    .filter((a) => a.getClientRects().length > 0);
  const top = (element) => element.getBoundingClientRect().top + window.scrollY;
  const first = actions.length ? Math.min(...actions.map(top)) : null;
  const numbers = [];
  for (const link of main.querySelectorAll('a[href^="tel:"]')) {
    if (!link.getClientRects().length) continue;
    const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const match = node.data.match(/[0-9０-９][0-9０-９-]{5,}[0-9０-９]/);
      if (!match) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      numbers.push({number: match[0], lines: lines.size});
    }
  }
  // The bottom of an element's first line: that of its first character (a ruby's reading, above it, is skipped).
  const firstLineBottom = (selector) => {
    const element = document.querySelector(selector);
    if (!element) return null;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement.closest('rt, rp') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const index = node.data.search(/\S/);
      if (index < 0) continue;
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + 1);
      const box = [...range.getClientRects()].find((r) => r.width > 0);
      if (box) return box.bottom + window.scrollY;
    }
    return null;
  };
  const at = (selector) => {
    const element = document.querySelector(selector);
    return element && element.getClientRects().length ? top(element) : null;
  };
  return {
    firstActionTop: first,
    titleBottom: (() => { const h1 = document.querySelector('main h1'); return h1 ? h1.getBoundingClientRect().bottom + window.scrollY : null; })(),
    // The bottom of the first line box of the start panel's title (「〇〇町で 申し込む には」).
    startLineBottom: firstLineBottom('.t-start__title'),
    // The bottom of the first line of the panel's answer, under its title.
    answerLineBottom: firstLineBottom('.t-start__status'),
    startTop: at('.t-start'),
    height: document.documentElement.scrollHeight,
    numbers,
    kinds: actions.map((a) => a.href.startsWith('tel:') ? 'call' : 'start'),
  };
}
