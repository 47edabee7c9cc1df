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
    const usable = (el: HTMLElement | null | undefined): el is HTMLElement =>
      !!el && el.isConnected && el.getClientRects().length > 0 && !el.matches(":disabled");
    if (usable(target)) target.focus();
    else {
      const other = fallback?.();
      if (usable(other)) other.focus();
    }
  }, 0);
}
