-- The relay now claims rows in id order without checking every row's key for an older pending row: per-key order
-- comes from claiming in id order and producing in that order. Only a row that failed and waits for its retry
-- holds its key's later rows back, so the key index shrinks to those rows (normally none) and inserts stop paying
-- for it.
DROP INDEX IF EXISTS ix_outbox_messages_key_id;

CREATE INDEX IF NOT EXISTS ix_outbox_messages_retrying ON outbox_messages (message_key, id) WHERE attempts > 0;
