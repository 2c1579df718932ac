// Layout checks run inside the page. Returns a list of problems (strings); an empty list is a pass.
// Called as page.evaluate(source, {minFont, minTarget, checkFonts, checkTargets}).
(options) => {
  const problems = [];
  // Folded parts (<details>) are checked open: a resident opens them, and their content must fit too.
  for (const details of document.querySelectorAll("details")) details.open = true;
  const width = document.documentElement.clientWidth;
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    if (el.classList.length) name += "." + [...el.classList].join(".");
    const text = (el.innerText || el.value || "").trim().replace(/\s+/g, " ").slice(0, 30);
    return text ? `${name} 「${text}」` : name;
  };
  const visible = (el) => {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0;
  };
  // The skip link (the first link, to an anchor on the page) waits off-screen until it is focused; the
  // keyboard test checks it.
  const firstLink = document.querySelector("a[href]");
  const skipLink = firstLink && firstLink.getAttribute("href").startsWith("#") ? firstLink : null;
  const skipped = (el) => skipLink !== null && (el === skipLink || skipLink.contains(el));

  // 1. No horizontal scrolling.
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > width + 1) problems.push(`page scrolls sideways: ${scrollWidth}px wide in a ${width}px viewport`);

  for (const el of document.body.querySelectorAll("*")) {
    if (skipped(el) || !visible(el)) continue;
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    // 2. No element wider than the viewport or sticking out of it.
    if (rect.right > width + 1 || rect.left < -1) {
      problems.push(`${describe(el)} sticks out of the ${width}px viewport (left ${Math.round(rect.left)}, right ${Math.round(rect.right)})`);
    }
    // 3. Nothing clipped: a box that hides its overflow must not have content outside it. The content's
    //    drawn area comes from a Range over it, which follows CSS transforms (a preview scaled to 25 % fits in
    //    its frame although its layout size does not).
    const clipsX = ["hidden", "clip"].includes(style.overflowX);
    const clipsY = ["hidden", "clip"].includes(style.overflowY);
    if ((clipsX || clipsY) && el.firstChild) {
      const range = document.createRange();
      range.selectNodeContents(el);
      const drawn = range.getBoundingClientRect();
      const outX = clipsX && (drawn.right > rect.right + 2 || drawn.left < rect.left - 2);
      const outY = clipsY && (drawn.bottom > rect.bottom + 2 || drawn.top < rect.top - 2);
      if ((outX || outY) && drawn.width > 0) {
        problems.push(`${describe(el)} cuts off its content (${Math.round(drawn.width)}×${Math.round(drawn.height)} drawn in ${Math.round(rect.width)}×${Math.round(rect.height)})`);
      }
    }
    if (style.textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${describe(el)} cuts its text with an ellipsis`);
    }
  }

  // 4. Body text at least minFont px: every visible element that holds text of its own.
  if (options.checkFonts) {
    const bodySize = parseFloat(getComputedStyle(document.body).fontSize);
    const content = document.querySelector("main .md-typeset") || document.querySelector("main");
    const contentSize = content ? parseFloat(getComputedStyle(content).fontSize) : 0;
    if (bodySize < options.minFont) problems.push(`body text is ${bodySize}px`);
    if (contentSize < options.minFont) problems.push(`content text is ${contentSize}px`);
    for (const el of document.body.querySelectorAll("*")) {
      if (skipped(el) || !visible(el)) continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!ownText) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      // ふりがな (<rt>, the やさしい日本語 edition) annotates a base that meets the rule itself; readings are set
      // at half the base's size by convention, so they are held to half the minimum.
      const minimum = el.tagName === "RT" ? options.minFont / 2 : options.minFont;
      if (size < minimum - 0.01) problems.push(`${describe(el)} has ${size}px text`);
    }
  }

  // 5. Tap targets at least minTarget × minTarget px, unless inline in running text.
  //    "Inline" (WCAG 2.5.8's exception): the link is laid out inline (display: inline) and the block it sits
  //    in (p, li, td, dd …) has other, non-link text, so its height is set by the line of text around it.
  if (options.checkTargets) {
    for (const el of document.body.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")) {
      if (skipped(el) || !visible(el)) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width >= options.minTarget - 0.5 && rect.height >= options.minTarget - 0.5) continue;
      const style = getComputedStyle(el);
      if (style.display === "inline") {
        const block = el.parentElement.closest("p, li, td, th, dd, dt, figcaption, blockquote");
        if (block) {
          const linkText = [...block.querySelectorAll("a, button")].map((a) => a.innerText).join("");
          const otherText = block.innerText.replace(/\s/g, "").length - linkText.replace(/\s/g, "").length;
          if (otherText > 0) continue;
        }
      }
      problems.push(`${describe(el)} is ${Math.round(rect.width)}×${Math.round(rect.height)}px, under ${options.minTarget}×${options.minTarget}`);
    }
  }

  // 6. A box to type words in shows at least six characters of its own text size (the finder's box showed
  //    about five at 200 % text while its paddings grew with the text). Every check, every size.
  for (const el of document.body.querySelectorAll("input[type=search], input[type=text], input:not([type]), textarea")) {
    if (!visible(el)) continue;
    const style = getComputedStyle(el);
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const characters = room / parseFloat(style.fontSize);
    if (characters < 6) problems.push(`${describe(el)} shows ${characters.toFixed(1)} characters, under 6`);
  }
  return problems;
}
