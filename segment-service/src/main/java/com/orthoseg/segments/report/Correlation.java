package com.orthoseg.segments.report;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

import java.util.Arrays;

/**
 * Pearson's r and Spearman's ρ (ties ranked by their average) between two measures of the same doctors,
 * each with its two-sided p-value under "no correlation": t = r·√((n−2)/(1−r²)) on n−2 degrees of
 * freedom, the test commons-math3's PearsonsCorrelation and scipy's pearsonr/spearmanr use. Coefficients
 * are null when they are undefined: fewer than 3 doctors, or a measure that does not vary.
 */
public record Correlation(String population, int doctors, Double pearson, Double pearsonP, Double spearman,
                          Double spearmanP) {

    static Correlation of(String population, double[] x, double[] y) {
        int n = x.length;
        if (n < 3 || constant(x) || constant(y)) {
            return new Correlation(population, n, null, null, null, null);
        }
        double r = new PearsonsCorrelation().correlation(x, y);
        double rho = new SpearmansCorrelation().correlation(x, y);
        return new Correlation(population, n, r, pValue(r, n), rho, pValue(rho, n));
    }

    static double pValue(double r, int n) {
        if (Math.abs(r) >= 1) {
            return 0;
        }
        double t = Math.abs(r) * Math.sqrt((n - 2) / (1 - r * r));
        return 2 * new TDistribution(null, n - 2).cumulativeProbability(-t);
    }

    private static boolean constant(double[] values) {
        return Arrays.stream(values).allMatch(v -> v == values[0]);
    }
}
