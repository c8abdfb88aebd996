package com.orthoseg.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.orthoseg.events.Topic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files as the tools read them: every kustomize overlay rendered by kubectl, and
 * docker-compose.yml parsed by docker-compose (nothing is deployed or run: no cluster, no Docker engine).
 */
class DeploymentFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> SERVICES = List.of("ingest-service", "feature-service", "segment-service");
    private static final Map<String, String> PLAIN = Map.of();

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyOverlayRendersTheWholeSystem(String overlay) {
        List<JsonNode> objects = documents(Tools.run(PLAIN, "kubectl", "kustomize", "deploy/overlays/" + overlay));
        String namespace = overlay.equals("prod") ? "orthoseg" : "orthoseg-dev";
        assertThat(objects).allSatisfy(o -> assertThat(o.at("/metadata/namespace").asText()).isEqualTo(namespace));

        for (String service : SERVICES) {
            JsonNode deployment = one(objects, "Deployment", service);
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            assertThat(container.get("image").asText()).endsWith("-native");
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.at("/resources/requests/memory").isMissingNode()).isFalse();
            assertThat(container.at("/resources/limits/memory").isMissingNode()).isFalse();
            assertThat(container.at("/envFrom/0/configMapRef/name").asText()).isEqualTo("orthoseg-config");
            // a read-only root file system, with a writable /tmp for Vert.x's file cache (written at start-up)
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            String tmp = java.util.stream.StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                    .filter(m -> m.path("mountPath").asText().equals("/tmp")).findFirst().orElseThrow().get("name").asText();
            assertThat(deployment.at("/spec/template/spec/volumes")).filteredOn(v -> v.path("name").asText().equals(tmp))
                    .singleElement().satisfies(v -> assertThat(v.path("emptyDir").isObject()).isTrue());
            one(objects, "Service", service);
            one(objects, "PodDisruptionBudget", service);
        }
        for (String consumer : List.of("feature-service", "segment-service")) {
            JsonNode deployment = one(objects, "Deployment", consumer);
            assertThat(env(deployment, "POSTGRES_PASSWORD").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("orthoseg-db-app");
            int maxReplicas = one(objects, "HorizontalPodAutoscaler", consumer).at("/spec/maxReplicas").asInt();
            assertThat(maxReplicas).isBetween(1, 12);
        }
        assertThat(of(objects, "HorizontalPodAutoscaler")).hasSize(2);

        Set<String> topics = new TreeSet<>();
        for (JsonNode topic : of(objects, "KafkaTopic")) {
            topics.add(topic.at("/spec/topicName").asText());
            assertThat(topic.at("/spec/partitions").asInt()).as("partitions bound the autoscalers").isEqualTo(12);
        }
        Set<String> expected = new TreeSet<>();
        for (Topic topic : Topic.values()) {
            expected.add(topic.topicName());
            expected.add(topic.deadLetterTopicName());
            String policy = of(objects, "KafkaTopic").stream().filter(t -> t.at("/spec/topicName").asText().equals(topic.topicName()))
                    .findFirst().orElseThrow().at("/spec/config/cleanup.policy").asText();
            assertThat(policy).as(topic.topicName()).isEqualTo(topic.cleanup().name().toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(topics).isEqualTo(expected);
        one(objects, "Kafka", "orthoseg-kafka");
        one(objects, "Cluster", "orthoseg-db");
        assertThat(of(objects, "Database")).extracting(d -> d.at("/spec/name").asText()).containsExactlyInAnyOrder("features", "segments");
        JsonNode config = one(objects, "ConfigMap", "orthoseg-config");
        assertThat(config.at("/data/MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText()).startsWith("https://");
        assertThat(config.at("/data/MP_JWT_VERIFY_ISSUER").asText()).startsWith("https://");
        assertThat(one(objects, "NetworkPolicy", "default-deny-ingress").at("/spec/podSelector").isEmpty()).isTrue();
        assertThat(of(objects, "NetworkPolicy")).hasSizeGreaterThanOrEqualTo(4);

        if (overlay.equals("prod")) {
            JsonNode listener = one(objects, "Kafka", "orthoseg-kafka").at("/spec/kafka/listeners/0");
            assertThat(listener.get("tls").asBoolean()).isTrue();
            assertThat(listener.at("/authentication/type").asText()).isEqualTo("scram-sha-512");
            assertThat(one(objects, "ConfigMap", "orthoseg-config").at("/data/KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
            for (String service : SERVICES) {
                one(objects, "KafkaUser", service);
                assertThat(env(one(objects, "Deployment", service), "KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/name").asText())
                        .isEqualTo(service);
                assertThat(one(objects, "Deployment", service).at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void theComposeFileStartsTheWholeSystemFromJvmOrNativeImages() throws IOException {
        JsonNode jvm = YAML.readTree(Tools.run(Map.of("ORTHOSEG_TOKEN", "a-dev-token"), "docker-compose", "-f", "docker-compose.yml", "config"));
        Set<String> names = new TreeSet<>();
        jvm.get("services").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("kafka", "kafka-topics", "postgres", "ingest-service", "feature-service",
                "segment-service", "demo-loader");
        assertThat(jvm.at("/services/kafka/image").asText()).startsWith("apache/kafka:");
        assertThat(jvm.at("/services/kafka/environment/KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        for (String service : SERVICES) {
            JsonNode definition = jvm.at("/services/" + service);
            assertThat(definition.at("/build/dockerfile").asText()).isEqualTo("src/main/docker/Dockerfile.jvm");
            assertThat(definition.at("/healthcheck/test").toString()).contains("/q/health/ready");
            assertThat(definition.at("/depends_on/kafka-topics/condition").asText()).isEqualTo("service_completed_successfully");
            assertThat(definition.at("/environment/KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
            assertThat(definition.at("/environment/MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText()).isEqualTo("/keys/public.pem");
        }
        assertThat(jvm.at("/services/demo-loader/environment/ORTHOSEG_TOKEN").asText()).isEqualTo("a-dev-token");
        assertThat(jvm.at("/services/postgres/healthcheck").isMissingNode()).isFalse();
        assertThat(jvm.at("/services/demo-loader/depends_on/ingest-service/condition").asText()).isEqualTo("service_healthy");

        JsonNode nativeImages = YAML.readTree(Tools.run(Map.of("DOCKERFILE", "native", "ORTHOSEG_TOKEN", "a-dev-token"), "docker-compose", "-f", "docker-compose.yml", "config"));
        for (String service : SERVICES) {
            assertThat(nativeImages.at("/services/" + service + "/build/dockerfile").asText()).isEqualTo("src/main/docker/Dockerfile.native");
        }
    }

    private static List<JsonNode> documents(String yaml) {
        try {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readerFor(JsonNode.class).readValues(yaml).forEachRemaining(d -> documents.add((JsonNode) d));
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> of(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.get("kind").asText().equals(kind)).toList();
    }

    private static JsonNode one(List<JsonNode> objects, String kind, String name) {
        List<JsonNode> found = of(objects, kind).stream().filter(o -> o.at("/metadata/name").asText().equals(name)).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    private static JsonNode env(JsonNode deployment, String name) {
        for (JsonNode variable : deployment.at("/spec/template/spec/containers/0/env")) {
            if (variable.get("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no " + name + " in " + deployment.at("/metadata/name").asText());
    }
}
