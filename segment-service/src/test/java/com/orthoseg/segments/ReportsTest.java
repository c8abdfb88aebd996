package com.orthoseg.segments;

import com.orthoseg.events.DoctorProfile;
import com.orthoseg.features.DatacampData;
import com.orthoseg.localstack.ConsumerOffsets;
import com.orthoseg.localstack.LocalStackResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The reports on the Datacamp data, every number of questions 1 and 2 checked against values computed
 * here from the CSV rows with plain formulas (counts and means exact, statistics to 1e-6).
 */
@QuarkusTest
class ReportsTest {

    private static final double EXACT = 1e-9;
    private static final double STATISTIC = 1e-6;

    private static boolean published;
    private static List<List<String>> doctors;
    private static Map<String, Map<String, Integer>> complaints;

    @BeforeEach
    void publishTheDatacampDoctorsOnce() throws IOException {
        if (published) {
            return;
        }
        DatacampDoctors.publish();
        SegmentsApi.trainAndActivate("clusters");
        SegmentsApi.trainAndActivate("rfm");
        doctors = DatacampData.rows("doctors");
        complaints = new HashMap<>();
        for (List<String> row : DatacampData.rows("complaints")) {
            if (row.get(1) != null) {
                complaints.computeIfAbsent(row.get(0), d -> new TreeMap<>()).merge(row.get(1), Integer.parseInt(row.get(2)), Integer::sum);
            }
        }
        published = true;
    }

    @Test
    void doctorsAndAveragePurchasesPerRegionCategoryAndRank() {
        JsonPath regions = json("/api/v1/reports/regions");
        assertThat(regions.getInt("profiledDoctors")).isEqualTo(437);
        assertGroups(regions, "byRegion", groupBy(1, r -> r.get(1)), true);
        assertGroups(regions, "byCategory", groupBy(2, r -> r.get(2).equals("Specialist") ? "Specialist" : "General practitioner"), true);
        Map<String, List<Double>> ranks = groupBy(3, r -> r.get(3) == null ? "(none)"
                : r.get(3).substring(0, 1) + r.get(3).substring(1).toLowerCase(java.util.Locale.ROOT));
        assertGroups(regions, "byRank", ranks, false);
        assertThat(regions.getList("byRank.groups.group", String.class)).containsExactly("Silver", "Silver plus", "Gold",
                "Gold plus", "Platinum", "Platinum plus", "Titanium", "Titanium plus", "Ambassador", "(none)")
                .containsAll(ranks.keySet());
    }

    /** label → every doctor's purchases in the group */
    private static Map<String, List<Double>> groupBy(int column, java.util.function.Function<List<String>, String> label) {
        Map<String, List<Double>> groups = new HashMap<>();
        doctors.forEach(r -> groups.computeIfAbsent(label.apply(r), k -> new ArrayList<>()).add(Double.valueOf(r.get(8))));
        return groups;
    }

    private static void assertGroups(JsonPath report, String table, Map<String, List<Double>> expected, boolean byDoctors) {
        List<Map<String, Object>> groups = report.getList(table + ".groups");
        assertThat(groups).hasSize(expected.size());
        for (Map<String, Object> group : groups) {
            List<Double> purchases = expected.get((String) group.get("group"));
            assertThat(purchases).as(table + " " + group.get("group")).isNotNull();
            assertThat(group.get("doctors")).isEqualTo(purchases.size());
            assertThat(group.get("withPurchases")).isEqualTo(purchases.size());
            double sum = purchases.stream().mapToDouble(Double::doubleValue).sum();
            assertThat(((Number) group.get("totalPurchases")).doubleValue()).isCloseTo(sum, within(EXACT));
            assertThat(((Number) group.get("averagePurchases")).doubleValue()).isCloseTo(sum / purchases.size(), within(EXACT));
        }
        if (byDoctors) {
            List<String> order = new ArrayList<>(expected.keySet());
            order.sort(Comparator.comparing((String g) -> -expected.get(g).size()).thenComparing(g -> g));
            assertThat(groups.stream().map(g -> (String) g.get("group")).toList()).containsExactlyElementsOf(order);
        }
    }

    @Test
    void purchasesVersusComplaintsWithPValuesTercilesAndAnHonestConclusion() {
        JsonPath report = json("/api/v1/reports/purchases-vs-complaints");
        Set<String> profiled = new HashSet<>();
        doctors.forEach(r -> profiled.add(r.get(0)));
        double[] purchases = doctors.stream().mapToDouble(r -> Double.parseDouble(r.get(8))).toArray();
        double[] complaintTotals = doctors.stream().mapToDouble(r -> total(r.get(0))).toArray();
        assertThat(report.getInt("withComplaints")).isEqualTo(74);
        assertThat(report.getInt("complainingWithoutProfile")).isEqualTo(210);
        assertThat(number(report, "complaintsWithoutProfile")).isEqualTo(complaints.keySet().stream()
                .filter(d -> !profiled.contains(d)).mapToDouble(ReportsTest::total).sum());
        assertCorrelation(report, "overAll", purchases, complaintTotals);

        List<Integer> complaining = new ArrayList<>();
        for (int i = 0; i < doctors.size(); i++) {
            if (complaintTotals[i] > 0) {
                complaining.add(i);
            }
        }
        double[] complainingPurchases = complaining.stream().mapToDouble(i -> purchases[i]).toArray();
        assertCorrelation(report, "overComplaining", complainingPurchases, complaining.stream().mapToDouble(i -> complaintTotals[i]).toArray());
        Set<String> types = new TreeSet<>();
        complaining.forEach(i -> types.addAll(complaints.get(doctors.get(i).get(0)).keySet()));
        assertThat(report.getList("byComplaintType")).hasSize(types.size());
        int index = 0;
        for (String type : types) {
            assertThat(report.getString("byComplaintType[" + index + "].population")).endsWith(": " + type);
            assertCorrelation(report, "byComplaintType[" + index + "]", complainingPurchases, complaining.stream()
                    .mapToDouble(i -> complaints.get(doctors.get(i).get(0)).getOrDefault(type, 0)).toArray());
            index++;
        }

        double low = legacyPercentile(purchases, 100 / 3.0);
        double middle = legacyPercentile(purchases, 200 / 3.0);
        assertThat(number(report, "terciles.lowUpTo")).isCloseTo(low, within(EXACT));
        assertThat(number(report, "terciles.middleUpTo")).isCloseTo(middle, within(EXACT));
        long[][] table = new long[3][2];
        for (int i = 0; i < purchases.length; i++) {
            table[purchases[i] <= low ? 0 : purchases[i] <= middle ? 1 : 2][complaintTotals[i] > 0 ? 0 : 1]++;
        }
        List<List<Integer>> counts = report.getList("terciles.table.counts");
        for (int row = 0; row < 3; row++) {
            assertThat(counts.get(row)).containsExactly((int) table[row][0], (int) table[row][1]);
        }
        double chiSquare = chiSquare(table);
        assertThat(number(report, "terciles.table.chiSquare")).isCloseTo(chiSquare, within(STATISTIC));
        assertThat(number(report, "terciles.table.pValue"))
                .isCloseTo(1 - new ChiSquaredDistribution(2).cumulativeProbability(chiSquare), within(STATISTIC));
        assertThat(number(report, "terciles.table.cramersV")).isCloseTo(Math.sqrt(chiSquare / purchases.length), within(STATISTIC));

        String conclusion = report.getString("conclusion");
        assertThat(conclusion).contains("74 of 437 profiled doctors").contains("210 doctors with")
                .contains("cannot be related to purchases").contains("Spearman ρ = ").contains("Cramér's V");
    }

    private static double total(String doctorId) {
        return complaints.getOrDefault(doctorId, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    private static void assertCorrelation(JsonPath report, String path, double[] x, double[] y) {
        int n = x.length;
        double r = pearson(x, y);
        double rho = pearson(ranks(x), ranks(y));
        assertThat(report.getInt(path + ".doctors")).isEqualTo(n);
        assertThat(number(report, path + ".pearson")).as(path).isCloseTo(r, within(STATISTIC));
        assertThat(number(report, path + ".pearsonP")).as(path).isCloseTo(pValue(r, n), within(STATISTIC));
        assertThat(number(report, path + ".spearman")).as(path).isCloseTo(rho, within(STATISTIC));
        assertThat(number(report, path + ".spearmanP")).as(path).isCloseTo(pValue(rho, n), within(STATISTIC));
    }

    /** A report with its numbers read as doubles (JsonPath reads them as floats by default). */
    private static JsonPath json(String path) {
        return given().get(path).then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static double number(JsonPath report, String path) {
        return report.getDouble(path);
    }

    private static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** 1-based ranks, ties given the average of the positions they span. */
    private static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = (start + end) / 2.0 + 1;
            }
            start = end + 1;
        }
        return ranks;
    }

    private static double pValue(double r, int n) {
        double t = r * Math.sqrt((n - 2) / (1 - r * r));
        return 2 * new TDistribution(n - 2).cumulativeProbability(-Math.abs(t));
    }

    /** The percentile as commons-math3's legacy estimate defines it: position p(n+1)/100, linear between neighbours. */
    private static double legacyPercentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = p * (sorted.length + 1) / 100;
        if (position < 1) {
            return sorted[0];
        }
        if (position >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        int below = (int) Math.floor(position);
        return sorted[below - 1] + (position - below) * (sorted[below] - sorted[below - 1]);
    }

    private static double chiSquare(long[][] table) {
        double total = 0;
        double[] rows = new double[table.length];
        double[] columns = new double[table[0].length];
        for (int i = 0; i < table.length; i++) {
            for (int j = 0; j < table[i].length; j++) {
                rows[i] += table[i][j];
                columns[j] += table[i][j];
                total += table[i][j];
            }
        }
        double chiSquare = 0;
        for (int i = 0; i < table.length; i++) {
            for (int j = 0; j < table[i].length; j++) {
                double expected = rows[i] * columns[j] / total;
                chiSquare += (table[i][j] - expected) * (table[i][j] - expected) / expected;
            }
        }
        return chiSquare;
    }

    @Test
    void coverageCountsEverySourceCombination() {
        JsonPath coverage = given().get("/api/v1/reports/coverage").then().statusCode(200).extract().jsonPath();
        assertThat(coverage.getInt("doctors")).isEqualTo(647);
        assertThat(coverage.getInt("withProfile")).isEqualTo(437);
        assertThat(coverage.getInt("withOrders")).isEqualTo(76);
        assertThat(coverage.getList("combinations.doctors", Integer.class).stream().mapToInt(Integer::intValue).sum()).isEqualTo(647);
        assertThat(coverage.getInt("combinations.find { it.sources == 'profile' }.doctors")).isEqualTo(304);
    }

    @Test
    void eachSchemesSegmentsAreSummedUpExplainedAndCrossTabulated() {
        for (String scheme : List.of("clusters", "rfm")) {
            JsonPath report = given().get("/api/v1/reports/segments/{scheme}", scheme).then().statusCode(200).extract().jsonPath();
            Map<String, String> segmentOf = SegmentsApi.segments(scheme);
            assertThat(report.getInt("doctors")).isEqualTo(segmentOf.size());
            List<Map<String, Object>> segments = report.getList("segments");
            double doctorShares = 0;
            double purchaseShares = 0;
            for (Map<String, Object> segment : segments) {
                long members = segmentOf.values().stream().filter(segment.get("id")::equals).count();
                assertThat(((Number) segment.get("doctors")).longValue()).isEqualTo(members);
                doctorShares += ((Number) segment.get("shareOfDoctors")).doubleValue();
                purchaseShares += ((Number) segment.get("shareOfPurchases")).doubleValue();
            }
            assertThat(doctorShares).isCloseTo(1, within(1e-6));
            assertThat(purchaseShares).isCloseTo(1, within(1e-6));

            List<Float> eta = report.getList("drivers.etaSquared", Float.class);
            assertThat(eta).isNotEmpty().isSortedAccordingTo(Comparator.reverseOrder());
            // rfm bins split equal values by doctor id (DESIGN.md), which no tree on the values can follow
            assertThat(report.getDouble("tree.accuracy")).isBetween(scheme.equals("clusters") ? 0.7 : 0.0, 1.0);
            assertThat(report.getList("tree.rules.segmentId", String.class)).isSubsetOf(segmentOf.values());
            int ruled = report.getList("tree.rules.doctors", Integer.class).stream().mapToInt(Integer::intValue).sum();
            assertThat(ruled).isEqualTo(segmentOf.size());
            assertThat(report.getList("byCategory.columns", String.class)).isSubsetOf(segmentOf.values());
            assertThat(report.getDouble("byRegion.chiSquare")).isPositive();
        }
        given().get("/api/v1/reports/segments/bogus").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void thePrintableReportIsMarkdownOrOneSelfContainedHtmlPage() {
        String markdown = given().accept("text/markdown").get("/api/v1/reports/segmentation").then().statusCode(200)
                .contentType("text/markdown").extract().asString();
        assertThat(markdown).contains("# Doctor segmentation report", "## 1. Doctors and purchases by region",
                "## 2. Purchases versus complaints", "## 3. Segments: clusters", "## 3. Segments: rfm", "**Playbook.**");

        String rename = "<script>alert('x')</script> | Loyal";
        String segment = given().get("/api/v1/reports/segments/clusters").then().extract().jsonPath().getString("segments[0].id");
        given().contentType("application/json").body(Map.of("name", rename)).patch("/api/v1/segments/clusters/{id}", segment)
                .then().statusCode(200);
        try {
            String html = given().queryParam("format", "html").get("/api/v1/reports/segmentation").then().statusCode(200)
                    .contentType("text/html").extract().asString();
            assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "<table>", "Purchases versus complaints")
                    .doesNotContain("<script", "src=\"http", "href=\"http").contains("&lt;script&gt;");
            assertThat(html.split("<svg", -1)).hasSizeGreaterThanOrEqualTo(5);
        } finally {
            given().contentType("application/json").body(Map.of("name", "")).patch("/api/v1/segments/clusters/{id}", segment)
                    .then().statusCode(200);
        }
        given().queryParam("format", "pdf").get("/api/v1/reports/segmentation").then().statusCode(400)
                .contentType("application/problem+json");
        assertThat(given().get("/api/v1/reports/segmentation").then().statusCode(200).extract().jsonPath()
                .getInt("regions.profiledDoctors")).isEqualTo(437);
    }

    @Test
    void aDoctorsRegionIsThatOfTheNewestProfileWhateverTheArrivalOrder() {
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        try (FeaturesSender sender = new FeaturesSender()) {
            sender.sendProfile(new DoctorProfile("REGIONTEST", "new", null, null, null, null, null, null, null, t.plusSeconds(60)));
            sender.sendProfileRaw("REGIONTEST", "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sender.sendProfile(new DoctorProfile("REGIONTEST", "old", null, null, null, null, null, null, null, t));
            // a typo of a date would otherwise stay "the newest" forever
            sender.sendProfile(new DoctorProfile("REGIONTEST", "typo", null, null, null, null, null, null, null,
                    Instant.parse("2062-03-01T00:00:00Z")));
            sender.sendProfileRaw("REGIONUNDATED", "{\"doctorId\":\"REGIONUNDATED\",\"region\":\"undated\"}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sender.sendProfile(new DoctorProfile("REGIONLATE", "first", null, null, null, null, null, null, null, t));
        }
        // the records are on several partitions: wait until the region consumer has committed all of them
        try (ConsumerOffsets offsets = new ConsumerOffsets(LocalStackResource.stack().kafkaBootstrapServers())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> offsets.caughtUp("segment-service-regions", List.of("doctors")));
        }
        assertThat(SegmentsDatabase.number("SELECT count(*) FROM doctor_region WHERE doctor_id = 'REGIONTEST' AND region = 'new'"))
                .isEqualTo(1);
        assertThat(SegmentsDatabase.number("SELECT count(*) FROM doctor_region WHERE doctor_id = 'REGIONUNDATED' "
                + "AND region = 'undated'")).isEqualTo(1);
        assertThat(SegmentsDatabase.number("SELECT count(*) FROM doctor_region WHERE doctor_id = 'REGIONLATE'")).isEqualTo(1);
    }

    /** A doctorId too long for PostgreSQL's index (the contract sets no length) is skipped, not retried forever. */
    @Test
    void aProfilePostgreSqlRefusesDoesNotHoldUpTheOthers() {
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        String unindexable = SegmentsDatabase.unindexableId();
        try (FeaturesSender sender = new FeaturesSender()) {
            sender.sendProfile(new DoctorProfile(unindexable, "refused", null, null, null, null, null, null, null, t));
            sender.sendProfile(new DoctorProfile("REGIONAFTERREFUSAL", "kept", null, null, null, null, null, null, null, t));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> SegmentsDatabase.number(
                "SELECT count(*) FROM doctor_region WHERE doctor_id = 'REGIONAFTERREFUSAL' AND region = 'kept'") == 1);
        assertThat(SegmentsDatabase.number("SELECT count(*) FROM doctor_region WHERE region = 'refused'")).isZero();
    }
}
