/**
 * The Lucene side of Earshot: the shared analysis and query language, and the search index.
 *
 * <p>{@link io.earshot.search.PostAnalyzer}, {@link io.earshot.search.PostDocuments} and
 * {@link io.earshot.search.QueryLanguage} are used by rules and search alike, so both read a query
 * the same way. {@link io.earshot.search.PostIndex} is derived from the database: it is updated by
 * message id after each batch commits, refreshed near-real-time, and on start-up catches up with
 * whatever the database holds above its last committed id.
 */
package io.earshot.search;
