-- A meeting's revision for calendar invitations (RFC 5545 SEQUENCE): raised on
-- every change, so a calendar replaces the event it holds instead of keeping both.
ALTER TABLE meetings ADD COLUMN sequence integer NOT NULL DEFAULT 0 CHECK (sequence >= 0);
