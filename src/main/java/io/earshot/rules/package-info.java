/**
 * Listening rules and the matcher that runs them.
 *
 * <p>A {@link io.earshot.rules.Rule} is a named query in the query language of
 * {@link io.earshot.search.QueryLanguage}. {@link io.earshot.rules.RuleMatcher} registers every
 * enabled rule in a Lucene Monitor and matches batches of posts against all of them at once; a
 * custom presearcher handler keeps prefix rules from running against every post.
 * {@link io.earshot.rules.RuleService} keeps the matcher in step with the database.
 */
package io.earshot.rules;
