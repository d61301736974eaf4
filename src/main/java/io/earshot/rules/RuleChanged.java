package io.earshot.rules;

/** Fired when a rule is created, edited or deleted; the matcher follows once the change commits. */
record RuleChanged(long ruleId, String query, boolean active) {
}
