-- Earshot's schema: runs unchanged on H2 and PostgreSQL. Ids come from sequences in blocks of 50
-- (Hibernate's pooled optimizer), so inserts batch.

create sequence app_user_seq start with 1 increment by 50;
create table app_user (
    id          bigint       primary key,
    username    varchar(100) not null unique,
    password    varchar(100) not null,
    role        varchar(20)  not null,
    created_at  timestamp with time zone not null
);

create sequence rule_seq start with 1 increment by 50;
create table listening_rule (
    id          bigint        primary key,
    name        varchar(200)  not null,
    query       varchar(4000) not null,
    enabled     boolean       not null,
    deleted     boolean       not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null
);

create sequence conversation_seq start with 1 increment by 50;
create table conversation (
    id                bigint      primary key,
    status            varchar(16) not null,
    assignee          varchar(100),
    priority          varchar(16) not null,
    message_count     integer     not null,
    root_message_id   bigint,
    created_at        timestamp with time zone not null,
    last_activity_at  timestamp with time zone not null
);
create index conversation_activity on conversation (last_activity_at desc, id desc);
create index conversation_status_activity on conversation (status, last_activity_at desc, id desc);

create table conversation_rule (
    conversation_id  bigint not null references conversation (id) on delete cascade,
    rule_id          bigint not null,
    primary key (conversation_id, rule_id)
);
create index conversation_rule_rule on conversation_rule (rule_id, conversation_id);

create table conversation_tag (
    conversation_id  bigint      not null references conversation (id) on delete cascade,
    tag              varchar(64) not null,
    primary key (conversation_id, tag)
);

create sequence message_seq start with 1 increment by 50;
create table message (
    id                bigint        primary key,
    conversation_id   bigint        not null references conversation (id),
    platform          varchar(32)   not null,
    external_id       varchar(256)  not null,
    in_reply_to       varchar(256),
    direction         varchar(8)    not null,
    author_handle     varchar(100)  not null,
    author_name       varchar(200),
    author_followers  bigint,
    text              varchar(20000) not null,
    created_at        timestamp with time zone not null,
    lang              varchar(16),
    url               varchar(2048),
    hashtags          varchar(4000),
    mentions          varchar(4000),
    cashtags          varchar(4000),
    urls              varchar(10000),
    raw               varchar(262144) not null,
    received_at       timestamp with time zone not null,
    constraint message_post unique (external_id, platform)
);
create index message_conversation on message (conversation_id, created_at);
create index message_parent on message (in_reply_to, platform);

create table message_rule (
    message_id  bigint not null references message (id) on delete cascade,
    rule_id     bigint not null,
    primary key (message_id, rule_id)
);

-- Replies whose parent has not arrived (or is not in the inbox yet): linked when it comes.
create sequence held_reply_seq start with 1 increment by 50;
create table held_reply (
    id           bigint        primary key,
    platform     varchar(32)   not null,
    external_id  varchar(256)  not null,
    in_reply_to  varchar(256)  not null,
    raw          varchar(262144) not null,
    received_at  timestamp with time zone not null,
    constraint held_reply_post unique (external_id, platform)
);
create index held_reply_parent on held_reply (in_reply_to, platform);
create index held_reply_received on held_reply (received_at);

create sequence dead_letter_seq start with 1 increment by 50;
create table dead_letter (
    id              bigint        primary key,
    source          varchar(32)   not null,
    position        varchar(64),
    record_key      varchar(300)  unique,
    reason          varchar(1000) not null,
    payload         varchar(262144) not null,
    payload_bytes   bigint        not null,
    received_at     timestamp with time zone not null
);
create index dead_letter_received on dead_letter (received_at desc, id desc);
