package com.orthoseg.segments;

import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;

/**
 * The point t* on the line from one prototype to another where a version's two nearest centroids are
 * equally far, computed from the version's published parameters (inputs, means, scales, centroids), and a
 * step δ small enough that the distance ratio on either side stays within the hysteresis.
 */
record Border(JsonPath model, int from, int to, double t, double delta) {

    static Border between(int a, int b, JsonPath model) {
        int nearA = nearest(model, a, b, 0);
        int nearB = nearest(model, a, b, 1);
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            double[] d = distances(model, a, b, mid);
            if (d[nearA] < d[nearB]) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double t = (lo + hi) / 2;
        double hysteresis = model.getDouble("params.hysteresis");
        double delta = 0.1;
        while (ratioSpread(model, a, b, t, delta, nearA, nearB) > hysteresis / 2) {
            delta /= 2;
        }
        return new Border(model, a, b, t, delta);
    }

    int nearest(double at) {
        return nearest(model, from, to, at);
    }

    private static int nearest(JsonPath model, int a, int b, double at) {
        double[] d = distances(model, a, b, at);
        int best = 0;
        for (int c = 1; c < d.length; c++) {
            if (d[c] < d[best]) {
                best = c;
            }
        }
        return best;
    }

    private static double ratioSpread(JsonPath model, int a, int b, double t, double delta, int nearA, int nearB) {
        double spread = 0;
        for (double at : new double[]{t - delta, t + delta}) {
            double[] d = distances(model, a, b, at);
            spread = Math.max(spread, Math.abs(1 - d[nearA] / d[nearB]));
        }
        return spread;
    }

    /** The point's distance to every centroid, standardized as the version does it. */
    static double[] distances(JsonPath model, int a, int b, double t) {
        Map<String, Double> features = GeneratedDoctors.between(a, b, t, null, 0);
        List<String> names = model.getList("params.inputs.name");
        List<String> transforms = model.getList("params.inputs.transform");
        List<Float> means = model.getList("params.means", Float.class);
        List<Float> scales = model.getList("params.scales", Float.class);
        List<List<Float>> centroids = model.getList("params.centroids");
        double[] distances = new double[centroids.size()];
        for (int c = 0; c < centroids.size(); c++) {
            double sum = 0;
            for (int j = 0; j < names.size(); j++) {
                double raw = features.get(names.get(j));
                double x = transforms.get(j).equals("LOG1P") ? Math.log1p(raw) : raw;
                double z = (x - means.get(j).doubleValue()) / scales.get(j).doubleValue();
                double diff = z - ((Number) centroids.get(c).get(j)).doubleValue();
                sum += diff * diff;
            }
            distances[c] = Math.sqrt(sum);
        }
        return distances;
    }
}
