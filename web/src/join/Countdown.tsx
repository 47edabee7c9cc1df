import { formatMoment, formatWait } from "../shared/time";

interface Props {
  /** When the wait is over. */
  at: Date;
  now: number;
  /** The visible sentence, given the time left in words ("4 min 09 s", "2 days"). */
  text: (left: string) => string;
  /** What a screen reader hears, given the time left at minute precision. */
  spoken: (left: string) => string;
}

/**
 * A countdown that ticks on screen every second but is announced politely once a
 * minute: the ticking text is hidden from assistive technology, and a separate live
 * region holds a minute-precise sentence, whose text (so announcement) changes only
 * when the minute does.
 */
export function Countdown({ at, now, text, spoken }: Props) {
  const left = (at.getTime() - now) / 1000;
  return (
    <>
      <span aria-hidden="true">{text(formatWait(left))}</span>
      <span className="visually-hidden" aria-live="polite" aria-atomic="true">
        {spoken(formatWait(left, false))}
      </span>
    </>
  );
}

/** "Joining opens at 10:50 (in 2 days)", shown before the guest has typed anything. */
export function JoinOpens({ opensAt, now }: { opensAt: Date; now: number }) {
  return (
    <div className="alert alert-info join-opens" data-testid="join-opens">
      <p>
        <Countdown
          at={opensAt}
          now={now}
          text={(left) => `Joining opens at ${formatMoment(opensAt, new Date(now))} (in ${left}).`}
          spoken={(left) => `Joining opens at ${formatMoment(opensAt, new Date(now))}, in ${left}.`}
        />
      </p>
      <p>Fill in your name now: this page lets you in when it opens.</p>
    </div>
  );
}
