package io.earshot.bench;

/**
 * One part of the benchmark. A section measures, then adds its rows (and notes on what limits
 * them) to {@link BenchContext#report()}. To add one (trends), implement this and register
 * it in {@link Runner#SECTIONS}; {@code run all} runs every registered section in order.
 */
public interface Section {

    /** The name on the command line: {@code run <name>}. */
    String name();

    void run(BenchContext context) throws Exception;
}
