package com.orthoseg.bench;

import com.orthoseg.events.DoctorFeatures.Coverage;
import com.orthoseg.segments.model.ClusterSettings;
import com.orthoseg.segments.model.ClusterTrainer;
import com.orthoseg.segments.model.InputFeature;
import com.orthoseg.segments.model.KMeans;
import com.orthoseg.segments.model.Points;
import com.orthoseg.segments.model.TrainingDoctor;
import org.apache.commons.math3.random.MersenneTwister;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * k-means on 1,000,000 doctors × 16 features, k = 8: OrthoSeg's KMeans (greedy k-means++, Lloyd with
 * Hamerly's bounds) on a data file that bench/sklearn_kmeans.py then clusters with scikit-learn's
 * KMeans, same k, same number of initialisations, same tolerance. Then the whole clusters retrain
 * (transform, standardize, fit, quality gate, naming) on the same doctors.
 *
 * <p>-Dbench.doctors (1000000), -Dbench.restarts (1), -Dbench.runs (5), -Dbench.firstSeed (0), -Dbench.file
 * (bench/target/kmeans.f64).
 */
public final class ClusteringBenchmark {

    private static final int D = 16;
    private static final int K = 8;
    /** The lowest inertia any run of either implementation found on the default data (seed 42). */
    private static final double BEST_KNOWN_INERTIA = 1.600214e7;

    public static void main(String[] args) throws IOException {
        int n = Integer.getInteger("bench.doctors", 1_000_000);
        int restarts = Integer.getInteger("bench.restarts", 1);
        Path file = Path.of(System.getProperty("bench.file", BenchSupport.logs().resolve("kmeans.f64").toString()));
        Points points = data(n, new Random(42));
        write(points, file);
        System.out.printf("data: %,d × %d in %s (float64, little-endian)%n", n, D, file);

        KMeans kMeans = new KMeans(300, 1e-4);
        int runs = Integer.getInteger("bench.runs", 5);
        int firstSeed = Integer.getInteger("bench.firstSeed", 0);
        int optimal = 0;
        for (int run = firstSeed; run < firstSeed + runs; run++) {
            long start = System.nanoTime();
            KMeans.Result result = kMeans.fit(points, K, restarts, new MersenneTwister(run));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("orthoseg k-means run %d: %.2f s, %d iterations, inertia %.6e (restarts %d, %d threads)%n",
                    run, seconds, result.iterations(), result.inertia(), restarts, Runtime.getRuntime().availableProcessors());
            optimal += result.inertia() < BEST_KNOWN_INERTIA * (1 + 1e-6) ? 1 : 0;
        }
        System.out.printf("best known inertia (%.6e) reached in %d of %d runs%n", BEST_KNOWN_INERTIA, optimal, runs);

        List<TrainingDoctor> doctors = doctors(points);
        ClusterSettings settings = new ClusterSettings(K, K, restarts, 5, 0.6, 0.01, 20_000, 2_000, 0.1, 42);
        long start = System.nanoTime();
        ClusterTrainer.Trained trained = new ClusterTrainer(settings).train(doctors, null, Set.of());
        System.out.printf("full clusters retrain (k = 8, quality gate with 5 bootstrap fits on 20,000 and a silhouette on 2,000): %.2f s, gate %s%n",
                (System.nanoTime() - start) / 1e9, trained.gate().passed() ? "passed" : "not passed");
    }

    /** Eight overlapping Gaussian blobs of unequal sizes: centers ~N(0, 2²), unit noise. */
    static Points data(int n, Random random) {
        double[][] centers = new double[K][D];
        for (double[] center : centers) {
            for (int j = 0; j < D; j++) {
                center[j] = 2 * random.nextGaussian();
            }
        }
        double[] values = new double[n * D];
        for (int i = 0; i < n; i++) {
            int blob = (int) Math.min(K - 1, Math.floor(K * Math.pow(random.nextDouble(), 1.5)));
            for (int j = 0; j < D; j++) {
                values[i * D + j] = centers[blob][j] + random.nextGaussian();
            }
        }
        return new Points(values, n, D);
    }

    private static void write(Points points, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (double value : points.values()) {
                if (!buffer.hasRemaining()) {
                    buffer.flip();
                    channel.write(buffer);
                    buffer.clear();
                }
                buffer.putDouble(value);
            }
            buffer.flip();
            channel.write(buffer);
        }
    }

    /** The same points as doctors whose inputs are already on the transformed scale (every input IDENTITY-like). */
    private static List<TrainingDoctor> doctors(Points points) {
        List<InputFeature> inputs = InputFeature.DEFAULT;
        Coverage all = new Coverage(true, true, true, true);
        List<TrainingDoctor> doctors = new ArrayList<>(points.n());
        for (int i = 0; i < points.n(); i++) {
            Map<String, Double> features = new HashMap<>(32);
            for (int j = 0; j < D; j++) {
                double value = points.values()[i * D + j];
                // LOG1P inputs get expm1 of a positive shift, so their transform gives back a value of the blob
                features.put(inputs.get(j).name(), inputs.get(j).transform() == InputFeature.Transform.LOG1P
                        ? Math.expm1(value + 20) : value);
            }
            doctors.add(new TrainingDoctor(String.format("D%07d", i), features, all));
        }
        return doctors;
    }
}
