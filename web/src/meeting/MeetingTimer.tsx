import { useEffect, useState } from "react";
import { formatElapsed } from "./elapsed";

/** Time since this page joined the call, ticking each second. */
export function MeetingTimer() {
  const [since] = useState(() => Date.now());
  const [now, setNow] = useState(since);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const text = formatElapsed(now - since);
  return (
    <span className="meeting-timer" aria-label={`In the meeting for ${text}`} role="timer">
      {text}
    </span>
  );
}
