-- Fixed-window counters for the service's rate limits: chat posts per participant and
-- per meeting, room lookups that miss, failed admin-key attempts. One row per
-- (limit, key, window); one INSERT ... ON CONFLICT counts a request atomically, so
-- concurrent requests never lose an increment. Finished windows are purged by the
-- lifecycle pass.
CREATE TABLE rate_counters (
    scope        text        NOT NULL,
    key          text        NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer     NOT NULL,
    PRIMARY KEY (scope, key, window_start)
);

CREATE INDEX rate_counters_window_start_idx ON rate_counters (window_start);
