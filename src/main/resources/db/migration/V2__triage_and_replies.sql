-- Triage history, internal notes, canned replies and outbound replies with their outbox.
-- Runs unchanged on H2 and PostgreSQL; ids come from sequences in blocks of 50, as in V1.

-- Who changed what on a conversation, and when: one row per change.
create sequence audit_entry_seq start with 1 increment by 50;
create table audit_entry (
    id               bigint        primary key,
    conversation_id  bigint        not null references conversation (id) on delete cascade,
    actor            varchar(100)  not null,
    action           varchar(32)   not null,
    from_value       varchar(1000),
    to_value         varchar(1000),
    at               timestamp with time zone not null
);
create index audit_entry_conversation on audit_entry (conversation_id, at, id);

-- Internal notes: shown to staff in the thread, never sent out.
create sequence conversation_note_seq start with 1 increment by 50;
create table conversation_note (
    id               bigint         primary key,
    conversation_id  bigint         not null references conversation (id) on delete cascade,
    author           varchar(100)   not null,
    text             varchar(20000) not null,
    mentions         varchar(4000),
    created_at       timestamp with time zone not null
);
create index conversation_note_conversation on conversation_note (conversation_id, created_at, id);

create sequence canned_reply_seq start with 1 increment by 50;
create table canned_reply (
    id          bigint         primary key,
    name        varchar(200)   not null unique,
    text        varchar(20000) not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null
);

-- A reply written in the inbox and its delivery state: queued, published, sent or failed.
create sequence reply_seq start with 1 increment by 50;
create table reply (
    id               bigint         primary key,
    conversation_id  bigint         not null references conversation (id),
    external_id      varchar(64)    not null unique,
    platform         varchar(32)    not null,
    in_reply_to      varchar(256)   not null,
    brand_handle     varchar(100),
    agent            varchar(100)   not null,
    text             varchar(20000) not null,
    state            varchar(16)    not null,
    platform_id      varchar(256),
    failure_reason   varchar(1000),
    attempts         integer        not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create index reply_conversation on reply (conversation_id, created_at);

-- The transactional outbox: one row per delivery attempt, written in the reply's transaction,
-- marked published by the relay once Kafka has committed it.
create sequence reply_outbox_seq start with 1 increment by 50;
create table reply_outbox (
    id            bigint  primary key,
    reply_id      bigint  not null references reply (id),
    published_at  timestamp with time zone,
    created_at    timestamp with time zone not null
);
create index reply_outbox_pending on reply_outbox (published_at, id);
