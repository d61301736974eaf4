-- Words' day counts move to a table of their own, and trend_day loses the covering index of V6.
--
-- Every ingest batch adds to the day rows of the words it holds: thousands of rows a batch, most of
-- the rollup writes, updating the same rows all day. With n in an index (trend_day_counts) no such
-- update could stay on its heap page (HOT), so each one wrote new index entries, and without a
-- vacuum in between the dead ones piled up: measured on PostgreSQL, 2,500-row upserts 1,500 times
-- on one day took 24 ms each without that index and 55-111 ms with it, and the table grew to 517 MB
-- instead of 7 MB. A soak of steady ingest slowed down as it went.
--
-- The index was there for top hashtags (GET /api/trends/top), which sum every hashtag day row of a
-- period: with the words elsewhere, trend_day holds rules and hashtags only, a few rows a day each,
-- and that sum reads a small, dense table instead of picking rows out of one mostly made of words.
create table trend_term_day (
    series        varchar(200) not null,
    bucket_start  timestamp with time zone not null,
    n             bigint not null,
    primary key (series, bucket_start)
);

insert into trend_term_day (series, bucket_start, n)
    select series, bucket_start, n from trend_day where series >= 'term:' and series < 'term;';
delete from trend_day where series >= 'term:' and series < 'term;';
drop index trend_day_counts;
