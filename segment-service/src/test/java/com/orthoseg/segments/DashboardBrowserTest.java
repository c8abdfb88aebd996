package com.orthoseg.segments;

import com.orthoseg.localstack.LocalStackResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

import java.io.IOException;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in real headless Chromium on the Datacamp doctors: sign-in and roles, charts drawn, a
 * doctor looked up, a retrain previewed (last: it adds doctors).
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static Browser browser;
    private static boolean published;

    @TestHTTPResource("/")
    URL dashboard;

    @BeforeAll
    static void startTheBrowser() throws IOException {
        browser = Browser.start();
    }

    @AfterAll
    static void stopTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void publishTheDatacampDoctorsOnce() {
        if (!published) {
            DatacampDoctors.publish();
            SegmentsApi.trainAndActivate("clusters");
            SegmentsApi.trainAndActivate("rfm");
            published = true;
        }
    }

    @Test
    @Order(0)
    void theDashboardAsksForATokenAndShowsOnlyWhatItsRolesAllow() throws IOException {
        browser.open(dashboard + "#/");
        browser.until(By.id("token")).sendKeys(LocalStackResource.stack().tokens().token("analyst"));
        browser.find(By.id("sign-in")).click();
        browser.awaitPage("overview");
        assertThat(browser.find(By.id("user")).getText()).contains("Roles: analyst");

        browser.open(dashboard + "#/models");
        assertThat(browser.until(By.cssSelector("#page .error")).getText())
                .contains("Your token's roles (analyst) do not allow this: /api/v1/models");
        browser.screenshot("forbidden");

        browser.find(By.id("sign-out")).click();
        assertThat(browser.until(By.id("token")).isDisplayed()).isTrue();
        browser.find(By.id("token")).sendKeys("not-a-token");
        browser.find(By.id("sign-in")).click();
        assertThat(browser.until(By.cssSelector("#page .error")).getText()).contains("The token was refused");
    }

    @Test
    @Order(1)
    void theOverviewDrawsItsCharts() throws IOException {
        // the local run's dev login: a link with the token in its fragment
        browser.open(dashboard + "#token=" + LocalStackResource.stack().tokens().token("analyst", "support", "admin"));
        browser.awaitPage("overview");
        assertThat((String) browser.script("return location.hash;")).isEqualTo("#/");
        for (String chart : List.of("segments-clusters", "segments-rfm", "regions", "scatter")) {
            Object drawn = browser.script("const c = Chart.getChart(arguments[0]);"
                    + "return c ? c.data.datasets.reduce((n, d) => n + d.data.length, 0) : -1;", chart);
            assertThat(((Number) drawn).intValue()).as(chart).isPositive();
        }
        Number dots = (Number) browser.script("return Chart.getChart('scatter').data.datasets.reduce((n, d) => n + d.data.length, 0);");
        assertThat(dots.intValue()).isEqualTo(437);
        Number painted = (Number) browser.script("const c = document.getElementById('scatter');"
                + "const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0; for (let i = 3; i < px.length; i += 4) { if (px[i] > 0) n++; } return n;");
        assertThat(painted.intValue()).as("painted pixels of the scatter chart").isGreaterThan(1000);
        assertThat(browser.find(By.id("conclusion")).getText()).contains("74 of 437 profiled doctors");
        browser.screenshot("overview");
    }

    @Test
    @Order(2)
    void aDoctorLookupShowsTheSegmentsWhyAndTheHistory() throws IOException {
        JsonPath clusters = SegmentsApi.scheme("AHDCBA", "clusters");
        browser.open(dashboard + "#/doctors");
        browser.awaitPage("doctors");
        browser.find(By.id("doctor-id")).sendKeys("AHDCBA");
        browser.find(By.cssSelector("form button[type=submit]")).click();
        String shown = browser.until(By.id("doctor")).getText();
        assertThat(shown).contains("Doctor AHDCBA", clusters.getString("segment.name"), "FIRST_ASSIGNMENT", "z-score",
                clusters.getString("drivers[0].feature"));
        browser.screenshot("doctor-lookup");

        browser.open(dashboard + "#/doctors/NOSUCHDOCTOR");
        assertThat(browser.until(By.cssSelector("#page .error")).getText()).contains("NOSUCHDOCTOR");
    }

    @Test
    @Order(3)
    void aSegmentPageShowsItsProfileAndMembersAndSavesItsPlaybook() throws IOException {
        JsonPath scheme = given().get("/api/v1/reports/segments/clusters").then().statusCode(200).extract().jsonPath();
        String segment = scheme.getString("segments[0].id");
        int members = scheme.getInt("segments[0].doctors");
        browser.open(dashboard + "#/segments/clusters/" + segment);
        browser.awaitPage("segments");
        Number bars = (Number) browser.script("return Chart.getChart('profile').data.labels.length;");
        assertThat(bars.intValue()).isGreaterThan(5);
        assertThat(browser.find(By.id("members")).findElements(By.cssSelector("tbody tr"))).hasSize(Math.min(50, members));
        assertThat(browser.find(By.id("members")).getText()).contains("(" + members + " doctors)");

        String playbook = "Call within a week; offer the <b>new</b> catalogue.";
        browser.find(By.id("playbook")).clear();
        browser.find(By.id("playbook")).sendKeys(playbook);
        browser.find(By.id("save-playbook")).click();
        browser.until(By.xpath("//span[text()='Saved.']"));
        assertThat(given().get("/api/v1/reports/segments/clusters").then().extract().jsonPath()
                .getString("segments.find { it.id == '" + segment + "' }.playbook")).isEqualTo(playbook);
        browser.screenshot("segment");
    }

    @Test
    @Order(4)
    void aRetrainPreviewListsTheMovesItWouldCause() throws IOException {
        // doctors far from the Datacamp ones shift the next version's centroids, so some doctors would move
        Random random = new Random(7);
        try (FeaturesSender sender = new FeaturesSender()) {
            for (int g = 0; g < GeneratedDoctors.GROUPS; g++) {
                for (int i = 0; i < 50; i++) {
                    sender.send(GeneratedDoctors.record("GEN-" + g + "-" + i, 1, Instant.parse("2026-01-20T00:00:00Z"),
                            GeneratedDoctors.around(g, random)));
                }
            }
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v1/doctors/GEN-3-49/segments").then().statusCode(200));

        browser.open(dashboard + "#/models");
        browser.awaitPage("models");
        int versions = browser.find(By.tagName("tbody")).findElements(By.tagName("tr")).size();
        browser.find(By.id("retrain-clusters")).click();
        browser.until(By.cssSelector("main[data-ready='models'] button.preview"));
        assertThat(browser.find(By.tagName("tbody")).findElements(By.tagName("tr"))).hasSize(versions + 1);
        browser.find(By.cssSelector("button.preview")).click();
        String preview = browser.until(By.cssSelector("#preview table")).getText();

        String version = given().get("/api/v1/models").then().extract().jsonPath()
                .getString("find { it.scheme == 'clusters' && it.status == 'PREVIEW' }.id");
        JsonPath expected = given().get("/api/v1/models/{v}/preview", version).then().statusCode(200).extract().jsonPath();
        assertThat(expected.getInt("moving")).isPositive();
        assertThat(browser.find(By.id("preview")).getText()).contains(expected.getInt("moving") + " would change segment");
        List<Integer> moves = expected.getList("moves.doctors", Integer.class);
        assertThat(browser.find(By.cssSelector("#preview tbody")).findElements(By.tagName("tr"))).hasSize(moves.size());
        assertThat(preview).contains(String.valueOf(moves.get(0)));
        browser.screenshot("retrain-preview");
    }
}
