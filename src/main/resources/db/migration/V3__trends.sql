-- Trends: volume rollups (derived from message, rebuilt by POST /api/admin/reindex) and spike alerts.
-- A series is 'rule:<id>', 'hashtag:<folded tag>' or 'term:<analysed word>'; n counts stored messages
-- created in the bucket [bucket_start, bucket_start + width). Buckets are UTC minutes, hours and days.

create table trend_minute (
    series        varchar(200) not null,
    bucket_start  timestamp with time zone not null,
    n             bigint not null,
    primary key (series, bucket_start)
);

create table trend_hour (
    series        varchar(200) not null,
    bucket_start  timestamp with time zone not null,
    n             bigint not null,
    primary key (series, bucket_start)
);

create table trend_day (
    series        varchar(200) not null,
    bucket_start  timestamp with time zone not null,
    n             bigint not null,
    primary key (series, bucket_start)
);

create sequence trend_alert_seq start with 1 increment by 50;
create table trend_alert (
    id            bigint primary key,
    rule_id       bigint not null,
    bucket_start  timestamp with time zone not null,
    n             bigint not null,
    baseline      double precision not null,
    score         double precision not null,
    created_at    timestamp with time zone not null,
    constraint trend_alert_bucket unique (rule_id, bucket_start)
);
create index trend_alert_newest on trend_alert (bucket_start desc, id desc);
