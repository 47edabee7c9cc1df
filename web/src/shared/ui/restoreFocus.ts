/**
 * Gives focus back to `target` when something it opened closes, if it is still
 * on the page and shown; else to `fallback`. Without this, focus falls to <body>
 * and keyboard and screen-reader users lose their place.
 */
export function restoreFocus(target: HTMLElement | null, fallback?: () => HTMLElement | null) {
  // After React has removed the closed element, so nothing takes focus back.
  window.setTimeout(() => {
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return; // focus moved on already
    if (isShown(target)) target.focus();
    if (document.activeElement !== target) {
      const other = fallback?.();
      if (isShown(other)) other.focus();
    }
  }, 0);
}

/** On the page, rendered and enabled: inside a closed <details> does not count. */
export function isShown(el: HTMLElement | null | undefined): el is HTMLElement {
  return !!el && el.isConnected && el.checkVisibility() && !el.matches(":disabled");
}
