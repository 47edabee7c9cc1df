import { useCallback, useEffect, useRef, useState } from "react";
import { type ApiClient, errorMessage, type Meeting, type MeetingStatus, unwrap } from "../shared/api";

const PAGE_SIZE = 50;
const MAX_LIMIT = 100; // the API's ceiling for ?limit
const QUIET_REFRESH_MS = 15_000;

interface PageQuery {
  status?: MeetingStatus | undefined;
  limit: number;
  cursor?: string;
}

function listMeetings(api: ApiClient, { status, limit, cursor }: PageQuery) {
  const query = { limit, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) };
  return unwrap(api.GET("/api/meetings", { params: { query } }));
}

export interface MeetingsState {
  meetings: Meeting[] | null;
  error: string | null;
  refreshing: boolean;
  updatedAt: Date | null;
  hasMore: boolean;
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
  /** Puts a meeting the page just changed into the list without a round trip. */
  upsert: (meeting: Meeting) => void;
}

/**
 * The meetings list with a manual refresh and a quiet periodic one (paused
 * while the tab is hidden). A refresh re-reads as many rows as are shown, so
 * "Load more" pages are not dropped; responses that arrive out of order are
 * ignored.
 */
export function useMeetings(api: ApiClient, status: MeetingStatus | undefined): MeetingsState {
  const [meetings, setMeetings] = useState<Meeting[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const shown = useRef(PAGE_SIZE);
  const latest = useRef(0);

  const load = useCallback(
    async (quiet: boolean) => {
      const request = ++latest.current;
      if (!quiet) setRefreshing(true);
      try {
        // Pages run newest start first, so many far-future meetings could push the
        // live ones off the first page: those are read on their own and merged in.
        const [page, live] = await Promise.all([
          listMeetings(api, {
            status,
            limit: Math.min(MAX_LIMIT, Math.max(PAGE_SIZE, shown.current)),
          }),
          status ? null : listMeetings(api, { status: "ACTIVE", limit: MAX_LIMIT }),
        ]);
        if (request !== latest.current) return;
        const listed = new Set(page.meetings.map((m) => m.id));
        const missing = live?.meetings.filter((m) => !listed.has(m.id)) ?? [];
        setMeetings([...missing, ...page.meetings]);
        setCursor(page.nextCursor);
        setError(null);
        setUpdatedAt(new Date());
      } catch (err) {
        if (request === latest.current) setError(errorMessage(err));
      } finally {
        if (request === latest.current) setRefreshing(false);
      }
    },
    [api, status],
  );

  useEffect(() => {
    shown.current = PAGE_SIZE;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- another filter: forget the old rows at once
    setMeetings(null);
    void load(false);
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void load(true);
    }, QUIET_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    const request = ++latest.current;
    setRefreshing(true);
    try {
      const page = await listMeetings(api, { status, limit: PAGE_SIZE, cursor });
      if (request !== latest.current) return;
      setMeetings((current) => {
        const have = new Set((current ?? []).map((m) => m.id));
        const merged = [...(current ?? []), ...page.meetings.filter((m) => !have.has(m.id))];
        shown.current = merged.length;
        return merged;
      });
      setCursor(page.nextCursor);
    } catch (err) {
      if (request === latest.current) setError(errorMessage(err));
    } finally {
      if (request === latest.current) setRefreshing(false);
    }
  }, [api, status, cursor]);

  const upsert = useCallback((meeting: Meeting) => {
    setMeetings((current) => {
      if (!current) return [meeting];
      const index = current.findIndex((m) => m.id === meeting.id);
      if (index === -1) return [meeting, ...current];
      const copy = current.slice();
      copy[index] = meeting;
      return copy;
    });
  }, []);

  return {
    meetings,
    error,
    refreshing,
    updatedAt,
    hasMore: cursor !== null,
    refresh: () => load(false),
    loadMore,
    upsert,
  };
}
