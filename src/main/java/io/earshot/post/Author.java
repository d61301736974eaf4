package io.earshot.post;

/**
 * Who wrote a post.
 *
 * @param handle the author's handle on the platform, without a leading {@code @}
 * @param name display name, or {@code null}
 * @param followers follower count, or {@code null} when the platform did not say
 */
public record Author(String handle, String name, Long followers) {
}
