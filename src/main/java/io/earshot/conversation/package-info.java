/**
 * Conversations: reply trees of posts with their triage state.
 *
 * <p>{@link io.earshot.conversation.ConversationWriter} decides which posts of a batch enter the
 * inbox, threads them (holding replies whose parent has not entered yet, merging conversations that
 * turn out to be one tree) and stores them in one transaction with a fixed number of queries per
 * batch. {@link io.earshot.conversation.ConversationService} reads the queue and whole threads.
 * Entities are Panache active records that own their queries.
 */
package io.earshot.conversation;
