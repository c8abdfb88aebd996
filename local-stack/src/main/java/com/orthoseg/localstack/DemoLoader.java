package com.orthoseg.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The demo of {@code ./orthoseg up}: imports the Datacamp files through ingest-service, waits until the
 * features have settled and every profiled doctor is segmented (training the first versions on all of
 * them if the schedule has not), then prints a short summary. Arguments: the data directory, the
 * ingest and segment-service base URLs, and the dev key directory ({@link DevTokens}).
 */
public final class DemoLoader {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String ingest;
    private final String segments;
    /** The local operator: imports, reads the reports, trains the first versions. */
    private final String bearer;

    private DemoLoader(String ingest, String segments, DevTokens tokens) {
        this.ingest = ingest;
        this.segments = segments;
        this.bearer = tokens.bearer("ingest", "analyst", "admin");
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        DemoLoader demo = new DemoLoader(args[1], args[2], DevTokens.in(Path.of(args[3])));
        demo.importFiles(data);
        demo.awaitSettled();
        demo.awaitSegmented();
        demo.summary();
    }

    private void importFiles(Path data) throws IOException, InterruptedException {
        for (String kind : List.of("doctors", "orders", "complaints", "instructions")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(ingest + "/api/v1/imports/" + kind))
                    .header("Authorization", bearer)
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(data.resolve(kind + ".csv"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("importing " + kind + ": HTTP " + response.statusCode() + " " + response.body());
            }
            JsonNode summary = JSON.readTree(response.body());
            say("imported %s.csv: %d rows, %d accepted, %d rejected", kind, summary.get("rows").asLong(),
                    summary.get("accepted").asLong(), summary.get("rejected").asLong());
        }
    }

    /** Until segment-service's coverage has not changed for 5 s. */
    private void awaitSettled() throws InterruptedException {
        String last = "";
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < Duration.ofSeconds(5).toNanos()) {
            JsonNode coverage = get("/api/v1/reports/coverage");
            String now = coverage.toString();
            if (!now.equals(last)) {
                say("features so far: %d doctors, %d with a profile, %d with orders, %d with complaints",
                        coverage.get("doctors").asInt(), coverage.get("withProfile").asInt(), coverage.get("withOrders").asInt(),
                        coverage.get("withComplaints").asInt());
                last = now;
                stableSince = System.nanoTime();
            }
            Thread.sleep(1000);
        }
    }

    /** Trains and activates the first version of a scheme that has none, then waits for every profiled doctor. */
    private void awaitSegmented() throws IOException, InterruptedException {
        for (String scheme : List.of("clusters", "rfm")) {
            JsonNode models = get("/api/v1/models");
            boolean active = false;
            for (JsonNode model : models) {
                active |= model.get("scheme").asText().equals(scheme) && model.get("status").asText().equals("ACTIVE");
            }
            if (!active) {
                say("training the first %s version…", scheme);
                HttpResponse<String> trained = HTTP.send(HttpRequest.newBuilder(URI.create(segments + "/api/v1/models/" + scheme + "/retrain"))
                        .header("Authorization", bearer)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                if (trained.statusCode() != 201 && trained.statusCode() != 409) {
                    throw new IllegalStateException("training " + scheme + ": HTTP " + trained.statusCode() + " " + trained.body());
                }
            }
        }
        int profiled = get("/api/v1/reports/coverage").get("withProfile").asInt();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            JsonNode clusters = optional("/api/v1/reports/segments/clusters");
            int segmented = clusters == null ? 0 : clusters.get("doctors").asInt();
            say("%d of %d profiled doctors segmented", segmented, profiled);
            if (segmented >= profiled) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every profiled doctor was segmented within 5 minutes");
            }
            Thread.sleep(2000);
        }
    }

    private void summary() {
        StringBuilder out = new StringBuilder("\nThe Datacamp doctors, segmented:\n");
        for (JsonNode scheme : get("/api/v1/reports/segments")) {
            out.append(String.format(Locale.ROOT, "  %s (model %s, %d doctors)%n", scheme.get("scheme").asText(),
                    scheme.get("modelVersion").asText(), scheme.get("doctors").asInt()));
            for (JsonNode segment : scheme.get("segments")) {
                // an RFM segment's description only repeats its cell
                String description = scheme.get("scheme").asText().equals("rfm") ? "" : segment.path("description").asText("");
                out.append(String.format(Locale.ROOT, "    %-28s %4d doctors, %5.1f%% of purchases%s%n", segment.get("name").asText(),
                        segment.get("doctors").asInt(), 100 * segment.get("shareOfPurchases").asDouble(),
                        description.isEmpty() ? "" : "  — " + shorten(description)));
            }
        }
        out.append("\n  Regions with the most doctors (average purchases):\n");
        JsonNode regions = get("/api/v1/reports/regions").at("/byRegion/groups");
        for (int i = 0; i < Math.min(5, regions.size()); i++) {
            JsonNode region = regions.get(i);
            out.append(String.format(Locale.ROOT, "    %-10s %3d doctors, %.2f%n", region.get("group").asText(),
                    region.get("doctors").asInt(), region.get("averagePurchases").asDouble()));
        }
        out.append("\n  Purchases versus complaints: ").append(get("/api/v1/reports/purchases-vs-complaints").get("conclusion").asText())
                .append("\n\n  Dashboard: ").append(segments).append("/ (sign in with the link printed above)\n");
        System.out.println(out);
    }

    private static String shorten(String text) {
        int cut = text.indexOf(';');
        String first = cut < 0 ? text : text.substring(0, cut);
        return first.length() <= 90 ? first : first.substring(0, 89) + "…";
    }

    private JsonNode get(String path) {
        JsonNode body = optional(path);
        if (body == null) {
            throw new IllegalStateException("GET " + path + " found nothing");
        }
        return body;
    }

    private JsonNode optional(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(segments + path)).header("Authorization", bearer).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void say(String format, Object... args) {
        System.out.printf("[demo] " + format + "%n", args);
    }
}
