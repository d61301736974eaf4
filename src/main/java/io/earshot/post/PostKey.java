package io.earshot.post;

/** A post's identity: the platform and the platform's id for it. */
public record PostKey(String platform, String externalId) {

    @Override
    public String toString() {
        return platform + ":" + externalId;
    }
}
