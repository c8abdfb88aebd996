package com.orthoseg.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** JSON over HTTP, as any client of the services would use it: with a bearer token, or none when {@code null}. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String bearer;

    Http(String bearer) {
        this.bearer = bearer;
    }

    record Answer(int status, JsonNode body) {
    }

    Answer fetch(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json"));
    }

    /** The body of a 200 answer; any other status fails the test. */
    JsonNode get(String url) {
        Answer answer = fetch(url);
        if (answer.status() != 200) {
            throw new AssertionError("GET " + url + ": HTTP " + answer.status() + " " + answer.body());
        }
        return answer.body();
    }

    Answer post(String url, String contentType, HttpRequest.BodyPublisher body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType).POST(body));
    }

    Answer postFile(String url, Path file) {
        try {
            return post(url, "text/csv", HttpRequest.BodyPublishers.ofFile(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer postJson(String url, Object body) {
        try {
            return post(url, "application/json", HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer send(HttpRequest.Builder builder) {
        if (bearer != null) {
            builder.header("Authorization", bearer);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
