package io.earshot.conversation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.earshot.account.User;

/** Finds {@code @username} mentions of teammates in a note. */
final class Mentions {

    // An @ that does not follow a word character or another @ (so e-mail addresses are not mentions).
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_@.])@([\\p{L}\\p{N}_.-]{1,100})");

    private static final int MAX_JOINED = 4000;

    private Mentions() {
    }

    /** The names after {@code @} in order of first appearance, trailing dots dropped ("@kim." ends a sentence). */
    static Set<String> candidates(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            while (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** Names space-separated as the column keeps them, as many whole names as fit; null for none. */
    static String joined(List<String> names) {
        StringBuilder joined = new StringBuilder();
        for (String name : names) {
            if (joined.length() + name.length() + 1 > MAX_JOINED) {
                break;
            }
            joined.append(joined.length() == 0 ? "" : " ").append(name);
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    /** The mentioned names that are users; any other {@code @name} stays plain text. */
    static List<String> resolve(String text) {
        Set<String> names = candidates(text);
        if (names.isEmpty()) {
            return List.of();
        }
        Set<String> known = new LinkedHashSet<>(
                User.<User>list("username in ?1", names).stream().map(u -> u.username).toList());
        List<String> found = new ArrayList<>();
        for (String name : names) {
            if (known.contains(name)) {
                found.add(name);
            }
        }
        return found;
    }
}
