package com.orthoseg.segments;

import io.restassured.path.json.JsonPath;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** The calls the tests make again and again, through the public API. */
final class SegmentsApi {

    private SegmentsApi() {
    }

    /** The active version of the scheme (trained and activated on first use). */
    static String trainAndActivate(String scheme) {
        JsonPath models = given().get("/api/v1/models").then().statusCode(200).extract().jsonPath();
        String active = models.getString("find { it.scheme == '" + scheme + "' && it.status == 'ACTIVE' }.id");
        if (active != null) {
            return active;
        }
        JsonPath trained = given().post("/api/v1/models/{scheme}/retrain", scheme).then().statusCode(201).extract().jsonPath();
        String version = trained.getString("id");
        if (!trained.getString("status").equals("ACTIVE")) {
            given().post("/api/v1/models/{v}/activate", version).then().statusCode(200);
        }
        return version;
    }

    static JsonPath scheme(String doctorId, String scheme) {
        return new JsonPath(given().get("/api/v1/doctors/{id}/segments", doctorId).then().statusCode(200).extract()
                .jsonPath().prettify()).setRootPath("schemes.find { it.scheme == '" + scheme + "' }");
    }

    static JsonPath schemeAt(String doctorId, String scheme, java.time.Instant at) {
        return new JsonPath(given().queryParam("at", at.toString()).get("/api/v1/doctors/{id}/segments", doctorId)
                .then().statusCode(200).extract().jsonPath().prettify()).setRootPath("schemes.find { it.scheme == '" + scheme + "' }");
    }

    /** Every doctor's segment in the scheme now, from the paged segment listings. */
    static Map<String, String> segments(String scheme) {
        Map<String, String> segmentOf = new HashMap<>();
        JsonPath listed = given().get("/api/v1/segments").then().statusCode(200).extract().jsonPath();
        List<String> ids = listed.getList("find { it.scheme == '" + scheme + "' }.segments.id");
        for (String id : ids) {
            for (int page = 0; ; page++) {
                List<String> doctors = given().queryParam("page", page).queryParam("size", 500)
                        .get("/api/v1/segments/{scheme}/{id}/doctors", scheme, id)
                        .then().statusCode(200).extract().jsonPath().getList("doctors.doctorId");
                doctors.forEach(d -> segmentOf.put(d, id));
                if (doctors.size() < 500) {
                    break;
                }
            }
        }
        return segmentOf;
    }
}
