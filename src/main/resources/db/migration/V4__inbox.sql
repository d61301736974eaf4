-- The inbox's per-user state: how much of each conversation each teammate has seen, and their saved views.
-- A conversation is unread while it holds more messages than its reader saw (post times say nothing of
-- arrival: an import brings old posts today).

create table conversation_read (
    username         varchar(100) not null,
    conversation_id  bigint       not null references conversation (id) on delete cascade,
    seen_messages    integer      not null,
    read_at          timestamp with time zone not null,
    primary key (username, conversation_id)
);

create sequence saved_view_seq start with 1 increment by 50;
create table saved_view (
    id          bigint        primary key,
    username    varchar(100)  not null,
    name        varchar(100)  not null,
    query       varchar(2000) not null,
    created_at  timestamp with time zone not null,
    constraint saved_view_name unique (username, name)
);
