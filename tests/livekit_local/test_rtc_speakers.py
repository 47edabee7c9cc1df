"""Active speaker detection (livekit_local.rtc.speakers), on synthetic audio levels."""

from __future__ import annotations

from livekit_local.rtc.speakers import ACTIVE_THRESHOLD, AudioLevel, speaker_changes

PACKET = 960  # 20 ms of Opus at 48 kHz


def feed(level: AudioLevel, dbov: int, packets: int, start_ts: int = 0, now: float = 100.0) -> int:
    ts = start_ts
    for i in range(packets):
        ts += PACKET
        level.observe_rtp(dbov, ts, now + i * 0.02)
    return ts


def test_loud_audio_is_active_and_silence_is_not() -> None:
    loud = AudioLevel()
    feed(loud, 10, 50)  # -10 dBov for a second
    value, speaking = loud.level(now=101.0)
    assert speaking
    assert value > ACTIVE_THRESHOLD

    quiet = AudioLevel()
    feed(quiet, 90, 50)  # -90 dBov: background noise
    assert quiet.level(now=101.0) == (0.0, False)


def test_brief_sounds_are_not_speech() -> None:
    level = AudioLevel()
    ts = 0
    for _ in range(5):
        # one loud packet in every twenty: under the 40 % activity a window needs
        ts = feed(level, 5, 1, ts)
        ts = feed(level, 100, 19, ts)
    assert level.level(now=100.5)[1] is False


def test_a_track_that_stops_sending_goes_quiet() -> None:
    level = AudioLevel()
    feed(level, 10, 50, now=100.0)
    assert level.level(now=101.0)[1]
    # nothing observed for longer than two update intervals
    assert level.level(now=102.5) == (0.0, False)


def test_changes_include_who_stopped_speaking() -> None:
    first = speaker_changes({"PA_a": 0.5, "PA_b": 0.9}, {})
    assert [(s.sid, s.active) for s in first] == [("PA_b", True), ("PA_a", True)]
    same = speaker_changes({"PA_a": 0.5, "PA_b": 0.9}, {"PA_a": 0.5, "PA_b": 0.9})
    assert same == []
    later = speaker_changes({"PA_b": 0.7}, {"PA_a": 0.5, "PA_b": 0.9})
    assert [(s.sid, s.level, s.active) for s in later] == [
        ("PA_b", 0.699999988079071, True),
        ("PA_a", 0.0, False),
    ]
