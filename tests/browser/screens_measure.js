// Where a procedure page's first start-or-call action begins, how tall the page is, and whether each phone
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
  return {
    firstActionTop: first,
    height: document.documentElement.scrollHeight,
    numbers,
    kinds: actions.map((a) => a.href.startsWith('tel:') ? 'call' : 'start'),
  };
}
