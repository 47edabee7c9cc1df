-- Every join reads the meeting's co-hosts, and the waiting room its hosts: a handful
-- of rows among every identity the meeting ever issued a token to (thousands in a
-- large meeting, more with every rejoin), so each has an index of its own instead
-- of a scan of them all on every join.
CREATE INDEX issued_identities_cohosts_idx ON issued_identities (meeting_id, cohost_at, identity)
    WHERE cohost_at IS NOT NULL;
CREATE INDEX issued_identities_hosts_idx ON issued_identities (meeting_id)
    WHERE is_host OR cohost_at IS NOT NULL;
