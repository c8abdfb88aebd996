package com.orthoseg.bench;

import com.orthoseg.localstack.LocalStack;
import com.orthoseg.localstack.PackagedService;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The reports and the dashboard with N doctors (default 10,000) in segments of both schemes: response
 * times of the report APIs the dashboard's overview loads, of the printable HTML report, and the
 * overview's load in headless Chromium (navigation to every chart drawn).
 *
 * <p>{@code ./mvnw -q -pl bench exec:java@reports [-Dbench.doctors=10000] [-Dbench.runs=20]}
 */
public final class ReportBenchmark {

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int doctors = Integer.getInteger("bench.doctors", 10_000);
        int runs = Integer.getInteger("bench.runs", 20);
        try (LocalStack stack = LocalStack.start(LocalStack.Settings.forTests(true, true))) {
            stack.createDatabase("segments");
            LocalStack.PostgresEndpoint db = stack.postgresEndpoint();
            Map<String, String> env = new HashMap<>(stack.environment());
            env.put("ORTHOSEG_SEGMENTS_CHECK_INTERVAL", "1h");

            RescoringBenchmark.produce(stack.kafkaBootstrapServers(), doctors, 1, new Random(1));
            profiles(stack.kafkaBootstrapServers(), doctors, new Random(3));
            String bearer = stack.tokens().bearer("analyst", "admin");
            try (PackagedService service = BenchSupport.service("segment-service", env).start();
                 Connection sql = DriverManager.getConnection(db.jdbcUrl("segments"), db.user(), db.password())) {
                service.awaitReady(Duration.ofSeconds(90));
                RescoringBenchmark.await(sql, "SELECT count(*) FROM doctor_features", doctors, service);
                RescoringBenchmark.await(sql, "SELECT count(*) FROM doctor_region", doctors, service);
                for (String scheme : List.of("clusters", "rfm")) {
                    post(service.url() + "/api/v1/models/" + scheme + "/retrain", bearer);
                }
                String base = service.url();
                System.out.printf("%n%d doctors, %d runs each (after 3 warm-up runs)%n%n| request | median (ms) | p90 (ms) | bytes |%n"
                        + "| --- | --- | --- | --- |%n", doctors, runs);
                for (String path : List.of("/api/v1/reports/segmentation", "/api/v1/reports/scatter",
                        "/api/v1/reports/segmentation?format=html", "/api/v1/reports/segmentation?format=markdown")) {
                    time(base + path, bearer, runs);
                }
                // the dashboard's sign-in link, as ./orthoseg up prints it
                overview(base + "/#token=" + stack.tokens().token("analyst"), Math.max(3, runs / 4));
            }
        }
    }

    /** A profile per doctor on doctors, in one of 46 regions. */
    private static void profiles(String bootstrap, int doctors, Random random) {
        try (BenchSupport.ReliableSender producer = new BenchSupport.ReliableSender(bootstrap)) {
            for (int i = 0; i < doctors; i++) {
                String json = "{\"doctorId\":\"D" + i + "\",\"region\":\"R " + random.nextInt(46) + "\",\"updatedAt\":\""
                        + Instant.parse("2026-06-01T00:00:00Z") + "\"}";
                producer.send(new ProducerRecord<>("doctors", null, "D" + i, json.getBytes(StandardCharsets.UTF_8), List.of()));
            }
        }
    }

    private static void post(String url, String bearer) throws Exception {
        HttpResponse<String> response = BenchSupport.http().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", bearer).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(url + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private static void time(String url, String bearer, int runs) throws Exception {
        double[] millis = new double[runs];
        long bytes = 0;
        for (int run = -3; run < runs; run++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = BenchSupport.http().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + ": HTTP " + response.statusCode());
            }
            if (run >= 0) {
                millis[run] = (System.nanoTime() - start) / 1e6;
                bytes = response.body().length;
            }
        }
        print(url.substring(url.indexOf("/api")), millis, String.valueOf(bytes));
    }

    private static void overview(String url, int runs) throws Exception {
        Path profile = Files.createTempDirectory("orthoseg-bench-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(new File("/usr/bin/chromium")).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,1100", "--user-data-dir=" + profile);
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
        try {
            double[] millis = new double[runs];
            for (int run = -1; run < runs; run++) {
                driver.get("about:blank");
                long start = System.nanoTime();
                driver.get(url);
                new WebDriverWait(driver, Duration.ofSeconds(60))
                        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-ready='overview']")));
                if (run >= 0) {
                    millis[run] = (System.nanoTime() - start) / 1e6;
                }
            }
            print("dashboard overview in chromium, load to charts drawn", millis, "–");
        } finally {
            driver.quit();
        }
    }

    private static void print(String what, double[] millis, String bytes) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf("| %s | %.0f | %.0f | %s |%n", what, sorted[sorted.length / 2],
                sorted[(int) Math.ceil(sorted.length * 0.9) - 1], bytes);
    }
}
