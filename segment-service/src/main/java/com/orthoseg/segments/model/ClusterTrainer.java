package com.orthoseg.segments.model;

import com.orthoseg.segments.model.QualityGate.Candidate;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Trains a clusters version: transform and standardize the inputs, fit k-means++ for every k of the
 * configured range, keep the k the quality gate prefers, give its segments ids (matched to the previous
 * version's, so ids stay stable), names and profiles. Seeded: the same doctors give the same version.
 */
public final class ClusterTrainer {

    /** Shown in segment profiles besides the inputs. */
    private static final List<String> PROFILE_EXTRAS = Stream.concat(
            Stream.of("isSpecialist", "includesSpecialInstructions"),
            Stream.of("A", "B", "C", "D", "E", "F", "G", "H", "I").map(c -> "conditionShare." + c)).toList();
    private static final int MAX_ITERATIONS = 300;
    private static final double TOLERANCE = 1e-4;

    private final ClusterSettings settings;
    private final KMeans kMeans = new KMeans(MAX_ITERATIONS, TOLERANCE);

    public ClusterTrainer(ClusterSettings settings) {
        this.settings = settings;
    }

    public record Trained(ClusterModel model, QualityGate gate) {
    }

    /**
     * @param previous the version whose segment ids the new segments inherit when matched (null for none)
     * @param usedIds  every clusters segment id ever given, so an unmatched segment gets a new one
     */
    public Trained train(List<TrainingDoctor> doctors, ClusterModel previous, Set<String> usedIds) {
        int n = doctors.size();
        if (n < 2 * settings.kMin()) {
            throw new IllegalStateException("clusters need at least " + 2 * settings.kMin() + " profiled doctors, there are " + n);
        }
        List<InputFeature> inputs = InputFeature.DEFAULT;
        int d = inputs.size();
        double[] raw = new double[n * d];
        SummaryStatistics[] statistics = new SummaryStatistics[d];
        for (int j = 0; j < d; j++) {
            statistics[j] = new SummaryStatistics();
        }
        for (int i = 0; i < n; i++) {
            TrainingDoctor doctor = doctors.get(i);
            for (int j = 0; j < d; j++) {
                double value = inputs.get(j).apply(doctor.features(), doctor.coverage());
                raw[i * d + j] = value;
                if (!Double.isNaN(value)) {
                    statistics[j].addValue(value);
                }
            }
        }
        double[] means = new double[d];
        double[] scales = new double[d];
        for (int j = 0; j < d; j++) {
            means[j] = statistics[j].getN() == 0 ? 0 : statistics[j].getMean();
            double sd = statistics[j].getN() < 2 ? 0 : Math.sqrt(statistics[j].getPopulationVariance());
            // a constant (or absent) input carries no information: it standardizes to 0 everywhere
            scales[j] = sd > 0 ? sd : 1;
        }
        double[] z = new double[n * d];
        for (int p = 0; p < z.length; p++) {
            int j = p % d;
            z[p] = Double.isNaN(raw[p]) ? 0 : (raw[p] - means[j]) / scales[j];
        }
        Points points = new Points(z, n, d);

        RandomGenerator random = new MersenneTwister(settings.seed());
        int[] sample = sample(n, settings.qualitySample(), random);
        Points sampled = points.subset(sample);
        List<Candidate> candidates = new ArrayList<>();
        Map<Integer, KMeans.Result> fits = new LinkedHashMap<>();
        for (int k = settings.kMin(); k <= Math.min(settings.kMax(), n / 2); k++) {
            KMeans.Result fit = kMeans.fit(points, k, settings.restarts(), random);
            fits.put(k, fit);
            candidates.add(candidate(fit, sampled, sample, random));
        }
        Candidate chosen = candidates.stream().filter(c -> c.failedBecause() == null)
                .max(Comparator.comparingDouble(Candidate::silhouette))
                .orElseGet(() -> candidates.stream().max(Comparator.comparingDouble(Candidate::silhouette)).orElseThrow());
        QualityGate gate = new QualityGate(candidates, chosen.k(), chosen.failedBecause() == null,
                settings.minStability(), settings.minSegmentShare());
        KMeans.Result fit = fits.get(chosen.k());

        ClusterModel scaling = new ClusterModel(inputs, means, scales, new double[0][], List.of(), Map.of(), settings.hysteresis());
        double[][] centroids = new double[fit.k()][];
        for (int c = 0; c < fit.k(); c++) {
            centroids[c] = new double[d];
            System.arraycopy(fit.centroids(), c * d, centroids[c], 0, d);
        }
        String[] ids = SegmentIds.assign(centroids, scaling, previous, usedIds, sizes(fit));
        List<String> profiled = new ArrayList<>(inputs.stream().map(InputFeature::name).toList());
        profiled.addAll(PROFILE_EXTRAS);
        List<Map<String, Double>> profiles = profiles(doctors, fit.labels(), fit.k(), profiled);
        List<SegmentDefinition> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int[] sizes = sizes(fit);
        for (int c = 0; c < fit.k(); c++) {
            segments.add(SegmentDescriber.describe(ids[c], scaling, centroids[c],
                    profiles.get(c), sizes[c], names));
        }
        return new Trained(new ClusterModel(inputs, means, scales, centroids, segments, profiles.get(fit.k()), settings.hysteresis()), gate);
    }

    private Candidate candidate(KMeans.Result fit, Points sampled, int[] sample, RandomGenerator random) {
        int k = fit.k();
        int[] sampleLabels = new int[sample.length];
        for (int i = 0; i < sample.length; i++) {
            sampleLabels[i] = fit.labels()[sample[i]];
        }
        int silhouetteSize = Math.min(settings.silhouetteSample(), sample.length);
        int[] first = new int[silhouetteSize];
        for (int i = 0; i < silhouetteSize; i++) {
            first[i] = i;
        }
        double silhouette = ClusterQuality.silhouette(sampled.subset(first), Arrays.copyOf(sampleLabels, silhouetteSize), k);
        double stability = 0;
        for (int b = 0; b < settings.resamples(); b++) {
            int[] drawn = new int[sample.length];
            for (int i = 0; i < drawn.length; i++) {
                drawn[i] = random.nextInt(sample.length);
            }
            KMeans.Result resampled = kMeans.fit(sampled.subset(drawn), k, 1, random);
            int[] relabelled = new int[sample.length];
            for (int i = 0; i < sample.length; i++) {
                relabelled[i] = KMeans.nearest(sampled, i, resampled.centroids(), k);
            }
            stability += ClusterQuality.adjustedRandIndex(sampleLabels, k, relabelled, k);
        }
        stability = settings.resamples() == 0 ? 1 : stability / settings.resamples();
        int[] sizes = sizes(fit);
        int smallest = Integer.MAX_VALUE;
        for (int size : sizes) {
            smallest = Math.min(smallest, size);
        }
        double smallestShare = smallest / (double) fit.labels().length;
        String failed = smallestShare < settings.minSegmentShare()
                ? String.format(Locale.ROOT, "smallest segment %.1f%% < %.1f%%", 100 * smallestShare, 100 * settings.minSegmentShare())
                : stability < settings.minStability()
                ? String.format(Locale.ROOT, "stability %.2f < %.2f", stability, settings.minStability()) : null;
        return new Candidate(k, fit.inertia(), fit.iterations(), silhouette, stability, smallestShare, failed);
    }

    private static int[] sizes(KMeans.Result fit) {
        int[] sizes = new int[fit.k()];
        for (int label : fit.labels()) {
            sizes[label]++;
        }
        return sizes;
    }

    /** Up to {@code size} distinct indices of 0..n-1 (all of them, in order, when n ≤ size). */
    private static int[] sample(int n, int size, RandomGenerator random) {
        if (n <= size) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int swap = pool[i];
            pool[i] = pool[j];
            pool[j] = swap;
        }
        return Arrays.copyOf(pool, size);
    }

    /**
     * Feature means over the known values, per cluster (index 0..k-1) and over all doctors (index k), in
     * one pass over the doctors.
     */
    private static List<Map<String, Double>> profiles(List<TrainingDoctor> doctors, int[] labels, int k, List<String> names) {
        double[][] sums = new double[k + 1][names.size()];
        long[][] counts = new long[k + 1][names.size()];
        for (int i = 0; i < doctors.size(); i++) {
            Map<String, Double> features = doctors.get(i).features();
            for (int f = 0; f < names.size(); f++) {
                Double value = features.get(names.get(f));
                if (value != null && !value.isNaN()) {
                    for (int group : new int[]{labels[i], k}) {
                        sums[group][f] += value;
                        counts[group][f]++;
                    }
                }
            }
        }
        List<Map<String, Double>> profiles = new ArrayList<>();
        for (int group = 0; group <= k; group++) {
            Map<String, Double> profile = new LinkedHashMap<>();
            for (int f = 0; f < names.size(); f++) {
                profile.put(names.get(f), counts[group][f] == 0 ? null : sums[group][f] / counts[group][f]);
            }
            profiles.add(profile);
        }
        return profiles;
    }
}
