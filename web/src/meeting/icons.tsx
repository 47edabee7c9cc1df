// Icons drawn here rather than as emoji: not every system has an emoji font.

export function HandIcon({ size = 16 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="currentColor" aria-hidden="true">
      <path d="M7 1.5a1 1 0 0 1 2 0V7h.5V2.5a1 1 0 0 1 2 0V8h.5V4.5a1 1 0 0 1 2 0v5.2c0 2.9-2.1 5.3-5 5.3-1.9 0-3.2-.8-4.3-2.3L2.3 9.6a1 1 0 0 1 1.6-1.2L5 9.8V3a1 1 0 0 1 2 0v4h0z" />
    </svg>
  );
}

export function SmileIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <circle cx="8" cy="8" r="6.5" />
      <path d="M5.2 9.6c.7 1 1.6 1.5 2.8 1.5s2.1-.5 2.8-1.5" strokeLinecap="round" />
      <circle cx="6" cy="6.3" r=".6" fill="currentColor" />
      <circle cx="10" cy="6.3" r=".6" fill="currentColor" />
    </svg>
  );
}
