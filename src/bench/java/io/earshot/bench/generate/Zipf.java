package io.earshot.bench.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s: a few items are common, most are rare. */
final class Zipf {

    private final double[] cumulative;

    Zipf(int n, double s) {
        if (n < 1) {
            throw new IllegalArgumentException("a Zipf distribution needs at least one item");
        }
        cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / Math.pow(i + 1, s);
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
    }

    int next(SplittableRandom random) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }

    int size() {
        return cumulative.length;
    }
}
