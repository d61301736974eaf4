-- Rules' and hashtags' week counts, and an index on each rollup table's bucket_start, for top values.
--
-- GET /api/trends/top?field=hashtag sums every hashtag's rows over a period and the one before it.
-- From day rows alone, 30 days and the 30 before took 60 rows a busy hashtag: measured on PostgreSQL
-- with 10 million posts (3,049 hashtags), 33,000 rows and 11 ms of the statement. Weeks (ISO, from
-- Monday 00:00 UTC) take 6 of those 60; the days beside them are found through their bucket_start
-- instead of walking every hashtag's days in the primary key: 13,400 rows, 7 ms, and the database
-- ranks them and returns the top ten instead of every hashtag. Words (trend_term_day) stay per day.
--
-- The new indexes leave the counts' updates in place (HOT): they hold no column an update changes.
create table trend_week (
    series        varchar(200) not null,
    bucket_start  timestamp with time zone not null,
    n             bigint not null,
    primary key (series, bucket_start)
);

-- The Monday on or before each day, by arithmetic both PostgreSQL and H2 read the same way.
insert into trend_week (series, bucket_start, n)
    select series, week_start, sum(n) from (
        select series, n, bucket_start - interval '1' day
                * mod(mod(cast(floor(extract(epoch from bucket_start) / 86400) as bigint) - 4, 7) + 7, 7) as week_start
        from trend_day
    ) days
    group by series, week_start;

create index trend_week_bucket on trend_week (bucket_start);
create index trend_day_bucket on trend_day (bucket_start);
create index trend_hour_bucket on trend_hour (bucket_start);
create index trend_minute_bucket on trend_minute (bucket_start);
