-- Messages stored but not yet counted in the trend rollups (io.earshot.trends.PendingRollups).
--
-- Counting each ingest batch in the transaction that stored it took about 30% of the CPU of an
-- every-match ingest (the words' day upserts above all) and a third of the storing thread's time. A
-- storing transaction now only adds its message ids here; a folder counts them a second or two
-- later, many batches at once, and deletes their rows in the transaction that adds their counts. A
-- row is counted by whichever transaction deletes it, so a message is counted once even when a
-- crash or another instance gets in between; rows left by a crash are counted at the next start.
create table trend_pending (
    message_id  bigint not null primary key
);
