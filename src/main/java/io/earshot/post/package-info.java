/**
 * The post envelope: the one input format every source speaks.
 *
 * <p>{@link io.earshot.post.EnvelopeParser} validates an envelope (required fields, types, limits,
 * UTF-8, timestamps) and refuses with a reason a person can act on; {@link io.earshot.post.EntityExtractor}
 * finds hashtags, mentions, cashtags and URLs with twitter-text. What comes out is an immutable
 * {@link io.earshot.post.Post}. Nothing here touches storage.
 */
package io.earshot.post;
