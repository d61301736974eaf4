-- The inbox's window of activity (from/to, the incident view of a spike) asks for conversations with a
-- message created in [from, to). For a recent window the queue walks its activity index and probes
-- message_conversation; for an older one this index finds the window's messages directly instead of
-- scanning the table (PostgreSQL, 1M messages: 222 ms without it, 20 ms with it).
create index message_created on message (created_at, conversation_id);
