/**
 * Sources and the pipeline they feed.
 *
 * <p>Kafka ({@link io.earshot.ingest.KafkaPostSource}), HTTP ({@link io.earshot.ingest.PostResource})
 * and file import ({@link io.earshot.ingest.ImportResource} with the NDJSON and twcs readers) hand
 * batches of {@link io.earshot.ingest.RawPost} to {@link io.earshot.ingest.IngestPipeline}, which
 * prepares them (parse, extract, match) and commits them (dead letters, conversations, index) in
 * that order. A source acknowledges its input only after the commit. Refused records are kept as
 * dead letters with their reason, in the database and on the dead-letter topic.
 */
package io.earshot.ingest;
