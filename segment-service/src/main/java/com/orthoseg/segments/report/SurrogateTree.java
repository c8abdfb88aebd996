package com.orthoseg.segments.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A small classification tree (CART: binary splits on one feature at a time, Gini impurity) fitted to
 * the segments a scheme gave, so that the thresholds that separate segments can be said in words.
 * Written here because commons-math3 has no trees and a machine-learning library (Smile, Tribuo) would
 * bring tens of megabytes into the service, and its native image, for some hundred lines.
 */
final class SurrogateTree {

    /** One leaf as a rule: every condition on the path to it (bounds on one feature merged), and how often it is right. */
    record Rule(String conditions, int label, int doctors, int correct) {
    }

    record Fit(List<Rule> rules, int correct, int doctors) {
    }

    private sealed interface Node permits Leaf, Split {
    }

    private record Leaf(int label, int doctors, int correct) implements Node {
    }

    private record Split(int feature, double threshold, Node below, Node above) implements Node {
    }

    private final double[][] x;
    private final int[] labels;
    private final int classes;
    private final List<String> features;
    private final int maxDepth;
    private final int minLeaf;
    /** per feature, every doctor in ascending order of its value: sorted once, then swept at every node */
    private final int[][] ascending;

    private SurrogateTree(double[][] x, int[] labels, int classes, List<String> features, int maxDepth, int minLeaf) {
        this.x = x;
        this.labels = labels;
        this.classes = classes;
        this.features = features;
        this.maxDepth = maxDepth;
        this.minLeaf = minLeaf;
        this.ascending = new int[features.size()][];
        for (int f = 0; f < features.size(); f++) {
            int feature = f;
            ascending[f] = IntStream.range(0, labels.length).boxed()
                    .sorted(Comparator.comparingDouble(i -> x[i][feature])).mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * @param x       one row per doctor, one column per feature, no missing values
     * @param labels  each doctor's class, 0 … classes − 1
     * @param minLeaf the fewest doctors a leaf may hold
     */
    static Fit fit(double[][] x, int[] labels, int classes, List<String> features, int maxDepth, int minLeaf) {
        SurrogateTree tree = new SurrogateTree(x, labels, classes, features, maxDepth, minLeaf);
        int[] all = new int[labels.length];
        Arrays.setAll(all, i -> i);
        Node root = tree.grow(all, 0);
        List<Rule> rules = new ArrayList<>();
        tree.rules(root, new LinkedHashMap<>(), rules);
        return new Fit(rules, rules.stream().mapToInt(Rule::correct).sum(), labels.length);
    }

    private Node grow(int[] doctors, int depth) {
        int[] counts = counts(doctors);
        int majority = majority(counts);
        Leaf leaf = new Leaf(majority, doctors.length, counts[majority]);
        if (depth == maxDepth || counts[majority] == doctors.length || doctors.length < 2 * minLeaf) {
            return leaf;
        }
        boolean[] inNode = new boolean[labels.length];
        for (int i : doctors) {
            inNode[i] = true;
        }
        double bestImpurity = gini(counts, doctors.length) - 1e-9;
        int bestFeature = -1;
        double bestThreshold = 0;
        for (int feature = 0; feature < features.size(); feature++) {
            int[] below = new int[classes];
            int[] above = counts.clone();
            int nBelow = 0;
            int previous = -1;
            for (int i : ascending[feature]) {
                if (!inNode[i]) {
                    continue;
                }
                if (previous >= 0 && x[previous][feature] != x[i][feature] && nBelow >= minLeaf && doctors.length - nBelow >= minLeaf) {
                    double impurity = (nBelow * gini(below, nBelow) + (doctors.length - nBelow) * gini(above, doctors.length - nBelow))
                            / doctors.length;
                    if (impurity < bestImpurity) {
                        bestImpurity = impurity;
                        bestFeature = feature;
                        bestThreshold = x[previous][feature] + (x[i][feature] - x[previous][feature]) / 2;
                    }
                }
                below[labels[i]]++;
                above[labels[i]]--;
                nBelow++;
                previous = i;
            }
        }
        if (bestFeature < 0) {
            return leaf;
        }
        int feature = bestFeature;
        double threshold = bestThreshold;
        Node below = grow(Arrays.stream(doctors).filter(i -> x[i][feature] <= threshold).toArray(), depth + 1);
        Node above = grow(Arrays.stream(doctors).filter(i -> x[i][feature] > threshold).toArray(), depth + 1);
        if (below instanceof Leaf b && above instanceof Leaf a && a.label() == b.label()) {
            return leaf;
        }
        return new Split(feature, threshold, below, above);
    }

    private int[] counts(int[] doctors) {
        int[] counts = new int[classes];
        for (int i : doctors) {
            counts[labels[i]]++;
        }
        return counts;
    }

    private static int majority(int[] counts) {
        int best = 0;
        for (int c = 1; c < counts.length; c++) {
            best = counts[c] > counts[best] ? c : best;
        }
        return best;
    }

    private static double gini(int[] counts, int n) {
        double sum = 0;
        for (int count : counts) {
            double share = count / (double) n;
            sum += share * share;
        }
        return 1 - sum;
    }

    /** bounds: feature → {lower (exclusive), upper (inclusive)} on the path so far */
    private void rules(Node node, Map<Integer, double[]> bounds, List<Rule> rules) {
        if (node instanceof Leaf leaf) {
            rules.add(new Rule(describe(bounds), leaf.label(), leaf.doctors(), leaf.correct()));
            return;
        }
        Split split = (Split) node;
        double[] current = bounds.getOrDefault(split.feature(), new double[]{Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY});
        Map<Integer, double[]> below = new LinkedHashMap<>(bounds);
        below.put(split.feature(), new double[]{current[0], Math.min(current[1], split.threshold())});
        rules(split.below(), below, rules);
        Map<Integer, double[]> above = new LinkedHashMap<>(bounds);
        above.put(split.feature(), new double[]{Math.max(current[0], split.threshold()), current[1]});
        rules(split.above(), above, rules);
    }

    private String describe(Map<Integer, double[]> bounds) {
        if (bounds.isEmpty()) {
            return "every doctor";
        }
        List<String> conditions = new ArrayList<>();
        bounds.forEach((feature, range) -> {
            String name = features.get(feature);
            boolean lower = range[0] != Double.NEGATIVE_INFINITY;
            boolean upper = range[1] != Double.POSITIVE_INFINITY;
            if (lower && upper) {
                conditions.add(number(range[0]) + " < " + name + " ≤ " + number(range[1]));
            } else if (lower) {
                conditions.add(name + " > " + number(range[0]));
            } else {
                conditions.add(name + " ≤ " + number(range[1]));
            }
        });
        return String.join(" and ", conditions);
    }

    /** Four significant digits: enough that a threshold between two neighbouring values is not rounded onto one of them. */
    static String number(double value) {
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
