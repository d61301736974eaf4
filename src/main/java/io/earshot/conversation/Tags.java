package io.earshot.conversation;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.earshot.web.ApiException;

/** Tag rules: trimmed, lower-case, 1-64 characters of letters, digits and {@code - _ . :}. */
public final class Tags {

    public static final int MAX_LENGTH = 64;
    private static final Pattern SAFE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.:-]*");

    private Tags() {
    }

    /** The tag as stored, or a 400 saying what is wrong with it. */
    public static String normalise(String raw) {
        if (raw == null) {
            throw ApiException.badRequest("invalid tag", "a tag cannot be null");
        }
        String tag = raw.strip().toLowerCase(Locale.ROOT);
        if (tag.isEmpty() || tag.length() > MAX_LENGTH) {
            throw ApiException.badRequest("invalid tag", "a tag has 1-" + MAX_LENGTH + " characters; got '"
                    + abbreviate(tag) + "'");
        }
        if (!SAFE.matcher(tag).matches()) {
            throw ApiException.badRequest("invalid tag", "a tag starts with a letter or digit and holds only letters, "
                    + "digits, '-', '_', '.' and ':'; got '" + abbreviate(tag) + "'");
        }
        return tag;
    }

    /** Every tag normalised, duplicates dropped, first spelling first. */
    public static Set<String> normaliseAll(Collection<String> raw) {
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : raw) {
            tags.add(normalise(tag));
        }
        return tags;
    }

    private static String abbreviate(String tag) {
        return tag.length() <= 80 ? tag : tag.substring(0, 79) + "…";
    }
}
