package io.earshot.bench.generate;

/**
 * A made-up brand that posts talk about: its name ({@code zentrix}), support handle
 * ({@code ZentrixSupport}) and complaint hashtag ({@code zentrixfail}). Every term of a brand starts
 * with its {@link #prefix()}, which no other brand and no background word starts with.
 */
public record Brand(int index, String name) {

    /** Length of the prefix in prefix rules, and of the prefix that tells brands apart. */
    public static final int PREFIX_LENGTH = 6;

    public String display() {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    public String handle() {
        return display() + "Support";
    }

    public String failTag() {
        return name + "fail";
    }

    public String prefix() {
        return name.substring(0, PREFIX_LENGTH);
    }
}
