import { useEffect, useRef } from "react";

/**
 * A live level bar for the previewed microphone, so guests can see it hears
 * them. It writes the level straight to the DOM: no re-render per frame.
 */
export function MicLevel({ track }: { track: MediaStreamTrack | null }) {
  const bar = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (!track || typeof AudioContext === "undefined") return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 256;
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    // Autoplay rules may start the context suspended until the first click.
    const resume = () => void context.resume();
    window.addEventListener("pointerdown", resume, { once: true });
    let frame = 0;
    const tick = () => {
      analyser.getByteTimeDomainData(samples);
      let peak = 0;
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample - 128));
      bar.current?.style.setProperty("--level", String(Math.min(1, peak / 64)));
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("pointerdown", resume);
      void context.close();
    };
  }, [track]);

  return (
    <span className="mic-level" aria-hidden="true">
      <span ref={bar} className="mic-level-bar" />
    </span>
  );
}
